/**
 * The deadline scheduler (督办): on each tick it opens cases for newly routed leads, flags every
 * open case on time, due soon or overdue against its pending deadlines (contact with a reachable
 * reporter; conclusion, where a cluster's members carry the cluster's earliest), puts a case on
 * the national office's supervision list the first time it is overdue (audited), and sends each
 * reminder once through the notification port. Running it twice at the same moment changes nothing.
 */
import type { Clock } from '../models/ports/runtime.port';
import { deadlineFlag, DEADLINE_FLAG_NAMES, DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from './lifecycle.policy';
import type { CaseRecord, LifecycleReadModel, LifecycleStore, NotificationPort } from './lifecycle.port';

export interface SchedulerDeps {
  readonly reads: Pick<LifecycleReadModel, 'openCases'>;
  readonly store: LifecycleStore;
  readonly notifications: NotificationPort;
  readonly clock: Clock;
  readonly openPending: () => Promise<number>;
  readonly policy?: LifecyclePolicy;
}

export interface TickReport {
  readonly opened: number;
  readonly open: number;
  readonly dueSoon: number;
  readonly overdue: number;
  readonly newlySupervised: number;
  readonly reminders: number;
}

export const SUPERVISION_RECIPIENT = 'national';

/** The earliest conclusion deadline among the open cases of each cluster in each province. */
function earliestByCluster(cases: readonly CaseRecord[]): Map<string, string> {
  const earliest = new Map<string, string>();
  for (const c of cases) {
    const key = `${c.clusterId ?? c.leadId}/${c.provinceCode}`;
    const known = earliest.get(key);
    if (!known || c.conclusionDueAt < known) earliest.set(key, c.conclusionDueAt);
  }
  return earliest;
}

export function createDeadlineScheduler(deps: SchedulerDeps) {
  const policy = deps.policy ?? DEFAULT_LIFECYCLE_POLICY;
  return {
    async tick(): Promise<TickReport> {
      const opened = await deps.openPending();
      const now = deps.clock.now();
      const at = now.toISOString();
      const cases = await deps.reads.openCases();
      const earliest = earliestByCluster(cases);
      let dueSoon = 0;
      let overdue = 0;
      let newlySupervised = 0;
      let reminders = 0;
      for (const c of cases) {
        const conclusionDueAt = earliest.get(`${c.clusterId ?? c.leadId}/${c.provinceCode}`)!;
        const flagged = deadlineFlag(policy, { open: true, contactDueAt: c.contactDueAt, contactedAt: c.contactedAt, conclusionDueAt }, now)!;
        if (flagged.flag === 'due-soon') dueSoon++;
        if (flagged.flag === 'overdue') overdue++;
        const supervise = flagged.flag === 'overdue' && c.supervisedAt === null;
        const changed = flagged.flag !== c.deadlineFlag || flagged.kind !== c.deadlineKind || flagged.dueAt !== c.deadlineDueAt || supervise;
        if (changed) {
          await deps.store.inTransaction(async (tx) => {
            const current = await tx.lockCase(c.leadId);
            if (!current) return;
            await tx.saveCase({ ...current, deadlineFlag: flagged.flag, deadlineKind: flagged.kind, deadlineDueAt: flagged.dueAt, supervisedAt: current.supervisedAt ?? (supervise ? at : null), updatedAt: current.updatedAt });
            if (supervise) {
              await tx.appendAudit({ actor: 'system', action: 'case-supervise', clusterId: c.clusterId, leadId: c.leadId, details: { kind: flagged.kind, dueAt: flagged.dueAt }, reason: '超期未办，列入全国扫黑办督办', at });
            }
          });
          if (supervise) newlySupervised++;
        }
        if (flagged.flag !== 'on-time') {
          const what = flagged.kind === 'contact' ? '联系举报人' : '办结';
          const message = `线索 ${c.leadId} ${what}期限 ${flagged.dueAt}：${DEADLINE_FLAG_NAMES[flagged.flag]}`;
          if (await deps.notifications.notify({ recipient: c.provinceCode, kind: `${flagged.flag}-${flagged.kind}`, leadId: c.leadId, message, at })) reminders++;
          if (flagged.flag === 'overdue' && (await deps.notifications.notify({ recipient: SUPERVISION_RECIPIENT, kind: `supervise-${flagged.kind}`, leadId: c.leadId, message, at }))) reminders++;
        }
      }
      return { opened, open: cases.length, dueSoon, overdue, newlySupervised, reminders };
    },
  };
}

export type DeadlineScheduler = ReturnType<typeof createDeadlineScheduler>;
