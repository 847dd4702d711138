/**
 * The national office's routing workbench: rule-set drafts, validation, dry runs over stored
 * leads, two-person publication, rollback, coverage, manual re-routing and "why did this lead go
 * there". Pure logic over its ports; every change is audited with who, when, why and the diff.
 * Permissions are checked here again (the routes check them first).
 */
import { assertCan, assertSecondPerson, type Principal } from '../models/access';
import { isProvinceCode } from '../models/divisions';
import { ConflictError, NotFoundError, ValidationError } from '../models/errors';
import type { RerouteRequested } from '../models/messages';
import type { Bus } from '../models/ports/bus.port';
import type { Clock, IdGenerator } from '../models/ports/runtime.port';
import { TOPICS } from '../models/topics';
import { dryRun as runDryRun } from '../routing/dry-run';
import { compileRuleSet, type CompiledRuleSet } from '../routing/evaluate';
import { DEFAULT_RULE_SET, type RuleSet } from '../routing/rule-set';
import { diffRuleSets } from '../routing/rule-set-diff';
import { checkRuleSet, validateRuleSet, type RuleSetCheck } from '../routing/rule-set-validation';
import type { CoverageRow, Draft, LeadRouting, PublishedVersion, RecordedDryRun, WorkbenchReads, WorkbenchStore } from './workbench.port';

export interface WorkbenchDeps {
  readonly reads: WorkbenchReads;
  readonly store: WorkbenchStore;
  readonly bus: Pick<Bus, 'publish'>;
  readonly clock: Clock;
  readonly ids: Pick<IdGenerator, 'uuid'>;
}

export interface DryRunPeriod {
  readonly from?: string;
  readonly to?: string;
}

export interface RuleCoverage {
  readonly since: string;
  readonly activeVersion: number | null;
  /** Every rule of the active set with the leads it decided (any version) in the period; zero: a dead rule. */
  readonly rules: ReadonlyArray<{ readonly ruleId: string; readonly leads: number; readonly dead: boolean }>;
  readonly byVersion: readonly CoverageRow[];
}

export const REROUTE_QUEUES_HINT = '去向应为省级行政区划代码（如 62）、national、out-of-scope 或 held';
const MAX_REROUTE = 200;

export type WorkbenchService = ReturnType<typeof createWorkbenchService>;

function parseDate(value: string | undefined, what: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970) throw new ValidationError(`${what}日期格式不正确`);
  return d;
}

function reasonOf(reason: string | undefined, min = 2): string {
  const why = (reason ?? '').trim();
  if (why.length < min) throw new ValidationError(`须填写理由（至少 ${min} 个字）`);
  return why;
}

