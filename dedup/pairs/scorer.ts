/**
 * The pair scorer, after Fellegi and Sunter: every field's state adds its log-likelihood ratio
 * log P(state | match) / P(state | non-match) (0 when missing), cosine and shingle overlap add the
 * weight of their bin, and the sum plus the prior log-odds is the pair's log-odds of a match.
 * Field evidence is not independent (cosine and shingles overlap, a name and a place travel
 * together), so the summed log-odds overstates certainty: a Platt map fitted on held-apart
 * validation pairs turns it into a probability.
 *
 * Two such models: `duplicate` (same incident vs anything else) and `related` (same subject,
 * another incident, vs an unrelated pair; fitted on non-duplicate pairs only). A pair is a
 * duplicate when P(duplicate) ≥ thresholds.duplicate, else related when P(related) ≥
 * thresholds.related, else new. Parameters come from lab/dedup/calibrate.ts, via trained/pair-params.json.
 */
import type { Screening } from '../../models/lead';
import { sigmoid } from '../../models/math';
import { pairFeatures, PAIR_FIELDS, type FieldState, type PairFeatures, type PairField, type PairInputs } from './features';
import { cosineThreshold, type CosineOnlyRule } from './cosine-thresholds';

/**
 * Weights of a binned score: bin i holds values in [edges[i-1], edges[i]); weights.length = edges.length + 1.
 * With `centres` (one per bin, increasing), the weight is interpolated linearly between the bins'
 * centres (constant beyond the first and last): a strictly increasing interpolation ranks pairs as
 * the score itself does, where a step function would tie every pair of one bin.
 */
export interface BinnedWeights {
  readonly edges: readonly number[];
  readonly weights: readonly number[];
  readonly centres?: readonly number[];
}

export interface PairModel {
  /** log odds of a match before any evidence (from the fitting pairs' mix). */
  readonly priorLogOdds: number;
  /** Log-likelihood ratio per field and state; absent states and `missing` weigh 0. */
  readonly fields: Readonly<Record<PairField, Readonly<Partial<Record<FieldState, number>>>>>;
  readonly cosine: BinnedWeights;
  readonly shingle: BinnedWeights;
  /** probability = σ(a · logOdds + b). */
  readonly platt: { readonly a: number; readonly b: number };
  /**
   * Multiplies every weight but the cosine's (default 1). Chosen on labelled pairs: 0 leaves the
   * embedder's cosine alone, so the scorer never ranks real pairs worse than its own cosine.
   */
  readonly evidenceScale?: number;
}

export type { CosineOnlyRule } from './cosine-thresholds';

export interface DedupParams {
  /** The embedder whose cosines the cosine bins were fitted on. */
  readonly embedderId: string;
  readonly duplicate: PairModel;
  readonly related: PairModel;
  /** Probability cut-offs. */
  readonly thresholds: { readonly duplicate: number; readonly related: number };
  /** The meaning-only rule for evidence-poor pairs; absent: the table of cosine-thresholds.ts. */
  readonly cosineOnly?: CosineOnlyRule;
  /** Free-form facts about the calibration run. */
  readonly about?: Readonly<Record<string, unknown>>;
}

export const PAIR_OUTCOMES = ['duplicate', 'related', 'new'] as const;
export type PairOutcome = (typeof PAIR_OUTCOMES)[number];

export type EvidenceName = PairField | 'cosine' | 'shingle';

/** One piece of evidence and what it added to the duplicate log-odds. */
export interface Contribution {
  readonly field: EvidenceName;
  /** A field state, or the bin of a score ("0.93"). */
  readonly state: FieldState | 'bin';
  readonly weight: number;
  readonly value?: number;
  readonly detail?: string;
}

export interface PairScore {
  /**
   * What decided: the calibrated field weights, or — when neither text names anything to compare
   * (no person, place, official, organisation, phone, ID number, amount or date) — the embedder's
   * cosine threshold alone (cosine-thresholds.ts).
   */
  readonly basis: 'fields' | 'cosine-only';
  /** P(same incident). */
  readonly probability: number;
  /** P(same subject, other incident), from the related model. */
  readonly relatedProbability: number;
  readonly outcome: PairOutcome;
  readonly logOdds: number;
  /** Duplicate-model contributions, largest magnitude first. */
  readonly contributions: readonly Contribution[];
  readonly features: PairFeatures;
}

