/**
 * Analysts' review of duplicate clusters: list, read, confirm, split, merge, "not a duplicate".
 * Pure logic over the ReviewRepository port. Every action runs in one transaction with its audit
 * row; an analyst acts only on clusters with a member in their province, the national office on all.
 * Ids are stable: a merged cluster's id resolves to its survivor, for reads and actions alike.
 */
import { categoryName, isCategoryCode } from '../models/categories';
import { COUNTIES, provinceName } from '../models/divisions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../models/errors';
import type { LeadIndex } from '../models/ports/lead-index.port';
import type {
  ActionResult,
  Analyst,
  AuditEntry,
  ClusterDetail,
  ClusterFilters,
  ClusterHead,
  ClusterListItem,
  ClusterMember,
  ClusterStatus,
  LeadLink,
  LeadRef,
  LinkView,
  PairLabel,
  ReviewAction,
  ReviewRepository,
  ReviewWrites,
  SharedEntity,
} from '../models/ports/review.port';
import type { Clock, IdGenerator, Logger } from '../models/ports/runtime.port';
import { COPY_SIMILARITY } from './dedup.stage';

export interface ReviewServiceDeps {
  readonly repo: ReviewRepository;
  readonly clock: Clock;
  readonly ids: Pick<IdGenerator, 'uuid'>;
  /** When given, moved leads are re-pointed to their new cluster in the index (best effort, after commit). */
  readonly index?: Pick<LeadIndex, 'get' | 'upsert'>;
  readonly logger?: Logger;
  readonly copySimilarity?: number;
}

export type ReviewService = ReturnType<typeof createReviewService>;

const MAX_MERGE_HOPS = 32;
const MAX_REASON = 500;
const COUNTY_NAME = new Map(COUNTIES.map((c) => [c.code, c.name]));
const DAY_MS = 86_400_000;

