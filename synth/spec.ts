/** The shape of a category's templates (see categories-a.ts, categories-b.ts). */
import type { CategoryCode } from '../models/categories';
import type { OrgKind } from './actors';
import type { Person } from './identity';
import type { Place } from './places';
import type { Rng } from './rng';

/** The reported person or organisation, shared by all incidents of one subjectId. */
export interface Subject {
  id: string;
  boss: Person;
  nick?: string;
  /** "柳河村村委会主任", "城关区公安分局副局长": their post, if any. */
  position?: string;
  henchmen: Person[];
  age: string;
  place: Place;
  /** Whether the boss is himself an official (then an umbrella-primary report). */
  official?: { unit: string; position: string };
}

export interface Setup {
  orgKind?: OrgKind;
  /** Key facts of the incident, fixed across all its reports (amounts, dates, victims…). */
  vars: Record<string, string>;
  /** Secondary categories, each with alternative sentence templates that state it. */
  extras: Array<{ category: CategoryCode; sentences: readonly string[] }>;
  amountScale: 'small' | 'medium' | 'large';
  period: boolean;
  /** Index into the category's facets (which facts the incident is about); random if absent. */
  facet?: number;
  /** Overrides the incident's key amount (e.g. a debt that must exceed the loan). */
  amount?: string;
  /** Umbrella-primary: the gang's own category. */
  gangCategory?: CategoryCode;
}

export interface CategorySpec {
  code: CategoryCode;
  /** The subject's post when this category creates the subject (村主任 for grassroots control). */
  position?: (rng: Rng, place: Place) => string | undefined;
  setup(rng: Rng, subject: Subject): Setup;
  /** Alternative narratives: lists of sentence templates; a leading '?' marks an optional sentence. */
  bodies: ReadonlyArray<readonly string[]>;
  /**
   * Groups of body indices that tell the same facts; an incident keeps to one group, so that its
   * retellings agree. Absent: all bodies are interchangeable.
   */
  facets?: ReadonlyArray<readonly number[]>;
  /** Categories a second, different incident of the same subject may have. */
  related: readonly CategoryCode[];
  /** Share of incidents that also name a protective official. */
  umbrellaRate: number;
}

/** Picks k distinct extras with the given probability each. */
export function maybe(rng: Rng, p: number, category: CategoryCode, sentences: readonly string[]): Setup['extras'] {
  return rng.chance(p) ? [{ category, sentences }] : [];
}
