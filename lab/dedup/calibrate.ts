/**
 * Calibration of the pair scorer on labelled pairs. Pure and deterministic: same pairs → same
 * parameters.
 *
 * - Field weights: for each field, P(state | match) and P(state | non-match) among pairs where
 *   the field is not missing, with add-½ smoothing; weight = log of their ratio (for a two-state
 *   field: log m/u on agreement, log (1−m)/(1−u) on disagreement). Missing weighs 0.
 * - Cosine and shingle overlap: bin edges at quantiles of the matches and of the non-matches
 *   (so that both ends of the scale get bins), a smoothed log ratio per bin, then made
 *   non-decreasing by pool-adjacent-violators (more similar never counts against a match).
 * - Prior: log odds of matches among the fitting pairs.
 * - Platt map and thresholds: on the validation pairs only. The duplicate threshold maximises
 *   F1 of duplicate-vs-not; the related threshold maximises F1 of same-subject-vs-not among the
 *   validation pairs the duplicate threshold calls not duplicate.
 */
import type { Screening } from '../../models/lead';
import { pairFeatures, PAIR_FIELDS, statesOf, type FieldState, type PairFeatures, type PairField } from '../../dedup/pairs/features';
import { contributions, logOddsOf, probabilityOf, type BinnedWeights, type DedupParams, type PairModel } from '../../dedup/pairs/scorer';
import { fitPlatt } from '../stats/calibration';

export type PairLabel = 'duplicate' | 'related' | 'new';

/** A labelled pair of screened leads: generated truth, or an analyst's mark. */
export interface LabelledPair {
  readonly a: Screening;
  readonly b: Screening;
  readonly label: PairLabel;
}

export interface LabelledFeatures {
  readonly features: PairFeatures;
  readonly label: PairLabel;
}

export const SMOOTHING = 0.5;
export const MAX_WEIGHT = 8;
export const QUANTILES_PER_CLASS = 6;

const clamp = (w: number) => Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w));

/** Log-likelihood ratio per non-missing state of one field. */
export function fieldWeights(states: readonly FieldState[], positives: readonly FieldState[], negatives: readonly FieldState[]): Partial<Record<FieldState, number>> {
  const present = states.filter((s) => s !== 'missing');
  const count = (xs: readonly FieldState[], s: FieldState) => xs.filter((x) => x === s).length;
  const nPos = positives.filter((s) => s !== 'missing').length;
  const nNeg = negatives.filter((s) => s !== 'missing').length;
  const out: Partial<Record<FieldState, number>> = {};
  for (const s of present) {
    const m = (count(positives, s) + SMOOTHING) / (nPos + SMOOTHING * present.length);
    const u = (count(negatives, s) + SMOOTHING) / (nNeg + SMOOTHING * present.length);
    out[s] = clamp(Math.log(m / u));
  }
  return out;
}

function quantiles(sorted: readonly number[], k: number): number[] {
  if (!sorted.length) return [];
  return Array.from({ length: k - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / k)]!);
}

