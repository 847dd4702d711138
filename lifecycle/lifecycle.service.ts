/**
 * The case lifecycle service, over its ports: opens a case for every lead routed to a province,
 * applies a user's action to the case and to its cluster's companions (same state, same
 * province: members move together unless split), lists the work queue, reads a case and its
 * history. Each moved lead gets its own audit row (who, when, why, from → to) in the same
 * transaction as the move. Permissions are checked by the machine (models/access.ts) and the
 * province scope here.
 */
import { assertCan, outOfScope, seesProvince, type Principal } from '../models/access';
import { NotFoundError, XiansuoError } from '../models/errors';
import type { Clock } from '../models/ports/runtime.port';
import { ACTION_RULES, transition, type CaseCommand, type CaseState } from './lifecycle';
import { caseDeadlines, DEFAULT_LIFECYCLE_POLICY, needsNationalReview, priorityOf, type DeadlineFlag, type LifecyclePolicy } from './lifecycle.policy';
import type { CaseAuditEntry, CaseRecord, LifecycleReadModel, LifecycleStore } from './lifecycle.port';
import { toCaseView, type CaseView } from './lifecycle.views';

export interface LifecycleServiceDeps {
  readonly reads: LifecycleReadModel;
  readonly store: LifecycleStore;
  readonly clock: Clock;
  readonly policy?: LifecyclePolicy;
}

export interface ActionOutcome {
  readonly leadId: string;
  readonly state: CaseState;
  /** Every lead moved by the action (the acted one first). */
  readonly moved: readonly string[];
  /** Companions left where they were, with why. */
  readonly skipped: ReadonlyArray<{ leadId: string; reason: string }>;
}

export interface QueueRequest {
  readonly provinceCode?: string;
  readonly states?: readonly CaseState[];
  readonly flags?: readonly DeadlineFlag[];
  readonly limit?: number;
  readonly offset?: number;
}

const NOT_FOUND = '未找到该线索的办理记录';

export function createLifecycleService(deps: LifecycleServiceDeps) {
  const { reads, store, clock } = deps;
  const policy = deps.policy ?? DEFAULT_LIFECYCLE_POLICY;

  /** Opens a case for each routed lead that has none (a keyed insert: running twice opens once). Returns how many. */
  async function openPending(batch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const sources = await reads.uncased(batch);
      if (sources.length === 0) return total;
      const at = clock.now().toISOString();
      await store.inTransaction(async (tx) => {
        for (const s of sources) {
          const priority = priorityOf(policy, s);
          const due = caseDeadlines(policy, { ...s, priority });
          await tx.openCase({
            leadId: s.leadId, clusterId: null, provinceCode: s.provinceCode, state: 'routed', priority, category: s.category, receivedAt: s.receivedAt,
            contactable: s.contactable, contactDueAt: due.contactDueAt, contactedAt: null, conclusionDueAt: due.conclusionDueAt, result: null, conclusion: null,
            proposedBy: null, provincialSignOffBy: null, nationalSignOffBy: null, nationalReviewRequired: false, feedback: null, concludedAt: null,
            deadlineFlag: 'on-time', deadlineKind: null, deadlineDueAt: null, supervisedAt: null, createdAt: at, updatedAt: at,
          });
        }
      });
      total += sources.length;
      if (sources.length < batch) return total;
    }
  }

  async function visibleCase(who: Principal, leadId: string): Promise<CaseRecord> {
    let found = await reads.findCase(leadId);
    if (!found) {
      await openPending();
      found = await reads.findCase(leadId);
    }
    if (!found) throw new NotFoundError(NOT_FOUND);
    if (!seesProvince(who, found.provinceCode)) throw outOfScope(NOT_FOUND);
    return found;
  }

  return {
    openPending,

    /** Applies the action to the lead and, when the action moves clusters, to its companions. */
    async act(who: Principal, leadId: string, command: CaseCommand): Promise<ActionOutcome> {
      assertCan(who, ACTION_RULES[command.action].permission);
      await visibleCase(who, leadId);
      const now = clock.now();
      const at = now.toISOString();
      return store.inTransaction(async (tx) => {
        const acted = await tx.lockCase(leadId);
        if (!acted) throw new NotFoundError(NOT_FOUND);
        if (!seesProvince(who, acted.provinceCode)) throw outOfScope(NOT_FOUND);
        const rule = ACTION_RULES[command.action];
        const companions = rule.moves === 'cluster' ? await tx.lockCompanions(acted) : [];
        const moved: string[] = [];
        const skipped: Array<{ leadId: string; reason: string }> = [];
        for (const c of [acted, ...companions]) {
          let change;
          try {
            change = transition(c, command, who, () => needsNationalReview(policy, c), now);
          } catch (error) {
            // The acted lead's refusal is the answer; a companion that cannot follow stays where it is.
            if (c === acted || !(error instanceof XiansuoError)) throw error;
            skipped.push({ leadId: c.leadId, reason: error.message });
            continue;
          }
          const next: CaseRecord = {
            ...c,
            ...change.next,
            concludedAt: change.next.state === 'concluded' && c.state !== 'concluded' ? at : change.next.state === 'reopened' ? null : c.concludedAt,
            updatedAt: at,
          };
          await tx.saveCase(next);
          const entry: CaseAuditEntry = {
            actor: who.id,
            action: `case-${command.action}`,
            clusterId: c.clusterId,
            leadId: c.leadId,
            details: { ...change.details, ...(c !== acted ? { movedWith: leadId } : {}), ...(command.action === 'deliver-feedback' ? { feedback: next.feedback } : {}) },
            reason: command.reason?.trim() || null,
            at,
          };
          await tx.appendAudit(entry);
          moved.push(c.leadId);
        }
        const state = (await tx.lockCase(leadId))!.state;
        return { leadId, state, moved, skipped };
      });
    },

    /** The work queue: a province's cases (provincial users: their own), soonest deadline first. */
    async queue(who: Principal, request: QueueRequest): Promise<{ total: number; cases: CaseView[] }> {
      assertCan(who, 'case:read');
      const provinceCode = who.scope.kind === 'province' ? who.scope.provinceCode : request.provinceCode;
      if (request.provinceCode && !seesProvince(who, request.provinceCode)) throw outOfScope('未找到该省的线索');
      await openPending();
      const page = await reads.listCases({
        ...(provinceCode ? { provinceCode } : {}),
        ...(request.states?.length ? { states: request.states } : {}),
        ...(request.flags?.length ? { flags: request.flags } : {}),
        limit: request.limit ?? 50,
        offset: request.offset ?? 0,
      });
      return { total: page.total, cases: page.cases.map(toCaseView) };
    },

    /** One case with its whole history (the lead's audit trail). */
    async getCase(who: Principal, leadId: string): Promise<CaseView & { history: CaseAuditEntry[] }> {
      assertCan(who, 'case:read');
      const c = await visibleCase(who, leadId);
      return { ...toCaseView(c), history: await reads.history(leadId) };
    },
  };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;