export function createReviewService(deps: ReviewServiceDeps) {
  const { repo, clock, ids } = deps;
  const copySimilarity = deps.copySimilarity ?? COPY_SIMILARITY;
  const isCopy = (m: ClusterMember): boolean => m.dedup?.decision === 'duplicate' && (m.dedup.score ?? 0) >= copySimilarity;

  async function resolve(clusterId: string): Promise<string> {
    const id = await repo.resolveClusterId(clusterId.toLowerCase());
    if (!id) throw new NotFoundError('未找到该线索簇');
    return id;
  }

  /** Locks the cluster, following merges to the survivor. */
  async function lockSurvivor(tx: ReviewWrites, clusterId: string): Promise<ClusterHead> {
    let id = clusterId.toLowerCase();
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const head = await tx.lockCluster(id);
      if (!head) throw new NotFoundError('未找到该线索簇');
      if (!head.mergedInto) return head;
      id = head.mergedInto;
    }
    throw new ConflictError('线索簇合并链异常，请联系管理员');
  }

  /** Moves one member out into a new cluster of its own; the old cluster keeps its id. */
  async function splitOut(tx: ReviewWrites, head: ClusterHead, members: readonly LeadRef[], leadId: string, at: Date) {
    const lead = members.find((m) => m.leadId === leadId);
    if (!lead) throw new ConflictError('该线索不在此线索簇中（可能已被拆分，请刷新）');
    const remaining = members.filter((m) => m.leadId !== leadId);
    if (remaining.length === 0) throw new ConflictError('该线索簇只有这一条线索，无法拆分');
    const newClusterId = ids.uuid();
    await tx.createCluster({ clusterId: newClusterId, canonicalLeadId: leadId, deadlineAt: lead.deadlineAt }, at);
    await tx.moveLeads([leadId], newClusterId, at);
    // The earliest remaining member becomes canonical; the remaining members' clocks keep running.
    const canonicalLeadId = head.canonicalLeadId === leadId ? remaining[0]!.leadId : head.canonicalLeadId;
    const deadlineAt = earliest(remaining.map((m) => m.deadlineAt)) ?? head.deadlineAt;
    await tx.updateHead(head.clusterId, { canonicalLeadId, deadlineAt, status: head.status }, at);
    return { newClusterId, canonicalLeadId, previousCanonical: head.canonicalLeadId };
  }

  function assertScope(analyst: Analyst, provinces: readonly string[]): void {
    if (analyst.scope.kind === 'national') return;
    const own = analyst.scope.provinceCode;
    if (!provinces.includes(own)) throw new ForbiddenError(`该线索簇不涉及${provinceName(own)}，您无权查看或处理`);
  }

  async function repoint(leadIds: readonly string[], clusterId: string): Promise<void> {
    if (!deps.index) return;
    for (const leadId of leadIds) {
      try {
        const indexed = await deps.index.get(leadId);
        if (indexed && indexed.clusterId !== clusterId) await deps.index.upsert({ ...indexed, clusterId });
      } catch (error) {
        deps.logger?.warn('review: lead index not re-pointed', { leadId, clusterId, error: String(error) });
      }
    }
  }

  function audit(analyst: Analyst, action: ReviewAction, clusterId: string | null, leadId: string | null, reason: string | null, at: Date, details: Record<string, unknown>): AuditEntry {
    return { actor: analyst.id, action, clusterId, leadId, reason, at: at.toISOString(), details: { actorName: analyst.name, ...details } };
  }

  async function getCluster(analyst: Analyst, clusterId: string): Promise<ClusterDetail> {
    const id = await resolve(clusterId);
    const [head, members, stored] = await Promise.all([repo.findHead(id), repo.listMembers(id), repo.listLinks(id)]);
    if (!head) throw new NotFoundError('未找到该线索簇');
    const provinces = [...new Set(members.map((m) => m.provinceCode).filter((p): p is string => p !== null))].sort();
    assertScope(analyst, provinces);
    const { mergedInto: _merged, ...rest } = head;
    return {
      ...rest,
      ...(id !== clusterId.toLowerCase() ? { redirectedFrom: clusterId } : {}),
      deadlineAt: earliest([head.deadlineAt, ...members.map((m) => m.deadlineAt)]),
      memberCount: members.length,
      independentReporters: members.filter((m) => !isCopy(m)).length,
      provinces,
      provinceNames: provinces.map(provinceName),
      crossProvince: provinces.length > 1,
      members: members.map((m) => ({
        ...m,
        provinceName: m.provinceCode ? provinceName(m.provinceCode) : null,
        countyName: m.countyCode ? (COUNTY_NAME.get(m.countyCode) ?? null) : null,
        isCanonical: m.leadId === head.canonicalLeadId,
        isCopy: isCopy(m),
      })),
      links: linksOf(members, stored),
      sharedEntities: sharedEntities(members),
    };
  }

  return {
    async listClusters(analyst: Analyst, filters: ClusterFilters = {}) {
      const { from, before } = dateRange(filters.from, filters.to);
      if (filters.category !== undefined && !isCategoryCode(filters.category)) throw new ValidationError('类别代码无效');
      const page = await repo.listClusters({
        ...(analyst.scope.kind === 'province' ? { provinceCode: analyst.scope.provinceCode } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        minSize: filters.minSize ?? 1,
        crossProvinceOnly: filters.crossProvince ?? false,
        ...(from ? { receivedFrom: from } : {}),
        ...(before ? { receivedBefore: before } : {}),
        ...(filters.category ? { category: filters.category } : {}),
        copySimilarity,
        limit: filters.limit ?? 50,
        offset: filters.offset ?? 0,
      });
      const clusters: ClusterListItem[] = page.clusters.map((c) => ({
        ...c,
        provinceNames: c.provinces.map(provinceName),
        crossProvince: c.provinces.length > 1,
        categoryNames: c.primaryCategories.map(nameOfCategory),
      }));
      return { total: page.total, clusters };
    },

    getCluster,

    async confirm(analyst: Analyst, clusterId: string, reason?: string): Promise<ActionResult> {
      const why = optionalReason(reason);
      return repo.inTransaction(async (tx) => {
        const head = await lockSurvivor(tx, clusterId);
        assertScope(analyst, await tx.provincesOf(head.clusterId));
        const at = clock.now();
        await tx.setStatus(head.clusterId, 'confirmed', at);
        const details = { previousStatus: head.status, clusters: [head.clusterId] };
        await tx.appendAudit(audit(analyst, 'confirm', head.clusterId, null, why, at, details));
        return { action: 'confirm', clusterId: head.clusterId, details };
      });
    },

    async split(analyst: Analyst, clusterId: string, leadId: string, reason: string | undefined): Promise<ActionResult> {
      const why = requiredReason(reason);
      const lead = leadId.toLowerCase();
      const result = await repo.inTransaction(async (tx) => {
        const head = await lockSurvivor(tx, clusterId);
        assertScope(analyst, await tx.provincesOf(head.clusterId));
        const at = clock.now();
        const s = await splitOut(tx, head, await tx.membersOf(head.clusterId), lead, at);
        // The analyst says the member is not the canonical's incident: a label for calibration.
        const other = s.previousCanonical === lead ? s.canonicalLeadId : s.previousCanonical;
        await tx.savePairLabel(pairLabel(lead, other, 'not-duplicate', analyst, why, at));
        const details = { newClusterId: s.newClusterId, canonicalLeadId: s.canonicalLeadId, clusters: [head.clusterId, s.newClusterId] };
        await tx.appendAudit(audit(analyst, 'split', head.clusterId, lead, why, at, details));
        return { action: 'split' as const, clusterId: head.clusterId, details };
      });
      await repoint([lead], result.details.newClusterId);
      return result;
    },

    async merge(analyst: Analyst, clusterId: string, otherClusterId: string, reason: string | undefined): Promise<ActionResult> {
      const why = requiredReason(reason);
      const result = await repo.inTransaction(async (tx) => {
        // Lock in a fixed order so two analysts merging the same pair cannot deadlock.
        const [first, second] = [clusterId.toLowerCase(), otherClusterId.toLowerCase()].sort() as [string, string];
        const a = await lockSurvivor(tx, first);
        const b = await lockSurvivor(tx, second);
        if (a.clusterId === b.clusterId) throw new ValidationError('不能将线索簇与其自身合并');
        for (const c of [a, b]) assertScope(analyst, await tx.provincesOf(c.clusterId));
        // The cluster created first survives and keeps its id; merging never resets a clock.
        const [survivor, absorbed] = a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.clusterId < b.clusterId) ? [a, b] : [b, a];
        const at = clock.now();
        const moved = (await tx.membersOf(absorbed.clusterId)).map((m) => m.leadId);
        await tx.moveAllLeads(absorbed.clusterId, survivor.clusterId, at);
        await tx.markMerged(absorbed.clusterId, survivor.clusterId, at);
        const status: ClusterStatus = survivor.status === 'confirmed' && absorbed.status === 'confirmed' ? 'confirmed' : 'open';
        const deadlineAt = earliest([survivor.deadlineAt, absorbed.deadlineAt]);
        await tx.updateHead(survivor.clusterId, { canonicalLeadId: survivor.canonicalLeadId, deadlineAt, status }, at);
        await tx.savePairLabel(pairLabel(survivor.canonicalLeadId, absorbed.canonicalLeadId, 'duplicate', analyst, why, at));
        const details = { survivorId: survivor.clusterId, absorbedId: absorbed.clusterId, movedLeadIds: moved, clusters: [survivor.clusterId, absorbed.clusterId] };
        await tx.appendAudit(audit(analyst, 'merge', survivor.clusterId, null, why, at, details));
        return { action: 'merge' as const, clusterId: survivor.clusterId, details };
      });
      await repoint(result.details.movedLeadIds, result.details.survivorId);
      return result;
    },

    async markNotDuplicate(analyst: Analyst, leadA: string, leadB: string, reason: string | undefined): Promise<ActionResult> {
      const why = requiredReason(reason);
      const [a, b] = [leadA.toLowerCase(), leadB.toLowerCase()];
      if (a === b) throw new ValidationError('请选择两条不同的线索');
      const result = await repo.inTransaction(async (tx) => {
        const leads = await tx.findLeads([a, b]);
        if (leads.length < 2) throw new NotFoundError('未找到该线索');
        for (const l of leads) assertScope(analyst, l.clusterId ? await tx.provincesOf(l.clusterId) : l.provinceCode ? [l.provinceCode] : []);
        const at = clock.now();
        await tx.savePairLabel(pairLabel(a, b, 'not-duplicate', analyst, why, at));
        const [earlier, later] = leads as [LeadRef, LeadRef];
        let details: Record<string, unknown> = { leadA: a, leadB: b, clusters: [...new Set(leads.map((l) => l.clusterId).filter(Boolean))] };
        if (earlier.clusterId !== null && earlier.clusterId === later.clusterId) {
          const head = await tx.lockCluster(earlier.clusterId);
          if (!head) throw new NotFoundError('未找到该线索簇');
          const s = await splitOut(tx, head, await tx.membersOf(head.clusterId), later.leadId, at);
          details = { ...details, splitLeadId: later.leadId, newClusterId: s.newClusterId, clusters: [head.clusterId, s.newClusterId] };
        }
        await tx.appendAudit(audit(analyst, 'not-duplicate', earlier.clusterId, (details.splitLeadId as string | undefined) ?? null, why, at, details));
        return { action: 'not-duplicate' as const, clusterId: earlier.clusterId, details };
      });
      if (typeof result.details.newClusterId === 'string') await repoint([result.details.splitLeadId as string], result.details.newClusterId);
      return result;
    },

    async audit(analyst: Analyst, clusterId?: string, limit = 200): Promise<AuditEntry[]> {
      if (clusterId === undefined) {
        if (analyst.scope.kind !== 'national') throw new ForbiddenError('只有全国办可以查看全部操作记录，请指定线索簇');
        return repo.listAudit(undefined, limit);
      }
      const detail = await getCluster(analyst, clusterId);
      return repo.listAudit(detail.clusterId, limit);
    },

    /** Every analyst's label: the next calibration's training pairs. */
    listPairLabels: (): Promise<PairLabel[]> => repo.listPairLabels(),
  };
}

