/**
 * Court charges to screening categories, by the ordered rules of shared/data/charge_categories.json
 * (passed in: the project never ships that file). The first rule whose pattern matches a charge
 * decides; a charge no rule matches is OUT_OF_SCOPE only; a case with several charges allows the
 * union of its charges' sets.
 */
import { isCategoryCode, isInScope, type CategoryCode } from '../../models/categories';

export interface ChargeRule {
  readonly pattern: RegExp;
  readonly primary: CategoryCode;
  readonly allowed: readonly CategoryCode[];
}

export interface ChargeLabels {
  /** Each charge's primary category, in charge order, without repeats. */
  readonly primaries: readonly CategoryCode[];
  /** Every defensible category (the union of the charges' allowed sets). */
  readonly allowed: ReadonlySet<CategoryCode>;
  /** The single best label: the first in-scope primary if any charge has one, else OUT_OF_SCOPE. */
  readonly gold: CategoryCode;
}

/** Parses the JSON document `{ rules: [{ pattern, primary, allowed }] }`. */
export function parseChargeRules(json: unknown): ChargeRule[] {
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw new Error('charge categories: no "rules" list');
  return rules.map((r: { pattern?: unknown; primary?: unknown; allowed?: unknown }, i) => {
    if (typeof r.pattern !== 'string' || !isCategoryCode(r.primary) || !Array.isArray(r.allowed) || !r.allowed.every(isCategoryCode)) {
      throw new Error(`charge categories: rule ${i + 1} is malformed`);
    }
    return { pattern: new RegExp(r.pattern), primary: r.primary, allowed: r.allowed };
  });
}

export function labelCharges(rules: readonly ChargeRule[], charges: readonly string[]): ChargeLabels {
  const primaries: CategoryCode[] = [];
  const allowed = new Set<CategoryCode>();
  for (const charge of charges) {
    const rule = rules.find((r) => r.pattern.test(charge));
    const primary = rule?.primary ?? 'OUT_OF_SCOPE';
    if (!primaries.includes(primary)) primaries.push(primary);
    for (const c of rule?.allowed ?? ['OUT_OF_SCOPE']) allowed.add(c);
  }
  if (charges.length === 0) {
    primaries.push('OUT_OF_SCOPE');
    allowed.add('OUT_OF_SCOPE');
  }
  return { primaries, allowed, gold: primaries.find(isInScope) ?? 'OUT_OF_SCOPE' };
}