export function binOf(edges: readonly number[], x: number): number {
  let i = 0;
  while (i < edges.length && x >= edges[i]!) i++;
  return i;
}

export function binWeight(b: BinnedWeights, x: number): number {
  const c = b.centres;
  if (!c || c.length !== b.weights.length || c.length < 2) return b.weights[binOf(b.edges, x)] ?? 0;
  // Beyond the first and last centres a tiny slope keeps the weight strictly increasing.
  if (x <= c[0]!) return b.weights[0]! - EDGE_SLOPE * (c[0]! - x);
  for (let i = 1; i < c.length; i++) {
    if (x <= c[i]!) {
      const t = (x - c[i - 1]!) / Math.max(c[i]! - c[i - 1]!, 1e-12);
      return b.weights[i - 1]! + t * (b.weights[i]! - b.weights[i - 1]!);
    }
  }
  return b.weights[c.length - 1]! + EDGE_SLOPE * (x - c[c.length - 1]!);
}

/** Log-odds per unit of score beyond the outermost bin centres. */
const EDGE_SLOPE = 1e-3;

export function contributions(model: PairModel, f: PairFeatures): Contribution[] {
  const scale = model.evidenceScale ?? 1;
  const out: Contribution[] = PAIR_FIELDS.map((field) => {
    const c = f.fields[field];
    const weight = c.state === 'missing' ? 0 : scale * (model.fields[field][c.state] ?? 0);
    return { field, state: c.state, weight, ...(c.detail !== undefined ? { detail: c.detail } : {}) };
  });
  out.push(
    f.cosine === undefined
      ? { field: 'cosine', state: 'missing', weight: 0 }
      : { field: 'cosine', state: 'bin', weight: binWeight(model.cosine, f.cosine), value: f.cosine },
  );
  out.push({ field: 'shingle', state: 'bin', weight: scale * binWeight(model.shingle, f.shingle), value: f.shingle });
  return out;
}

export function logOddsOf(model: PairModel, contribs: readonly Contribution[]): number {
  return contribs.reduce((s, c) => s + c.weight, model.priorLogOdds);
}

export function probabilityOf(model: PairModel, logOdds: number): number {
  return sigmoid(model.platt.a * logOdds + model.platt.b);
}

/** P(match) under one model, from features already computed. */
export function modelProbability(model: PairModel, f: PairFeatures): number {
  return probabilityOf(model, logOddsOf(model, contributions(model, f)));
}

export function outcomeOf(params: Pick<DedupParams, 'thresholds'>, probability: number, relatedProbability: number): PairOutcome {
  if (probability >= params.thresholds.duplicate) return 'duplicate';
  return relatedProbability >= params.thresholds.related ? 'related' : 'new';
}

/** Neither side names anything the field weights could compare. */
export function evidencePoor(f: PairFeatures): boolean {
  return PAIR_FIELDS.every((field) => field === 'category' || f.fields[field].state === 'missing');
}

/** Scores features already computed (calibration and evaluation reuse them). */
export function scoreFeatures(f: PairFeatures, params: DedupParams): PairScore {
  const contribs = contributions(params.duplicate, f);
  const logOdds = logOddsOf(params.duplicate, contribs);
  const probability = probabilityOf(params.duplicate, logOdds);
  const relatedProbability = modelProbability(params.related, f);
  const poor = evidencePoor(f);
  return {
    basis: poor ? 'cosine-only' : 'fields',
    probability,
    relatedProbability,
    outcome: poor
      ? (f.cosine ?? -1) >= cosineThreshold(params.embedderId, f.length, params.cosineOnly) ? 'duplicate' : 'new'
      : outcomeOf(params, probability, relatedProbability),
    logOdds,
    contributions: [...contribs].sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight)),
    features: f,
  };
}

/**
 * The production entry point: is lead `b` the same incident as lead `a`, the same subject in
 * another incident, or unrelated? Cosine counts only when both leads share an embedder.
 */
export function scorePair(a: Screening, b: Screening, params: DedupParams, inputs?: PairInputs): PairScore {
  const f = pairFeatures(a, b, inputs);
  // Cosine bins are calibrated per embedder: another embedder's cosine is no evidence here.
  if (f.cosine !== undefined && a.embedderId !== params.embedderId) {
    const { cosine: _dropped, ...rest } = f;
    return scoreFeatures(rest, params);
  }
  return scoreFeatures(f, params);
}
