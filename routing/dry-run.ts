/**
 * A dry run (backtest): a draft rule set against the active one over the same leads' facts. Pure:
 * the caller loads the facts; this counts how many leads move from which queue to which, per
 * province, keeps a few sample leads of each move with the rule that decided on each side, and
 * counts what each draft rule decided (a rule that decides nothing shows).
 */
import { firstMatch, queueOf, type CompiledRuleSet } from './evaluate';
import type { LeadFacts } from './lead-facts';

export interface MoveSample {
  readonly leadId: string;
  readonly provinceCode: string | null;
  readonly fromRule: string;
  readonly toRule: string;
}

export interface Move {
  /** Queues: a province code, `national`, `out-of-scope` or `held`. */
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Incident province (or `unknown`) → leads moved. */
  readonly byProvince: Readonly<Record<string, number>>;
  readonly samples: readonly MoveSample[];
}

export interface DryRunResult {
  readonly leads: number;
  readonly moved: number;
  /** Same queue, another deciding rule. */
  readonly ruleChanged: number;
  readonly moves: readonly Move[];
  /** Queue → leads, under the active set and under the draft. */
  readonly queuesBefore: Readonly<Record<string, number>>;
  readonly queuesAfter: Readonly<Record<string, number>>;
  /** Draft rule id → leads it decided (every rule listed, zero included; `fallback` when none matched). */
  readonly draftRuleHits: Readonly<Record<string, number>>;
}

interface MoveAcc {
  from: string;
  to: string;
  count: number;
  byProvince: Record<string, number>;
  samples: MoveSample[];
}

const ruleId = (set: CompiledRuleSet, i: number): string => (i >= 0 ? set.rules[i]!.rule.id : 'fallback');

/** Compares the draft with the active set on each lead; `samplesPerMove` leads are kept per move. */
export function dryRun(active: CompiledRuleSet, draft: CompiledRuleSet, facts: Iterable<LeadFacts>, samplesPerMove = 5): DryRunResult {
  const moves = new Map<string, MoveAcc>();
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  const hits = new Array<number>(draft.rules.length + 1).fill(0);
  let leads = 0;
  let moved = 0;
  let ruleChanged = 0;
  for (const f of facts) {
    leads++;
    const a = firstMatch(active, f);
    const b = firstMatch(draft, f);
    hits[b < 0 ? draft.rules.length : b]!++;
    const qa = queueOf(a >= 0 ? active.rules[a]!.rule : undefined, f);
    const qb = queueOf(b >= 0 ? draft.rules[b]!.rule : undefined, f);
    before[qa] = (before[qa] ?? 0) + 1;
    after[qb] = (after[qb] ?? 0) + 1;
    if (qa === qb) {
      if (ruleId(active, a) !== ruleId(draft, b)) ruleChanged++;
      continue;
    }
    moved++;
    const key = `${qa}>${qb}`;
    let m = moves.get(key);
    if (!m) moves.set(key, (m = { from: qa, to: qb, count: 0, byProvince: {}, samples: [] }));
    m.count++;
    const province = f.provinceCode ?? 'unknown';
    m.byProvince[province] = (m.byProvince[province] ?? 0) + 1;
    if (m.samples.length < samplesPerMove) m.samples.push({ leadId: f.leadId, provinceCode: f.provinceCode, fromRule: ruleId(active, a), toRule: ruleId(draft, b) });
  }
  const draftRuleHits: Record<string, number> = {};
  draft.rules.forEach((r, i) => (draftRuleHits[r.rule.id] = hits[i]!));
  if (hits[draft.rules.length]) draftRuleHits.fallback = hits[draft.rules.length]!;
  return {
    leads,
    moved,
    ruleChanged,
    moves: [...moves.values()].sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)),
    queuesBefore: before,
    queuesAfter: after,
    draftRuleHits,
  };
}

/** The difference table as text (the CLI prints it). */
export function formatDryRun(r: DryRunResult): string {
  const lines = [`leads: ${r.leads}, moved: ${r.moved}, same queue by another rule: ${r.ruleChanged}`];
  if (r.moves.length === 0) lines.push('no lead changes queue');
  else lines.push('from → to: leads (by province) samples');
  for (const m of r.moves) {
    const provinces = Object.entries(m.byProvince)
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p}:${n}`)
      .join(' ');
    lines.push(`${m.from} → ${m.to}: ${m.count} (${provinces}) e.g. ${m.samples.map((s) => `${s.leadId} [${s.fromRule} → ${s.toRule}]`).join(', ')}`);
  }
  lines.push(`draft rules: ${Object.entries(r.draftRuleHits).map(([id, n]) => `${id}=${n}`).join(' ')}`);
  return lines.join('\n');
}
