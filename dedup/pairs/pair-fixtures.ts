/** Hand-made screenings and parameters for the pair scorer's tests (no model, no services). */
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import type { CategoryCode } from '../../models/categories';
import type { Entity, EntityType, Location, Screening } from '../../models/lead';
import { PAIR_FIELDS, statesOf, type PairField } from './features';
import type { DedupParams, PairModel } from './scorer';

const embedder = new HashingEmbedder();

export interface LeadSpec {
  readonly text: string;
  /** Entities by type: each string must occur in `text`; `value` defaults to the text. */
  readonly entities?: Partial<Record<EntityType, ReadonlyArray<string | { text: string; value: string }>>>;
  readonly location?: Location;
  readonly category?: CategoryCode;
  readonly embedderId?: string;
}

export function lead(spec: LeadSpec): Screening {
  const entities: Entity[] = [];
  for (const [type, list] of Object.entries(spec.entities ?? {}) as Array<[EntityType, ReadonlyArray<string | { text: string; value: string }>]>) {
    for (const item of list) {
      const { text, value } = typeof item === 'string' ? { text: item, value: item } : item;
      const start = Math.max(0, spec.text.indexOf(text));
      entities.push({ type, text, start, end: start + text.length, value });
    }
  }
  return {
    text: spec.text,
    tokens: [...spec.text],
    entities,
    categories: spec.category ? [{ code: spec.category, probability: 0.9 }] : [],
    credibility: { score: 50, reasons: [] },
    location: spec.location ?? {},
    embedderId: spec.embedderId ?? embedder.id,
    embedding: embedder.embedOne(spec.text),
  };
}

/** A model with round weights: agree +2, disagree −3 (place: county +3, prefecture +1, province 0, disagree −3). */
export function roundModel(prior = -4): PairModel {
  const fields = Object.fromEntries(
    PAIR_FIELDS.map((f: PairField) => [f, f === 'place' ? { county: 3, prefecture: 1, province: 0, disagree: -3 } : Object.fromEntries(statesOf(f).filter((s) => s !== 'missing').map((s) => [s, s === 'agree' ? 2 : -3]))]),
  ) as PairModel['fields'];
  return {
    priorLogOdds: prior,
    fields,
    cosine: { edges: [0.5, 0.8], weights: [-2, 0, 3] },
    shingle: { edges: [0.1, 0.4], weights: [-1, 0, 2] },
    platt: { a: 1, b: 0 },
  };
}

export function roundParams(): DedupParams {
  const related: PairModel = { ...roundModel(-2), fields: { ...roundModel().fields, amount: {}, date: {}, category: {} } };
  return { embedderId: embedder.id, duplicate: roundModel(), related, thresholds: { duplicate: 0.5, related: 0.5 } };
}
