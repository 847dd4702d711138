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
import { contributions, evidencePoor, logOddsOf, probabilityOf, type BinnedWeights, type CosineOnlyRule, type DedupParams, type PairModel } from '../../dedup/pairs/scorer';
import { cosineThreshold } from '../../dedup/pairs/cosine-thresholds';
import { fitPlatt } from '../stats/calibration';
import { rocAuc } from './metrics';

import type { PairLabel } from './metrics';
export type { PairLabel } from './metrics';

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

// ---------------------------------------------------------------------------------------------
// Weights from the population (population.ts), cut-offs from labelled pairs of several sources.

/** Labelled pairs of one source (the generator's validation seed, the team's board pairs…); sources weigh equally. */
export interface LabelledSource {
  readonly name: string;
  readonly pairs: readonly LabelledFeatures[];
}

/** Short paraphrase pairs the meaning-only rule's short cut-off is chosen on: cosine and truth. */
export interface CosinePair {
  readonly cosine: number;
  readonly duplicate: boolean;
}

export const EVIDENCE_SCALES = [0, 0.25, 0.5, 0.75, 1] as const;
/** Where the meaning-only rule's short and long cut-offs apply (characters of the shorter text). */
export const SHORT_UP_TO = 40;
export const LONG_FROM = 120;

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);

/**
 * The evidence scale (scorer.ts PairModel.evidenceScale) whose ranking of the labelled pairs is
 * best, averaged over the sources, among the scales at which the scorer ranks every source at
 * least as well as the cosine alone; ties go to the larger scale. Scale 0 ranks exactly as the
 * cosine does, so it always qualifies: on the pairs it is chosen on, the scorer is never worse
 * than its own cosine.
 */
export function chooseEvidenceScale(model: PairModel, sources: readonly LabelledSource[]): { scale: number; auc: number } {
  const truth = sources.map((s) => s.pairs.map((p) => isDuplicate(p.label)));
  const cosineAucs = sources.map((s, k) => rocAuc(s.pairs.map((p) => p.features.cosine ?? -1), truth[k]!));
  let best = { scale: 0, auc: -Infinity };
  for (const scale of EVIDENCE_SCALES) {
    const m = { ...model, evidenceScale: scale };
    const aucs = sources.map((s, k) => rocAuc(s.pairs.map((p) => logOddsOf(m, contributions(m, p.features))), truth[k]!));
    const noWorse = aucs.every((a, k) => Number.isNaN(a) || Number.isNaN(cosineAucs[k]!) || a >= cosineAucs[k]! - 1e-12);
    const auc = mean(aucs.filter((x) => !Number.isNaN(x)));
    if ((noWorse || scale === 0) && auc >= best.auc - 1e-12) best = { scale, auc };
  }
  return best;
}

/** The cosine cut-off of best F1 (0.005 grid) on pairs of cosine and truth. */
export function bestCosineCut(pairs: readonly CosinePair[], fallback: number): number {
  if (!pairs.some((p) => p.duplicate) || pairs.every((p) => p.duplicate)) return fallback;
  return bestF1Threshold(pairs.map((p) => Math.round(p.cosine / 0.005) * 0.005), pairs.map((p) => p.duplicate)).threshold;
}

/**
 * The meaning-only rule: the short cut-off from short paraphrase pairs, the long one from the
 * labelled sources' evidence-poor pairs of long texts.
 */
export function fitCosineOnly(shortPairs: readonly CosinePair[], sources: readonly LabelledSource[], fallback: number): CosineOnlyRule {
  const long = sources.flatMap((s) => s.pairs.filter((p) => evidencePoor(p.features) && (p.features.length ?? 0) >= LONG_FROM && p.features.cosine !== undefined))
    .map((p) => ({ cosine: p.features.cosine!, duplicate: isDuplicate(p.label) }));
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return { short: round(bestCosineCut(shortPairs, fallback)), long: round(bestCosineCut(long, fallback)), shortUpTo: SHORT_UP_TO, longFrom: LONG_FROM };
}

/** The pair's decision under a duplicate cut-off: the meaning-only rule for evidence-poor pairs. */
function decides(p: LabelledFeatures, probability: number, cut: number, rule: CosineOnlyRule, embedderId: string): boolean {
  return evidencePoor(p.features) ? (p.features.cosine ?? -1) >= cosineThreshold(embedderId, p.features.length, rule) : probability >= cut;
}

export interface CutoffInput {
  readonly embedderId: string;
  /** The duplicate model's weights (population.ts); its Platt map and evidence scale are chosen here. */
  readonly duplicate: PairModel;
  /** The related model, fitted on its own pairs; its Platt map is chosen here. */
  readonly related: PairModel;
  readonly sources: readonly LabelledSource[];
  readonly shortPairs: readonly CosinePair[];
  readonly about?: Readonly<Record<string, unknown>>;
}

/**
 * Everything chosen on labelled pairs: the evidence scale, the Platt maps, the meaning-only rule
 * and the duplicate cut-off (the mean F1 over the sources of the whole decision, meaning-only
 * rule included), then the related cut-off among the pairs left.
 */
export function chooseCutoffs(input: CutoffInput): DedupParams {
  const all = input.sources.flatMap((s) => s.pairs);
  const { scale, auc } = chooseEvidenceScale(input.duplicate, input.sources);
  const scaled: PairModel = { ...input.duplicate, evidenceScale: scale };
  const duplicate = withPlatt(scaled, all, isDuplicate);
  const rule = fitCosineOnly(input.shortPairs, input.sources, cosineThreshold(input.embedderId));
  const probs = input.sources.map((s) => s.pairs.map((p) => probabilityOf(duplicate, logOddsOf(duplicate, contributions(duplicate, p.features)))));
  const grid = [...new Set(probs.flat().map((p) => Math.round(p * 1000) / 1000))].sort((a, b) => a - b);
  let best = { cut: 0.5, f1: -1, perSource: [] as number[] };
  for (const cut of grid) {
    const perSource = input.sources.map((s, k) => {
      const c = { tp: 0, fp: 0, fn: 0 };
      s.pairs.forEach((p, i) => {
        const said = decides(p, probs[k]![i]!, cut, rule, input.embedderId);
        const dup = isDuplicate(p.label);
        if (said && dup) c.tp++;
        else if (said) c.fp++;
        else if (dup) c.fn++;
      });
      return c.tp ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0;
    });
    const f1 = mean(perSource);
    if (f1 > best.f1) best = { cut, f1, perSource };
  }
  const nonDuplicates = (xs: readonly LabelledFeatures[]) => xs.filter((p) => !isDuplicate(p.label));
  const related = withPlatt(input.related, nonDuplicates(all), isRelated);
  const rest = all.filter((p) => !decides(p, probabilityOf(duplicate, logOddsOf(duplicate, contributions(duplicate, p.features))), best.cut, rule, input.embedderId));
  const pRel = rest.map((p) => probabilityOf(related, logOddsOf(related, contributions(related, p.features))));
  const relCut = bestF1Threshold(pRel, rest.map((p) => p.label !== 'new'));
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    embedderId: input.embedderId,
    duplicate,
    related,
    thresholds: { duplicate: round(best.cut), related: round(relCut.threshold) },
    cosineOnly: rule,
    about: {
      ...input.about,
      evidenceScale: { scale, meanAuc: auc },
      cutoffSources: Object.fromEntries(input.sources.map((s, k) => [s.name, { pairs: countLabels(s.pairs), f1AtCut: best.perSource[k] }])),
      shortPairs: input.shortPairs.length,
    },
  };
}
