/**
 * The national office's case policy, as data: priority, dual review per category and priority,
 * the contact deadline for reporters who can be reached, conclusion deadlines per category and
 * priority, and when a deadline counts as due soon. Pure; the defaults are the documented ones.
 *
 * Days are calendar days in China Standard Time (UTC+8, no daylight saving): a deadline of N days
 * falls at the end (23:59:59.999 CST) of the N-th day after the day of receipt, so a report
 * received at 04:00 CST on 1 January counts from 1 January even though it is still 31 December in UTC.
 */
import type { CategoryCode } from '../models/categories';

export const PRIORITIES = ['high', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_NAMES: Readonly<Record<Priority, string>> = { high: '重点', normal: '一般' };

/** One dual-review rule: a conclusion matching it needs the national office's sign-off too. Omitted fields match anything. */
export interface NationalReviewRule {
  readonly category?: CategoryCode;
  readonly priority?: Priority;
}

export interface LifecyclePolicy {
  /** Real-name or contactable reporters are contacted within this many days of receipt. */
  readonly contactDays: number;
  /** Conclusion deadline: per category and priority, else per priority. */
  readonly conclusionDays: { readonly byPriority: Readonly<Record<Priority, number>>; readonly byCategory?: Partial<Record<CategoryCode, Partial<Record<Priority, number>>>> };
  /** A deadline this close (days) is "due soon". */
  readonly dueSoonDays: number;
  /** Conclusions needing the national office's second sign-off. */
  readonly nationalReview: readonly NationalReviewRule[];
  /** Categories that are always high priority; otherwise high from this credibility up. */
  readonly highPriorityCategories: readonly CategoryCode[];
  readonly highPriorityCredibility: number;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  contactDays: 30,
  conclusionDays: { byPriority: { high: 60, normal: 90 }, byCategory: { PROTECTIVE_UMBRELLA: { high: 45, normal: 60 } } },
  dueSoonDays: 7,
  // Umbrellas and infiltration of the state, and every high-priority lead, are checked twice.
  nationalReview: [{ category: 'PROTECTIVE_UMBRELLA' }, { category: 'POLITICAL_INFILTRATION' }, { priority: 'high' }],
  highPriorityCategories: ['PROTECTIVE_UMBRELLA', 'POLITICAL_INFILTRATION', 'GRASSROOTS_CONTROL'],
  highPriorityCredibility: 75,
};

export function priorityOf(policy: LifecyclePolicy, lead: { category: string; credibility: number }): Priority {
  return (policy.highPriorityCategories as readonly string[]).includes(lead.category) || lead.credibility >= policy.highPriorityCredibility ? 'high' : 'normal';
}

export function needsNationalReview(policy: LifecyclePolicy, lead: { category: string; priority: Priority }): boolean {
  return policy.nationalReview.some((r) => (r.category === undefined || r.category === lead.category) && (r.priority === undefined || r.priority === lead.priority));
}

export function conclusionDays(policy: LifecyclePolicy, lead: { category: string; priority: Priority }): number {
  return policy.conclusionDays.byCategory?.[lead.category as CategoryCode]?.[lead.priority] ?? policy.conclusionDays.byPriority[lead.priority];
}

const CST_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The end (23:59:59.999 CST) of the `days`-th calendar day after the CST day of `from`. */
export function deadlineAfter(from: Date, days: number): Date {
  const cstDay = Math.floor((from.getTime() + CST_MS) / DAY_MS);
  return new Date((cstDay + days + 1) * DAY_MS - CST_MS - 1);
}

/** The deadlines of a new case. */
export function caseDeadlines(
  policy: LifecyclePolicy,
  lead: { receivedAt: string; category: string; priority: Priority; contactable: boolean },
): { contactDueAt: string | null; conclusionDueAt: string } {
  const received = new Date(lead.receivedAt);
  return {
    contactDueAt: lead.contactable ? deadlineAfter(received, policy.contactDays).toISOString() : null,
    conclusionDueAt: deadlineAfter(received, conclusionDays(policy, lead)).toISOString(),
  };
}

export const DEADLINE_FLAGS = ['on-time', 'due-soon', 'overdue'] as const;
export type DeadlineFlag = (typeof DEADLINE_FLAGS)[number];
export const DEADLINE_FLAG_NAMES: Readonly<Record<DeadlineFlag, string>> = { 'on-time': '正常', 'due-soon': '即将到期', overdue: '已超期' };

/** Which clock a flag comes from. */
export type DeadlineKind = 'contact' | 'conclusion';

/**
 * The flag of an open case at `now`: the worse of its pending deadlines (contact, when required
 * and not yet recorded; conclusion, until it takes effect). `conclusionDueAt` is the cluster's
 * earliest when the caller passes it so. Undefined for a closed case.
 */
export function deadlineFlag(
  policy: LifecyclePolicy,
  c: { open: boolean; contactDueAt: string | null; contactedAt: string | null; conclusionDueAt: string },
  now: Date,
): { flag: DeadlineFlag; kind: DeadlineKind; dueAt: string } | undefined {
  if (!c.open) return undefined;
  const pending: Array<{ kind: DeadlineKind; dueAt: string }> = [];
  if (c.contactDueAt && !c.contactedAt) pending.push({ kind: 'contact', dueAt: c.contactDueAt });
  pending.push({ kind: 'conclusion', dueAt: c.conclusionDueAt });
  const flagOf = (dueAt: string): DeadlineFlag => {
    const left = Date.parse(dueAt) - now.getTime();
    return left < 0 ? 'overdue' : left <= policy.dueSoonDays * DAY_MS ? 'due-soon' : 'on-time';
  };
  const rank = (f: DeadlineFlag) => DEADLINE_FLAGS.indexOf(f);
  const worst = pending.map((p) => ({ ...p, flag: flagOf(p.dueAt) })).sort((a, b) => rank(b.flag) - rank(a.flag) || a.dueAt.localeCompare(b.dueAt))[0]!;
  return worst;
}
