/** What changed between two rule sets, rule by rule and field by field: the audit trail keeps it with each change. */
import type { Rule, RuleSet } from './rule-set';

export interface FieldChange {
  /** `route`, `reason`, `when.provinceIn`… */
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface RuleSetDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: ReadonlyArray<{ readonly id: string; readonly changes: readonly FieldChange[] }>;
  /** Rule ids in the new order, when the order of the rules both sets hold changed. */
  readonly reordered?: readonly string[];
}

function fields(rule: Rule): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(rule)) if (k !== 'when' && k !== 'id') out.set(k, v);
  for (const [k, v] of Object.entries(rule.when ?? {})) out.set(`when.${k}`, v);
  return out;
}

export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetDiff {
  const old = new Map(before.rules.map((r) => [r.id, r]));
  const now = new Map(after.rules.map((r) => [r.id, r]));
  const changed: Array<{ id: string; changes: FieldChange[] }> = [];
  for (const rule of after.rules) {
    const was = old.get(rule.id);
    if (!was) continue;
    const a = fields(was);
    const b = fields(rule);
    const changes: FieldChange[] = [];
    for (const field of new Set([...a.keys(), ...b.keys()])) {
      if (JSON.stringify(a.get(field)) !== JSON.stringify(b.get(field))) changes.push({ field, before: a.get(field) ?? null, after: b.get(field) ?? null });
    }
    if (changes.length) changed.push({ id: rule.id, changes });
  }
  const kept = (set: RuleSet, other: Map<string, Rule>): string[] => set.rules.map((r) => r.id).filter((id) => other.has(id));
  const order = kept(after, old);
  const reordered = order.join() !== kept(before, now).join();
  return {
    added: after.rules.filter((r) => !old.has(r.id)).map((r) => r.id),
    removed: before.rules.filter((r) => !now.has(r.id)).map((r) => r.id),
    changed,
    ...(reordered ? { reordered: after.rules.map((r) => r.id) } : {}),
  };
}

export function isEmptyDiff(d: RuleSetDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0 && !d.reordered;
}
