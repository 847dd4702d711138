/**
 * A lead (线索): a report after screening, dedup and routing. Everything here is safe to show to
 * analysts: it holds no reporter identity.
 */
import type { CategoryCode } from './categories';
import type { ReporterProfile } from './report';

export const ENTITY_TYPES = ['place', 'person', 'organisation', 'official', 'phone', 'id_number', 'amount', 'date'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Administrative level of an official's unit, from the village committee up to the central state. */
export type OfficialLevel = 'village' | 'township' | 'county' | 'prefecture' | 'province' | 'national';

/** An entity found in the text; `start`/`end` are UTF-16 offsets into the lead's normalised text. */
export interface Entity {
  readonly type: EntityType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /**
   * Normalised value: an administrative code for places, digits for phones, yuan for amounts,
   * "2021-03/now", "relative:去年冬天" or "duration:3y" for periods; for officials the name (or unit +
   * position when none is written), or the form's "unit position" for one named on the form…
   */
  readonly value?: string;
  /** Officials only: the position held (所长, 副局长, 村支书…). */
  readonly role?: string;
  /** Officials only: the level of the unit, when the unit or the position tells it. */
  readonly level?: OfficialLevel;
}

export interface CategoryScore {
  readonly code: CategoryCode;
  readonly probability: number;
}

/** One reason behind a credibility score: a Chinese sentence an analyst reads, and its weight. */
export interface CredibilityReason {
  readonly code: string;
  readonly message: string;
  readonly weight: number;
}

export interface Credibility {
  /** 0–100. */
  readonly score: number;
  readonly reasons: readonly CredibilityReason[];
}

/** A credibility score kept on its 0–100 scale. */
export function clampCredibility(score: number): number {
  return Math.max(0, Math.min(100, score));
}

/** Where the lead's facts happened, as precisely as the text allows. */
export interface Location {
  readonly provinceCode?: string;
  readonly prefectureCode?: string;
  readonly countyCode?: string;
}

/**
 * Is this a 涉黑涉恶 tip-off at all? Its own calibrated decision (not the top category): the
 * probability that a careful screener would accept the report as a lead, and the decision at the
 * threshold the trained model carries (chosen for recall: a missed tip-off costs more than a false
 * alarm an analyst dismisses).
 */
export interface Scope {
  readonly inScope: boolean;
  readonly probability: number;
}

/** The screening stage's output for one report. */
export interface Screening {
  /** The text that was screened (normalised facts, subject and umbrella). */
  readonly text: string;
  readonly tokens: readonly string[];
  readonly entities: readonly Entity[];
  /**
   * All 14 codes ranked, the primary first: with the scope decision, the category of what the
   * actors do (OUT_OF_SCOPE or INVALID first when the report is not a tip-off).
   */
  readonly categories: readonly CategoryScore[];
  readonly scope: Scope;
  readonly credibility: Credibility;
  readonly location: Location;
  /** Identifier of the embedder that produced `embedding`: vectors of two embedders are never compared. */
  readonly embedderId: string;
  readonly embedding: readonly number[];
}

export const DEDUP_DECISIONS = ['new', 'duplicate'] as const;
export type DedupDecision = (typeof DEDUP_DECISIONS)[number];

/** The dedup stage's verdict. */
export interface Dedup {
  readonly decision: DedupDecision;
  /** The lead's duplicate cluster: its own when new, the matched lead's when a duplicate. */
  readonly clusterId: string;
  /** The best-matching earlier lead, when one was found. */
  readonly matchedLeadId?: string;
  /** Embedding cosine with the matched lead. */
  readonly score?: number;
  /** P(same incident) by the calibrated pair scorer, when it decided. */
  readonly probability?: number;
  /** Earlier leads about the same subject but another incident: linked, not merged. */
  readonly related?: readonly string[];
}

/** A link found by dedup, with the evidence an analyst reads. */
export interface LeadLink {
  readonly leadId: string;
  readonly otherLeadId: string;
  readonly kind: 'duplicate' | 'related';
  readonly probability: number;
  readonly evidence: {
    /** The decision and its reasons, in Chinese. */
    readonly text: string;
    readonly cosine?: number;
    readonly contributions: ReadonlyArray<{
      readonly field: string;
      readonly state: string;
      readonly weight: number;
      /** A score's value (cosine, shingle overlap). */
      readonly value?: number;
      /** What agreed, or the two sides of a disagreement. */
      readonly detail?: string;
      /** The contribution in Chinese with every code named, as the review page shows it (review/cluster-views.ts). */
      readonly label?: string;
    }>;
    readonly sentences?: { readonly a: string; readonly b: string; readonly overlap: number };
  };
}

export type RouteTarget =
  | { readonly kind: 'province'; readonly provinceCode: string }
  | { readonly kind: 'national' }
  | { readonly kind: 'out-of-scope' }
  /** Held for the national office's review (无效举报): never silently dropped. */
  | { readonly kind: 'held' };

export interface Route {
  readonly target: RouteTarget;
  readonly topic: string;
  readonly rulesVersion: number;
  /** Id of the rule that decided, and why, in Chinese. */
  readonly ruleId: string;
  readonly reason: string;
  /** The rule's actions besides the queue. */
  readonly dualReview?: boolean;
  readonly priority?: 'normal' | 'high' | 'urgent';
  /** Days within which the reporter is to be contacted. */
  readonly contactDays?: number;
  /** National coordination of a cross-province cluster: the province named to lead. */
  readonly leadProvinceCode?: string;
  /** A manual re-routing (audited): its id, the idempotency key of its messages. */
  readonly rerouteId?: string;
}

export interface Lead {
  readonly leadId: string;
  readonly receivedAt: string;
  readonly reporter: ReporterProfile;
  readonly screening: Screening;
  readonly dedup?: Dedup;
  readonly route?: Route;
}