/** Pool-adjacent-violators: the closest non-decreasing sequence, weighted by counts. */
export function isotonic(values: readonly number[], counts: readonly number[]): number[] {
  const blocks: Array<{ v: number; n: number; len: number }> = [];
  values.forEach((v, i) => {
    blocks.push({ v, n: Math.max(counts[i]!, 1e-9), len: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.v > blocks[blocks.length - 1]!.v) {
      const b = blocks.pop()!;
      const a = blocks.pop()!;
      blocks.push({ v: (a.v * a.n + b.v * b.n) / (a.n + b.n), n: a.n + b.n, len: a.len + b.len });
    }
  });
  return blocks.flatMap((b) => Array<number>(b.len).fill(b.v));
}

export function binnedWeightsFor(positives: readonly number[], negatives: readonly number[]): BinnedWeights {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const sort = (xs: readonly number[]) => [...xs].sort((x, y) => x - y);
  const edges = [...new Set([...quantiles(sort(positives), QUANTILES_PER_CLASS), ...quantiles(sort(negatives), QUANTILES_PER_CLASS)].map(round))].sort((x, y) => x - y);
  const bins = edges.length + 1;
  const hist = (xs: readonly number[]) => {
    const h = new Array<number>(bins).fill(0);
    for (const x of xs) {
      let i = 0;
      while (i < edges.length && x >= edges[i]!) i++;
      h[i]!++;
    }
    return h;
  };
  const hp = hist(positives);
  const hn = hist(negatives);
  const raw = hp.map((c, i) => Math.log((c + SMOOTHING) / (positives.length + SMOOTHING * bins)) - Math.log((hn[i]! + SMOOTHING) / (negatives.length + SMOOTHING * bins)));
  const weights = isotonic(raw, hp.map((c, i) => c + hn[i]!)).map((w) => Math.round(clamp(w) * 1e4) / 1e4);
  return { edges, weights };
}

/** Fellegi–Sunter weights of one model: `positive` says which labels count as a match. */
export function fitPairModel(pairs: readonly LabelledFeatures[], positive: (l: PairLabel) => boolean): PairModel {
  const pos = pairs.filter((p) => positive(p.label));
  const neg = pairs.filter((p) => !positive(p.label));
  if (!pos.length || !neg.length) throw new Error(`calibration needs both matches and non-matches (got ${pos.length} and ${neg.length})`);
  const fields = Object.fromEntries(
    PAIR_FIELDS.map((f: PairField) => [f, fieldWeights(statesOf(f), pos.map((p) => p.features.fields[f].state), neg.map((p) => p.features.fields[f].state))]),
  ) as PairModel['fields'];
  const cos = (xs: readonly LabelledFeatures[]) => xs.flatMap((p) => (p.features.cosine === undefined ? [] : [p.features.cosine]));
  const cosine = cos(pos).length && cos(neg).length ? binnedWeightsFor(cos(pos), cos(neg)) : { edges: [], weights: [0] };
  const shingle = binnedWeightsFor(pos.map((p) => p.features.shingle), neg.map((p) => p.features.shingle));
  return { priorLogOdds: Math.log(pos.length / neg.length), fields, cosine, shingle, platt: { a: 1, b: 0 } };
}

export interface ThresholdChoice {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** The cut `score ≥ t` with the best F1; t sits halfway between the last accepted and the first rejected score. */
export function bestF1Threshold(scores: readonly number[], truth: readonly boolean[]): ThresholdChoice {
  const order = scores.map((s, i) => ({ s, y: truth[i]! })).sort((x, y) => y.s - x.s);
  const positives = order.filter((o) => o.y).length;
  let tp = 0;
  let best: ThresholdChoice = { threshold: 1, precision: 0, recall: 0, f1: 0 };
  for (let k = 0; k < order.length; k++) {
    if (order[k]!.y) tp++;
    if (k + 1 < order.length && order[k + 1]!.s === order[k]!.s) continue;
    const precision = tp / (k + 1);
    const recall = positives ? tp / positives : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) {
      const next = order[k + 1]?.s ?? 0;
      best = { threshold: (order[k]!.s + next) / 2, precision, recall, f1 };
    }
  }
  return best;
}

export function featuresOf(pairs: readonly LabelledPair[]): LabelledFeatures[] {
  return pairs.map((p) => ({ features: pairFeatures(p.a, p.b), label: p.label }));
}

export interface CalibrationInput {
  readonly embedderId: string;
  /** Pairs the weights are estimated on. */
  readonly fit: readonly LabelledFeatures[];
  /** Pairs the Platt maps and thresholds are chosen on; never the evaluation's pairs. */
  readonly validation: readonly LabelledFeatures[];
  /** Analysts' marks (e.g. "not a duplicate"): added to the fitting pairs. */
  readonly analystPairs?: readonly LabelledPair[];
  readonly about?: Readonly<Record<string, unknown>>;
}

const isDuplicate = (l: PairLabel) => l === 'duplicate';
const isRelated = (l: PairLabel) => l === 'related';

function withPlatt(model: PairModel, validation: readonly LabelledFeatures[], positive: (l: PairLabel) => boolean): PairModel {
  const x = validation.map((p) => logOddsOf(model, contributions(model, p.features)));
  return { ...model, platt: fitPlatt(x, validation.map((p) => positive(p.label)), { ridge: 1 }) };
}

export function calibrate(input: CalibrationInput): DedupParams {
  const fit = [...input.fit, ...featuresOf(input.analystPairs ?? [])];
  const duplicate = withPlatt(fitPairModel(fit, isDuplicate), input.validation, isDuplicate);
  const nonDuplicates = (xs: readonly LabelledFeatures[]) => xs.filter((p) => !isDuplicate(p.label));
  const related = withPlatt(fitPairModel(nonDuplicates(fit), isRelated), nonDuplicates(input.validation), isRelated);
  const pDup = input.validation.map((p) => probabilityOf(duplicate, logOddsOf(duplicate, contributions(duplicate, p.features))));
  const dupCut = bestF1Threshold(pDup, input.validation.map((p) => isDuplicate(p.label)));
  const rest = input.validation.filter((_, i) => pDup[i]! < dupCut.threshold);
  const pRel = rest.map((p) => probabilityOf(related, logOddsOf(related, contributions(related, p.features))));
  const relCut = bestF1Threshold(pRel, rest.map((p) => p.label !== 'new'));
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    embedderId: input.embedderId,
    duplicate,
    related,
    thresholds: { duplicate: round(dupCut.threshold), related: round(relCut.threshold) },
    about: {
      ...input.about,
      fitPairs: countLabels(fit),
      validationPairs: countLabels(input.validation),
      validationDuplicate: dupCut,
      validationRelated: relCut,
    },
  };
}

export function countLabels(pairs: readonly { label: PairLabel }[]): Record<PairLabel, number> {
  const out: Record<PairLabel, number> = { duplicate: 0, related: 0, new: 0 };
  for (const p of pairs) out[p.label]++;
  return out;
}