function pairLabel(x: string, y: string, label: PairLabel['label'], analyst: Analyst, reason: string | null, at: Date): PairLabel {
  const [leadA, leadB] = x < y ? [x, y] : [y, x];
  return { leadA, leadB, label, labelledBy: analyst.id, reason, labelledAt: at.toISOString() };
}

function requiredReason(reason: string | undefined): string {
  const r = reason?.trim() ?? '';
  if (!r) throw new ValidationError('拆分、合并或标记“不是重复”时必须填写理由');
  if (r.length > MAX_REASON) throw new ValidationError(`理由过长（最多 ${MAX_REASON} 个字符）`);
  return r;
}

function optionalReason(reason: string | undefined): string | null {
  return reason?.trim() ? requiredReason(reason) : null;
}

function earliest(dates: ReadonlyArray<string | null>): string | null {
  const present = dates.filter((d): d is string => d !== null).sort((x, y) => Date.parse(x) - Date.parse(y));
  return present[0] ?? null;
}

function nameOfCategory(code: string): string {
  return isCategoryCode(code) ? categoryName(code) : code;
}

/** A date alone is a whole day in Beijing time; `to` is inclusive. */
export function dateRange(from?: string, to?: string): { from?: Date; before?: Date } {
  const parse = (s: string, endOfDay: boolean): Date => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
    const t = Date.parse(dateOnly ? `${s}T00:00:00+08:00` : s);
    if (Number.isNaN(t)) throw new ValidationError(`日期格式不正确：${s}（应为 YYYY-MM-DD）`);
    return new Date(dateOnly && endOfDay ? t + DAY_MS : t);
  };
  const range = { ...(from ? { from: parse(from, false) } : {}), ...(to ? { before: parse(to, true) } : {}) };
  if (range.from && range.before && range.from >= range.before) throw new ValidationError('起始日期不能晚于结束日期');
  return range;
}

