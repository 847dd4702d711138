/**
 * Screening metrics. The top prediction is right when it falls in the record's allowed set (a
 * court case or a generated report may have several defensible categories). Per-category
 * precision, recall and F1 come from a lenient single-label confusion: a right prediction counts
 * as its own label, a wrong one against the record's gold label. Macro-F1 averages the categories
 * that occur as truth or prediction (scikit-learn's convention: a category predicted but never
 * true scores 0). In-scope detection (any of the 12 targets vs OUT_OF_SCOPE/INVALID) is judged
 * against the gold label, so it is stricter than the category accuracy.
 */
import { CATEGORY_CODES, isInScope, type CategoryCode } from '../../models/categories';
import { expectedCalibrationError } from '../stats/calibration';

export interface ScoredPrediction {
  readonly allowed: readonly CategoryCode[];
  readonly gold: CategoryCode;
  /** The top-ranked category. */
  readonly predicted: CategoryCode;
  /** Its probability (for the reliability figure). */
  readonly probability?: number;
  /** Multi-label scoring, when the truth is a full set (the generator): true and predicted sets. */
  readonly positives?: readonly CategoryCode[];
  readonly predictedSet?: readonly CategoryCode[];
  /** Province truth (null: names no place; undefined: unknown, not scored) and prediction. */
  readonly provinceTruth?: string | null;
  readonly provincePredicted?: string | null;
}

export interface CategoryMetrics {
  readonly code: CategoryCode;
  readonly support: number;
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ScreeningMetrics {
  readonly n: number;
  readonly categoryAccuracy: number;
  readonly macroF1: number;
  readonly perCategory: readonly CategoryMetrics[];
  /** NaN when undefined (no in-scope truth, or nothing flagged). */
  readonly inScopePrecision: number;
  readonly inScopeRecall: number;
  readonly outOfScopePrecision: number;
  readonly outOfScopeRecall: number;
  readonly multiLabelMacroF1?: number;
  readonly multiLabelPerCategory?: readonly CategoryMetrics[];
  readonly provinceN?: number;
  readonly provinceAccuracy?: number;
  /** Expected calibration error of the top probability. */
  readonly calibrationError?: number;
}

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

function f1(p: number, r: number): number {
  if (Number.isNaN(p) || Number.isNaN(r)) return 0;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Per-category metrics from true/false positive and false negative counts. */
function perCategory(tp: Map<CategoryCode, number>, fp: Map<CategoryCode, number>, fn: Map<CategoryCode, number>): CategoryMetrics[] {
  const get = (m: Map<CategoryCode, number>, c: CategoryCode) => m.get(c) ?? 0;
  return CATEGORY_CODES.filter((c) => get(tp, c) + get(fp, c) + get(fn, c) > 0).map((code) => {
    const t = get(tp, code);
    const precision = ratio(t, t + get(fp, code));
    const recall = ratio(t, t + get(fn, code));
    return { code, support: t + get(fn, code), predicted: t + get(fp, code), precision, recall, f1: f1(precision, recall) };
  });
}

const bump = (m: Map<CategoryCode, number>, c: CategoryCode) => m.set(c, (m.get(c) ?? 0) + 1);
const macro = (rows: readonly CategoryMetrics[]) => (rows.length ? rows.reduce((s, r) => s + r.f1, 0) / rows.length : Number.NaN);

function multiLabel(preds: readonly ScoredPrediction[]): CategoryMetrics[] {
  const tp = new Map<CategoryCode, number>();
  const fp = new Map<CategoryCode, number>();
  const fn = new Map<CategoryCode, number>();
  for (const p of preds) {
    const truth = new Set(p.positives);
    const said = new Set(p.predictedSet ?? [p.predicted]);
    for (const c of said) bump(truth.has(c) ? tp : fp, c);
    for (const c of truth) if (!said.has(c)) bump(fn, c);
  }
  return perCategory(tp, fp, fn);
}

export function scorePredictions(preds: readonly ScoredPrediction[]): ScreeningMetrics {
  const tp = new Map<CategoryCode, number>();
  const fp = new Map<CategoryCode, number>();
  const fn = new Map<CategoryCode, number>();
  let right = 0;
  const det = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const p of preds) {
    const ok = p.allowed.includes(p.predicted);
    if (ok) right++;
    const label = ok ? p.predicted : p.gold;
    if (ok) bump(tp, label);
    else bump(fp, p.predicted), bump(fn, label);
    const truthIn = isInScope(p.gold);
    const predIn = isInScope(p.predicted);
    det[truthIn ? (predIn ? 'tp' : 'fn') : predIn ? 'fp' : 'tn']++;
  }
  const rows = perCategory(tp, fp, fn);
  const withSets = preds.filter((p) => p.positives);
  const multi = withSets.length ? multiLabel(withSets) : undefined;
  const located = preds.filter((p) => p.provinceTruth !== undefined);
  const probs = preds.filter((p) => p.probability !== undefined);
  return {
    n: preds.length,
    categoryAccuracy: ratio(right, preds.length),
    macroF1: macro(rows),
    perCategory: rows,
    inScopePrecision: ratio(det.tp, det.tp + det.fp),
    inScopeRecall: ratio(det.tp, det.tp + det.fn),
    outOfScopePrecision: ratio(det.tn, det.tn + det.fn),
    outOfScopeRecall: ratio(det.tn, det.tn + det.fp),
    ...(multi ? { multiLabelMacroF1: macro(multi), multiLabelPerCategory: multi } : {}),
    ...(located.length
      ? { provinceN: located.length, provinceAccuracy: ratio(located.filter((p) => (p.provincePredicted ?? null) === p.provinceTruth).length, located.length) }
      : {}),
    ...(probs.length
      ? { calibrationError: expectedCalibrationError(probs.map((p) => p.probability!), probs.map((p) => p.allowed.includes(p.predicted))) }
      : {}),
  };
}
