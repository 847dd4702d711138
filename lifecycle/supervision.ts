/**
 * The national office's supervision board (督办): per province, open / due soon / overdue counts,
 * the open cases nearest or past their deadlines, and per-month figures (received, concluded,
 * overdue rate, duplicate rate, callback satisfaction); and the overdue list, each with its
 * history. Read-only; `supervision:read`.
 */
import { assertCan, type Principal } from '../models/access';
import { provinceName } from '../models/divisions';
import type { CaseState } from './lifecycle';
import type { CaseAuditEntry, LifecycleReadModel, MonthlyFigure, ProvinceCounts } from './lifecycle.port';
import { toCaseView, type CaseView } from './lifecycle.views';

const OPEN: readonly CaseState[] = ['routed', 'accepted', 'verifying', 'concluding', 'returned', 'reopened'];

export interface ProvinceTrend {
  readonly month: string;
  readonly received: number;
  readonly concluded: number;
  /** Escalated to supervision / received, of the cases received that month. */
  readonly overdueRate: number | null;
  readonly duplicateRate: number | null;
  /** Satisfied / (satisfied + dissatisfied) among the month's callbacks. */
  readonly satisfaction: number | null;
  readonly dissatisfied: number;
}

export interface Board {
  readonly provinces: ReadonlyArray<ProvinceCounts & { provinceName: string; trend: ProvinceTrend[] }>;
  /** Open cases by deadline, soonest (or most overdue) first. */
  readonly oldest: readonly CaseView[];
}

/** Folds the monthly counts into each province's series. */
export function trends(figures: readonly MonthlyFigure[]): Map<string, ProvinceTrend[]> {
  const cells = new Map<string, Map<string, Record<string, number>>>();
  for (const f of figures) {
    const months = cells.get(f.provinceCode) ?? new Map<string, Record<string, number>>();
    const cell = months.get(f.month) ?? {};
    cell[f.kind] = f.count;
    months.set(f.month, cell);
    cells.set(f.provinceCode, months);
  }
  const rate = (a: number, b: number) => (b > 0 ? a / b : null);
  const out = new Map<string, ProvinceTrend[]>();
  for (const [province, months] of cells) {
    out.set(province, [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, c]) => {
      const [received, satisfied, dissatisfied] = [c.received ?? 0, c['callback-satisfied'] ?? 0, c['callback-dissatisfied'] ?? 0];
      return { month, received, concluded: c.concluded ?? 0, overdueRate: rate(c.overdue ?? 0, received), duplicateRate: rate(c.duplicate ?? 0, received), satisfaction: rate(satisfied, satisfied + dissatisfied), dissatisfied };
    }));
  }
  return out;
}

export function createSupervision(deps: { reads: LifecycleReadModel; openPending: () => Promise<number> }) {
  return {
    async board(who: Principal, oldestLimit = 20): Promise<Board> {
      assertCan(who, 'supervision:read');
      await deps.openPending();
      const [counts, figures, oldest] = await Promise.all([deps.reads.provinceCounts(), deps.reads.monthlyFigures(), deps.reads.listCases({ states: OPEN, limit: oldestLimit, offset: 0 })]);
      const series = trends(figures);
      return { provinces: counts.map((c) => ({ ...c, provinceName: provinceName(c.provinceCode), trend: series.get(c.provinceCode) ?? [] })), oldest: oldest.cases.map(toCaseView) };
    },

    /** The supervision list: overdue open cases, each with its history. */
    async overdue(who: Principal, provinceCode?: string, limit = 100): Promise<Array<CaseView & { history: CaseAuditEntry[] }>> {
      assertCan(who, 'supervision:read');
      const { cases } = await deps.reads.listCases({ ...(provinceCode ? { provinceCode } : {}), states: OPEN, flags: ['overdue'], limit, offset: 0 });
      return Promise.all(cases.map(async (c) => ({ ...toCaseView(c), history: await deps.reads.history(c.leadId) })));
    },
  };
}

export type Supervision = ReturnType<typeof createSupervision>;
