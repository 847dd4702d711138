/**
 * k-fold cross-validation on the team's real labels, so that every figure reported on them comes
 * from a model (and a threshold) that never saw the message it scores. Folds are stratified by
 * scope and keep reposts of one message together (they share a split key).
 */
import { hashString } from '../../screening/classifier/features';
import type { LabelledReport } from './datasets';

/** Fold of each record id: groups by split key, stratified by in scope / not, dealt in hash order. */
export function assignFolds(records: readonly LabelledReport[], k: number): Map<string, number> {
  const groups = new Map<string, LabelledReport[]>();
  for (const r of records) groups.set(r.splitKey, [...(groups.get(r.splitKey) ?? []), r]);
  const byHash = [...groups.entries()].sort(([a], [b]) => hashString(0x66, a) - hashString(0x66, b) || a.localeCompare(b));
  const folds = new Map<string, number>();
  let next = { in: 0, out: 0 };
  for (const [, members] of byHash) {
    const stratum = members.some((m) => m.inScope) ? 'in' : 'out';
    const fold = next[stratum] % k;
    next = { ...next, [stratum]: next[stratum] + 1 };
    for (const m of members) folds.set(m.id, fold);
  }
  return folds;
}

/** Out-of-fold predictions: for each fold, `fit` on every other fold (plus `always`), then `predict` the fold. */
export function outOfFold<R extends { readonly record: LabelledReport }, M, P>(
  labelled: readonly R[],
  always: readonly R[],
  k: number,
  fit: (train: readonly R[], fold: number) => M,
  predict: (model: M, item: R) => P,
): Map<R, P> {
  const folds = assignFolds(labelled.map((r) => r.record), k);
  const out = new Map<R, P>();
  for (let f = 0; f < k; f++) {
    const test = labelled.filter((r) => folds.get(r.record.id) === f);
    if (test.length === 0) continue;
    const model = fit([...always, ...labelled.filter((r) => folds.get(r.record.id) !== f)], f);
    for (const r of test) out.set(r, predict(model, r));
  }
  return out;
}