/** Entity values found in at least two members, for highlighting; key: type and normalised value. */
export function sharedEntities(members: readonly ClusterMember[]): SharedEntity[] {
  const byKey = new Map<string, { type: string; value: string; texts: Set<string>; leadIds: Set<string> }>();
  for (const m of members) {
    for (const e of m.entities) {
      const value = e.value ?? e.text;
      const key = `${e.type}:${value}`;
      const entry = byKey.get(key) ?? { type: e.type, value, texts: new Set<string>(), leadIds: new Set<string>() };
      entry.texts.add(e.text);
      entry.leadIds.add(m.leadId);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .filter((e) => e.leadIds.size >= 2)
    .map((e) => ({ type: e.type, value: e.value, texts: [...e.texts], leadIds: [...e.leadIds] }));
}

/** Stored links, plus each duplicate's dedup match inside the cluster when no link records it. */
export function linksOf(members: readonly ClusterMember[], stored: readonly LeadLink[]): LinkView[] {
  const links: LinkView[] = stored.map((l) => ({ ...l, source: 'lead_links' }));
  const inCluster = new Set(members.map((m) => m.leadId));
  const has = (x: string, y: string): boolean => links.some((l) => (l.leadId === x && l.otherLeadId === y) || (l.leadId === y && l.otherLeadId === x));
  for (const m of members) {
    const match = m.dedup?.matchedLeadId;
    if (m.dedup?.decision !== 'duplicate' || !match || !inCluster.has(match) || has(m.leadId, match)) continue;
    const score = m.dedup.score ?? 0;
    links.push({
      leadId: m.leadId,
      otherLeadId: match,
      kind: 'duplicate',
      probability: score,
      evidence: { text: `去重阶段判定为重复：文本向量相似度 ${score.toFixed(2)}` },
      createdAt: m.receivedAt,
      source: 'dedup',
    });
  }
  return links;
}