export function createWorkbenchService(deps: WorkbenchDeps) {
  const { reads, store, clock } = deps;
  const compiledByVersion = new Map<number, CompiledRuleSet>();

  async function active(): Promise<PublishedVersion | undefined> {
    return (await reads.listVersions())[0];
  }
  async function activeCompiled(): Promise<CompiledRuleSet> {
    const v = await active();
    if (!v) return compileRuleSet(DEFAULT_RULE_SET, 0);
    let c = compiledByVersion.get(v.version);
    if (!c) compiledByVersion.set(v.version, (c = compileRuleSet(v.rules, v.version)));
    return c;
  }
  async function draftOf(draftId: string): Promise<Draft> {
    const d = await reads.findDraft(draftId);
    if (!d) throw new NotFoundError('未找到该规则草案');
    return d;
  }
  const checked = (rules: unknown): { set: RuleSet; check: RuleSetCheck } => {
    const check = checkRuleSet(rules);
    return { set: validateRuleSet(rules), check };
  };

  return {
    async overview(user: Principal): Promise<{ activeVersion: number | null; versions: Array<Omit<PublishedVersion, 'rules'> & { rules: number }>; drafts: Draft[] }> {
      assertCan(user, 'rules:read');
      const versions = await reads.listVersions();
      return {
        activeVersion: versions[0]?.version ?? null,
        versions: versions.map((v) => ({ ...v, rules: v.rules.rules.length })),
        drafts: await reads.listDrafts(50),
      };
    },

    async version(user: Principal, version: number): Promise<PublishedVersion & { active: boolean }> {
      assertCan(user, 'rules:read');
      const v = await reads.findVersion(version);
      if (!v) throw new NotFoundError('未找到该版本的规则');
      return { ...v, active: (await active())?.version === version };
    },

    async draft(user: Principal, draftId: string): Promise<Draft> {
      assertCan(user, 'rules:read');
      return draftOf(draftId);
    },

    /** Validation only, nothing stored: errors name the rule and the field; warnings list never-firing and shadowed rules. */
    validate(user: Principal, rules: unknown): RuleSetCheck {
      assertCan(user, 'rules:read');
      const { ruleSet: _set, ...check } = checkRuleSet(rules);
      return check;
    },

    async createDraft(user: Principal, input: { rules: unknown; note?: string; basedOnVersion?: number }): Promise<Draft> {
      assertCan(user, 'rules:draft');
      const { set, check } = checked(input.rules);
      const base = input.basedOnVersion !== undefined ? await reads.findVersion(input.basedOnVersion) : await active();
      if (input.basedOnVersion !== undefined && !base) throw new NotFoundError('未找到草案所依据的版本');
      const now = clock.now();
      const draft: Draft = {
        draftId: deps.ids.uuid(),
        basedOnVersion: base?.version ?? null,
        rules: set,
        warnings: check.warnings,
        revision: 1,
        author: user.id,
        lastEditedBy: user.id,
        note: input.note?.trim() || null,
        status: 'draft',
        dryRun: null,
        publishedVersion: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await store.inTransaction(async (tx) => {
        await tx.saveDraft(draft);
        await tx.appendAudit({
          actor: user.id,
          action: 'rules-draft',
          details: { draftId: draft.draftId, basedOnVersion: draft.basedOnVersion, diff: diffRuleSets(base?.rules ?? DEFAULT_RULE_SET, set), warnings: check.warnings.length },
          reason: draft.note,
          at: now,
        });
      });
      return draft;
    },

    async updateDraft(user: Principal, draftId: string, input: { rules: unknown; note?: string }): Promise<Draft> {
      assertCan(user, 'rules:draft');
      const { set, check } = checked(input.rules);
      const now = clock.now();
      return store.inTransaction(async (tx) => {
        const d = await tx.lockDraft(draftId);
        if (!d) throw new NotFoundError('未找到该规则草案');
        if (d.status !== 'draft') throw new ConflictError('该草案已发布或已撤回，不能再修改；请新建草案');
        // A new revision: the earlier dry run no longer speaks for it.
        const next: Draft = { ...d, rules: set, warnings: check.warnings, revision: d.revision + 1, lastEditedBy: user.id, note: input.note?.trim() || d.note, updatedAt: now.toISOString() };
        await tx.saveDraft(next);
        await tx.appendAudit({ actor: user.id, action: 'rules-draft-edit', details: { draftId, revision: next.revision, diff: diffRuleSets(d.rules, set) }, reason: input.note?.trim() || null, at: now });
        return next;
      });
    },

    /**
     * Applies the draft (or an unsaved set) to the leads of the period and compares with the
     * active set. On a saved draft the result is recorded for its current revision (publishing needs it).
     */
    async dryRun(user: Principal, subject: { draftId: string } | { rules: unknown }, period: DryRunPeriod = {}): Promise<RecordedDryRun & { draftId: string | null }> {
      assertCan(user, 'rules:read');
      const from = parseDate(period.from, '起始');
      const to = parseDate(period.to, '截止');
      const d = 'draftId' in subject ? await draftOf(subject.draftId) : undefined;
      const set = d ? d.rules : validateRuleSet((subject as { rules: unknown }).rules);
      const started = process.hrtime.bigint();
      const activeSet = await activeCompiled();
      const draftSet = compileRuleSet(set, -1);
      const facts = await reads.loadFacts({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, activeSet.needsText || draftSet.needsText);
      const result = runDryRun(activeSet, draftSet, facts);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const now = clock.now();
      const recorded: RecordedDryRun = {
        revision: d?.revision ?? 0,
        by: user.id,
        at: now.toISOString(),
        period: { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null },
        againstVersion: activeSet.version,
        seconds: Math.round(seconds * 1000) / 1000,
        result,
      };
      if (d) {
        await store.inTransaction(async (tx) => {
          const locked = await tx.lockDraft(d.draftId);
          if (!locked || locked.status !== 'draft' || locked.revision !== d.revision) return;
          await tx.saveDraft({ ...locked, dryRun: recorded, updatedAt: now.toISOString() });
          await tx.appendAudit({
            actor: user.id,
            action: 'rules-dry-run',
            details: { draftId: d.draftId, revision: d.revision, againstVersion: activeSet.version, leads: result.leads, moved: result.moved },
            reason: null,
            at: now,
          });
        });
      }
      return { ...recorded, draftId: d?.draftId ?? null };
    },

    /** Two-person rule: approved by a national approver who neither wrote nor last edited it, after a dry run of this revision. */
    async approveAndPublish(user: Principal, draftId: string, reason: string | undefined): Promise<PublishedVersion> {
      assertCan(user, 'rules:publish');
      const why = reasonOf(reason);
      const now = clock.now();
      // Read before the transaction: the embedded store has one connection, held by the transaction.
      const before = await active();
      const published = await store.inTransaction(async (tx) => {
        const d = await tx.lockDraft(draftId);
        if (!d) throw new NotFoundError('未找到该规则草案');
        assertSecondPerson(d.author, user);
        assertSecondPerson(d.lastEditedBy, user);
        if (d.status !== 'draft') throw new ConflictError('该草案已发布或已撤回');
        if (!d.dryRun || d.dryRun.revision !== d.revision) throw new ConflictError('发布前须对当前草案进行试运行（草案修改后须重新试运行）');
        const version = await tx.publishVersion({ rules: d.rules, publishedBy: user.id, approvedBy: user.id, draftId, republishedFrom: null, reason: why }, now);
        await tx.saveDraft({ ...d, status: 'published', publishedVersion: version, updatedAt: now.toISOString() });
        await tx.appendAudit({
          actor: user.id,
          action: 'rules-publish',
          details: { draftId, version, author: d.author, previousVersion: before?.version ?? null, diff: diffRuleSets(before?.rules ?? DEFAULT_RULE_SET, d.rules), dryRunMoved: d.dryRun.result.moved },
          reason: why,
          at: now,
        });
        return version;
      });
      return (await reads.findVersion(published))!;
    },

    /** Re-publishes an earlier version as the newest (rollback); audited with the diff against what was in force. */
    async rollback(user: Principal, version: number, reason: string | undefined): Promise<PublishedVersion> {
      assertCan(user, 'rules:publish');
      const why = reasonOf(reason);
      const target = await reads.findVersion(version);
      if (!target) throw new NotFoundError('未找到该版本的规则');
      const before = await active();
      if (before?.version === version) throw new ConflictError('该版本正在生效，无需回滚');
      const now = clock.now();
      const published = await store.inTransaction(async (tx) => {
        const v = await tx.publishVersion({ rules: target.rules, publishedBy: user.id, approvedBy: user.id, draftId: null, republishedFrom: version, reason: why }, now);
        await tx.appendAudit({
          actor: user.id,
          action: 'rules-rollback',
          details: { version: v, republishedFrom: version, previousVersion: before?.version ?? null, diff: diffRuleSets(before?.rules ?? DEFAULT_RULE_SET, target.rules) },
          reason: why,
          at: now,
        });
        return v;
      });
      return (await reads.findVersion(published))!;
    },

    /** Per rule of the active set: how many leads it decided in the last `days` days (30 by default). */
    async coverage(user: Principal, days = 30): Promise<RuleCoverage> {
      assertCan(user, 'rules:read');
      const since = new Date(clock.now().getTime() - days * 86_400_000);
      const rows = await reads.coverage(since);
      const v = await active();
      const byRule = new Map<string, number>();
      for (const r of rows) byRule.set(r.ruleId, (byRule.get(r.ruleId) ?? 0) + r.leads);
      const rules = (v?.rules ?? DEFAULT_RULE_SET).rules.map((r) => ({ ruleId: r.id, leads: byRule.get(r.id) ?? 0, dead: !byRule.get(r.id) }));
      return { since: since.toISOString(), activeVersion: v?.version ?? null, rules, byVersion: rows };
    },

    async why(user: Principal, leadId: string): Promise<LeadRouting> {
      assertCan(user, 'rules:read');
      const r = await reads.leadRouting(leadId.toLowerCase());
      if (!r) throw new NotFoundError('未找到该线索');
      return r;
    },

    /**
     * Re-routes leads by hand: one request per lead (its id the idempotency key of its messages),
     * stored and audited in one transaction, then put on the bus; the reroute worker moves each
     * lead exactly once. Requests the bus did not take stay in the outbox (`relayReroutes`).
     */
    async reroute(user: Principal, input: { leadIds: readonly string[]; toQueue: string; reason: string }): Promise<{ reroutes: Array<{ rerouteId: string; leadId: string; from: string | null }> }> {
      assertCan(user, 'lead:reroute');
      const why = reasonOf(input.reason, 4);
      const { toQueue } = input;
      if (!(toQueue === 'national' || toQueue === 'out-of-scope' || toQueue === 'held' || isProvinceCode(toQueue))) throw new ValidationError(REROUTE_QUEUES_HINT);
      const leadIds = [...new Set(input.leadIds.map((id) => id.toLowerCase()))];
      if (leadIds.length === 0 || leadIds.length > MAX_REROUTE) throw new ValidationError(`一次可改派 1 到 ${MAX_REROUTE} 条线索`);
      const found = await reads.findLeadRoutes(leadIds);
      const missing = leadIds.filter((id) => !found.some((f) => f.leadId === id));
      if (missing.length) throw new NotFoundError(`未找到线索：${missing.join('、')}`);
      const unrouted = found.filter((f) => !f.route);
      if (unrouted.length) throw new ConflictError(`线索尚未完成分流，暂不能改派：${unrouted.map((f) => f.leadId).join('、')}`);
      const now = clock.now();
      const out = found.map((f) => ({ rerouteId: deps.ids.uuid(), leadId: f.leadId, from: f.route ? queueName(f.route.target) : null }));
      await store.inTransaction(async (tx) => {
        for (const r of out) {
          await tx.insertReroute({ rerouteId: r.rerouteId, leadId: r.leadId, toQueue, reason: why, requestedBy: user.id, requestedAt: now });
          await tx.appendAudit({ actor: user.id, action: 'lead-reroute', leadId: r.leadId, details: { rerouteId: r.rerouteId, from: r.from, to: toQueue }, reason: why, at: now });
        }
      });
      await this.relayReroutes();
      return { reroutes: out };
    },

    /** Publishes re-routing requests not yet on the bus; returns how many. Safe to repeat: the reroute worker applies each request once. */
    async relayReroutes(): Promise<number> {
      const pending = await store.unpublishedReroutes(500);
      if (pending.length === 0) return 0;
      await deps.bus.publish(
        pending.map((p) => ({
          topic: TOPICS.reroutes,
          key: p.leadId,
          value: { rerouteId: p.rerouteId, leadId: p.leadId } satisfies RerouteRequested,
          headers: { 'x-idempotency-key': `reroute:${p.rerouteId}` },
        })),
      );
      await store.markReroutesPublished(pending.map((p) => p.rerouteId), clock.now());
      return pending.length;
    },
  };
}

function queueName(target: { kind: string; provinceCode?: string }): string {
  return target.kind === 'province' ? target.provinceCode! : target.kind;
}
