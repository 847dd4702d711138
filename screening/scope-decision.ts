/**
 * From a model's numbers to what screening decides: whether the report is a 涉黑涉恶 tip-off (its
 * own calibrated probability against a threshold chosen for recall), and the ranking of the 14
 * categories with the primary first. Pure.
 *
 * - INVALID wins when it is the most probable reading and at least INVALID_AT: nothing to act on.
 * - In scope: the twelve targets ranked by probability, except that the protective umbrella is
 *   primary only when protection is the whole report; when the gang's own conduct is also
 *   probable (at least CRIME_AT), that conduct is the primary category and the umbrella follows.
 * - Out of scope: OUT_OF_SCOPE first.
 * OUT_OF_SCOPE's probability is 1 − P(in scope), so the ranking never contradicts the decision.
 */
import { isInScope, type CategoryCode } from '../models/categories';
import type { CategoryScore, Scope } from '../models/lead';

/** INVALID is the primary reading only this sure. */
export const INVALID_AT = 0.5;
/** A gang's own conduct this probable is the primary category even under a more probable umbrella. */
export const CRIME_AT = 0.3;

export interface ScopeDecision {
  readonly scope: Scope;
  readonly categories: CategoryScore[];
}

const byProbability = (a: CategoryScore, b: CategoryScore): number => b.probability - a.probability || a.code.localeCompare(b.code);

export function decideScope(categories: readonly CategoryScore[], scopeProbability: number, threshold: number): ScopeDecision {
  const p = Math.min(1, Math.max(0, scopeProbability));
  const probabilityOf = (code: CategoryCode): number => categories.find((c) => c.code === code)?.probability ?? 0;
  const targets = categories.filter((c) => isInScope(c.code)).sort(byProbability);
  const invalid: CategoryScore = { code: 'INVALID', probability: probabilityOf('INVALID') };
  const outOfScope: CategoryScore = { code: 'OUT_OF_SCOPE', probability: round(1 - p) };
  const isInvalid = invalid.probability >= INVALID_AT && invalid.probability >= Math.max(p, ...targets.map((t) => t.probability));
  if (isInvalid) return { scope: { inScope: false, probability: round(p) }, categories: [invalid, outOfScope, ...targets] };
  if (p < threshold) return { scope: { inScope: false, probability: round(p) }, categories: [outOfScope, ...targets, invalid] };
  return { scope: { inScope: true, probability: round(p) }, categories: [...crimeFirst(targets), outOfScope, invalid] };
}

/** The umbrella leads only when no act of the gang itself is probable. */
function crimeFirst(targets: readonly CategoryScore[]): CategoryScore[] {
  const [first, ...rest] = targets;
  if (!first || first.code !== 'PROTECTIVE_UMBRELLA') return [...targets];
  const crime = rest.find((t) => t.probability >= CRIME_AT);
  return crime ? [crime, first, ...rest.filter((t) => t !== crime)] : [...targets];
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
