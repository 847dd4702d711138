/**
 * Dedup evaluation metrics: duplicate-vs-not precision, recall and F1 from a binary confusion,
 * the 3×3 confusion of the outcomes (truth × predicted), ROC AUC of a score, and the lead-level
 * decision the dedup stage makes (join the best earlier match, or open a cluster). Pure.
 */
/** What a pair is: one incident, one subject in two incidents, or unrelated. */
export type PairLabel = 'duplicate' | 'related' | 'new';

export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryMetrics extends BinaryCounts {
  readonly n: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function binaryCounts(truth: readonly boolean[], predicted: readonly boolean[]): BinaryCounts {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  truth.forEach((t, i) => c[t ? (predicted[i] ? 'tp' : 'fn') : predicted[i] ? 'fp' : 'tn']++);
  return c;
}

/** Precision is NaN when nothing is predicted positive; F1 is 0 then. */
export function binaryMetrics(c: BinaryCounts): BinaryMetrics {
  const precision = c.tp + c.fp === 0 ? Number.NaN : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? Number.NaN : c.tp / (c.tp + c.fn);
  const f1 = Number.isNaN(precision) || Number.isNaN(recall) || precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, n: c.tp + c.fp + c.fn + c.tn, precision, recall, f1 };
}

export const LABELS: readonly PairLabel[] = ['duplicate', 'related', 'new'];

/** rows: truth, columns: predicted, in LABELS order. */
export type Confusion3 = number[][];

export function confusion3(truth: readonly PairLabel[], predicted: readonly PairLabel[]): Confusion3 {
  const m = LABELS.map(() => LABELS.map(() => 0));
  truth.forEach((t, i) => m[LABELS.indexOf(t)]![LABELS.indexOf(predicted[i]!)]!++);
  return m;
}

/** Duplicate-vs-not figures read off a 3×3 confusion. */
export function duplicateMetricsFrom(m: Confusion3): BinaryMetrics {
  const tp = m[0]![0]!;
  const fn = m[0]![1]! + m[0]![2]!;
  const fp = m[1]![0]! + m[2]![0]!;
  const tn = m[1]![1]! + m[1]![2]! + m[2]![1]! + m[2]![2]!;
  return binaryMetrics({ tp, fp, fn, tn });
}

/** Probability that a random positive scores above a random negative (ties count half). */
export function rocAuc(scores: readonly number[], truth: readonly boolean[]): number {
  const order = scores.map((s, i) => ({ s, y: truth[i]! })).sort((a, b) => a.s - b.s);
  const nPos = order.filter((o) => o.y).length;
  const nNeg = order.length - nPos;
  if (!nPos || !nNeg) return Number.NaN;
  let rankSum = 0;
  for (let k = 0; k < order.length; ) {
    let e = k;
    while (e + 1 < order.length && order[e + 1]!.s === order[k]!.s) e++;
    const avg = (k + e) / 2 + 1;
    for (let q = k; q <= e; q++) if (order[q]!.y) rankSum += avg;
    k = e + 1;
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface LeadDecision {
  /** Whether the lead has an earlier report of its incident. */
  readonly hasEarlierDuplicate: boolean;
  /** The earlier lead it was merged with, or undefined when it opened a cluster. */
  readonly matched?: { readonly sameIncident: boolean };
}

/**
 * The stage's figure: a merge is right only when the matched lead is of the same incident
 * (a merge with the wrong lead hides an incident: false positive); a lead with an earlier
 * duplicate that was not merged rightly is a false negative.
 */
export function leadMetrics(decisions: readonly LeadDecision[]): BinaryMetrics {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const d of decisions) {
    if (d.matched?.sameIncident) c.tp++;
    else if (d.matched) {
      c.fp++;
      if (d.hasEarlierDuplicate) c.fn++;
    } else if (d.hasEarlierDuplicate) c.fn++;
    else c.tn++;
  }
  return binaryMetrics(c);
}
