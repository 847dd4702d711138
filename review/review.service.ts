/**
 * Analysts' review of duplicate clusters: list, read, confirm, split, merge, "not a duplicate".
 * Pure logic over the review ports: reads through the read model, every action inside one store
 * transaction with its audit row. An analyst acts only on clusters with a member in their
 * province, the national office on all. Ids are stable: a merged cluster's id resolves to its
 * survivor, for reads and actions alike.
 */
import { assertCan, can, outOfScope, type Permission } from '../models/access';
import type { Analyst } from '../models/actor';
import { isCategoryCode, isInScope, type CategoryCode } from '../models/categories';
import { COPY_SIMILARITY, followMerges } from '../models/clusters';
import { ConflictError, NotFoundError, ValidationError } from '../models/errors';
import type { LeadIndex } from '../models/ports/lead-index.port';
import type { Clock, IdGenerator, Logger } from '../models/ports/runtime.port';
import { clusterDetail, dateRange, divisionCodesNamed, earliest, listItem, provincesOf } from './cluster-views';
import type { AuditEntry, ClusterHead, LeadRef, PairLabel, ReviewAction, ReviewReadModel, ReviewStore, ReviewWrites } from './review.port';
import type { ActionResult, ClusterDetail, ClusterFilters, ClusterList } from './review.views';

export interface ReviewServiceDeps {
  readonly reads: ReviewReadModel;
  readonly store: ReviewStore;
  readonly clock: Clock;
  readonly ids: Pick<IdGenerator, 'uuid'>;
  /** When given, moved leads are re-pointed to their new cluster in the index (best effort, after commit). */
  readonly index?: Pick<LeadIndex, 'get' | 'upsert'>;
  readonly logger?: Logger;
  readonly copySimilarity?: number;
  /** The stored form of a citizen's query code (HMAC under the deployment's key), so analysts can search by it. */
  readonly hashQueryCode?: (queryCode: string) => string | undefined;
}

export type ReviewService = ReturnType<typeof createReviewService>;

const MAX_REASON = 500;

export function createReviewService(deps: ReviewServiceDeps) {
  const { reads, store, clock, ids } = deps;
  const copySimilarity = deps.copySimilarity ?? COPY_SIMILARITY;

  async function resolve(clusterId: string): Promise<string> {
    const id = await followMerges(clusterId.toLowerCase(), (c) => reads.mergedInto(c));
    if (!id) throw new NotFoundError('未找到该线索簇');
    return id;
  }

  /** Locks the cluster, following merges to the survivor (each hop locked). */
  async function lockSurvivor(tx: ReviewWrites, clusterId: string): Promise<ClusterHead> {
    let head: ClusterHead | undefined;
    const id = await followMerges(clusterId.toLowerCase(), async (c) => {
      head = await tx.lockCluster(c);
      return head ? head.mergedInto : undefined;
    });
    if (!id || !head) throw new NotFoundError('未找到该线索簇');
    return head;
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

  /** Another province's cluster is refused like an unknown one (404), so ids reveal nothing. */
  function assertScope(analyst: Analyst, provinces: readonly string[], notFound = '未找到该线索簇'): void {
    if (analyst.scope.kind === 'national') return;
    if (!provinces.includes(analyst.scope.provinceCode)) throw outOfScope(notFound);
  }

  /** The role's permission, checked again here: a route wired without its guard still cannot act. */
  const permit = (analyst: Analyst, permission: Permission): void => assertCan(analyst, permission);

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
    permit(analyst, 'cluster:read');
    const id = await resolve(clusterId);
    const [head, members, stored] = await Promise.all([reads.findHead(id), reads.listMembers(id), reads.listLinks(id)]);
    if (!head) throw new NotFoundError('未找到该线索簇');
    assertScope(analyst, provincesOf(members));
    return clusterDetail(head, members, stored, clusterId.toLowerCase(), copySimilarity);
  }

  return {
    async listClusters(analyst: Analyst, filters: ClusterFilters = {}): Promise<ClusterList> {
      permit(analyst, 'cluster:read');
      const { from, before } = dateRange(filters.from, filters.to);
      if (filters.category !== undefined && !isCategoryCode(filters.category)) throw new ValidationError('类别代码无效');
      const text = filters.q?.trim();
      const queryCodeHash = text ? deps.hashQueryCode?.(text) : undefined;
      const search = text
        ? { text, divisionCodes: divisionCodesNamed(text), ...(queryCodeHash ? { queryCodeHash } : {}) }
        : undefined;
      const page = await reads.listClusters({
        ...(analyst.scope.kind === 'province' ? { provinceCode: analyst.scope.provinceCode } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        minSize: filters.minSize ?? 1,
        crossProvinceOnly: filters.crossProvince ?? false,
        ...(from ? { receivedFrom: from } : {}),
        ...(before ? { receivedBefore: before } : {}),
        ...(filters.category ? { category: filters.category } : {}),
        ...(search ? { search } : {}),
        copySimilarity,
        limit: filters.limit ?? 50,
        offset: filters.offset ?? 0,
      });
      return { total: page.total, clusters: page.clusters.map(listItem) };
    },

    getCluster,

    async confirm(analyst: Analyst, clusterId: string, reason?: string): Promise<ActionResult> {
      permit(analyst, 'cluster:act');
      const why = optionalReason(reason);
      return store.inTransaction(async (tx) => {
        const head = await lockSurvivor(tx, clusterId);
        assertScope(analyst, await tx.provincesOf(head.clusterId));
        const at = clock.now();
        await tx.setStatus(head.clusterId, 'confirmed', at);
        await tx.appendAudit(audit(analyst, 'confirm', head.clusterId, null, why, at, { previousStatus: head.status, clusters: [head.clusterId] }));
        return { action: 'confirm', clusterId: head.clusterId, previousStatus: head.status };
      });
    },

    async split(analyst: Analyst, clusterId: string, leadId: string, reason: string | undefined): Promise<ActionResult> {
      permit(analyst, 'cluster:act');
      const why = requiredReason(reason);
      const lead = leadId.toLowerCase();
      const result = await store.inTransaction(async (tx) => {
        const head = await lockSurvivor(tx, clusterId);
        assertScope(analyst, await tx.provincesOf(head.clusterId));
        const at = clock.now();
        const s = await splitOut(tx, head, await tx.membersOf(head.clusterId), lead, at);
        // The analyst says the member is not the canonical's incident: a label for calibration.
        const other = s.previousCanonical === lead ? s.canonicalLeadId : s.previousCanonical;
        await tx.savePairLabel(pairLabel(lead, other, 'not-duplicate', analyst, why, at));
        const details = { newClusterId: s.newClusterId, canonicalLeadId: s.canonicalLeadId, clusters: [head.clusterId, s.newClusterId] };
        await tx.appendAudit(audit(analyst, 'split', head.clusterId, lead, why, at, details));
        return { action: 'split' as const, clusterId: head.clusterId, leadId: lead, newClusterId: s.newClusterId, canonicalLeadId: s.canonicalLeadId };
      });
      await repoint([lead], result.newClusterId);
      return result;
    },

    async merge(analyst: Analyst, clusterId: string, otherClusterId: string, reason: string | undefined): Promise<ActionResult> {
      permit(analyst, 'cluster:act');
      const why = requiredReason(reason);
      const result = await store.inTransaction(async (tx) => {
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
        const status = survivor.status === 'confirmed' && absorbed.status === 'confirmed' ? 'confirmed' : 'open';
        const deadlineAt = earliest([survivor.deadlineAt, absorbed.deadlineAt]);
        await tx.updateHead(survivor.clusterId, { canonicalLeadId: survivor.canonicalLeadId, deadlineAt, status }, at);
        await tx.savePairLabel(pairLabel(survivor.canonicalLeadId, absorbed.canonicalLeadId, 'duplicate', analyst, why, at));
        const details = { survivorId: survivor.clusterId, absorbedId: absorbed.clusterId, movedLeadIds: moved, clusters: [survivor.clusterId, absorbed.clusterId] };
        await tx.appendAudit(audit(analyst, 'merge', survivor.clusterId, null, why, at, details));
        return { action: 'merge' as const, clusterId: survivor.clusterId, absorbedId: absorbed.clusterId, movedLeadIds: moved };
      });
      await repoint(result.movedLeadIds, result.clusterId);
      return result;
    },

    async markNotDuplicate(analyst: Analyst, leadA: string, leadB: string, reason: string | undefined): Promise<ActionResult> {
      permit(analyst, 'cluster:act');
      const why = requiredReason(reason);
      const [a, b] = [leadA.toLowerCase(), leadB.toLowerCase()];
      if (a === b) throw new ValidationError('请选择两条不同的线索');
      const result = await store.inTransaction(async (tx) => {
        const leads = await tx.findLeads([a, b]);
        if (leads.length < 2) throw new NotFoundError('未找到该线索');
        for (const l of leads) assertScope(analyst, l.clusterId ? await tx.provincesOf(l.clusterId) : l.provinceCode ? [l.provinceCode] : [], '未找到该线索');
        const at = clock.now();
        await tx.savePairLabel(pairLabel(a, b, 'not-duplicate', analyst, why, at));
        const [earlier, later] = leads as [LeadRef, LeadRef];
        let split: { leadId: string; newClusterId: string } | undefined;
        let clusters = [...new Set(leads.map((l) => l.clusterId).filter((c): c is string => c !== null))];
        if (earlier.clusterId !== null && earlier.clusterId === later.clusterId) {
          const head = await tx.lockCluster(earlier.clusterId);
          if (!head) throw new NotFoundError('未找到该线索簇');
          const s = await splitOut(tx, head, await tx.membersOf(head.clusterId), later.leadId, at);
          split = { leadId: later.leadId, newClusterId: s.newClusterId };
          clusters = [head.clusterId, s.newClusterId];
        }
        const details = { leadA: a, leadB: b, clusters, ...(split ? { splitLeadId: split.leadId, newClusterId: split.newClusterId } : {}) };
        await tx.appendAudit(audit(analyst, 'not-duplicate', earlier.clusterId, split?.leadId ?? null, why, at, details));
        return { action: 'not-duplicate' as const, clusterId: earlier.clusterId, leadA: a, leadB: b, ...(split ? { split } : {}) };
      });
      if (result.split) await repoint([result.split.leadId], result.split.newClusterId);
      return result;
    },

    /**
     * An analyst corrects a lead's scope and categories: stored as the lead's label (the next
     * training learns from it), the lead's primary category follows, audited with the reason.
     */
    async classify(analyst: Analyst, leadId: string, correction: { inScope: boolean; categories: readonly string[]; reason: string | undefined }): Promise<ActionResult> {
      permit(analyst, 'cluster:act');
      const why = requiredReason(correction.reason);
      const lead = leadId.toLowerCase();
      const categories = checkedCategories(correction.inScope, correction.categories);
      return store.inTransaction(async (tx) => {
        const [ref] = await tx.findLeads([lead]);
        if (!ref) throw new NotFoundError('未找到该线索');
        assertScope(analyst, ref.clusterId ? await tx.provincesOf(ref.clusterId) : ref.provinceCode ? [ref.provinceCode] : [], '未找到该线索');
        const at = clock.now();
        await tx.saveLeadLabel({ leadId: lead, inScope: correction.inScope, categories, labelledBy: analyst.id, reason: why, labelledAt: at.toISOString() });
        const details = { inScope: correction.inScope, categories, clusters: ref.clusterId ? [ref.clusterId] : [] };
        await tx.appendAudit(audit(analyst, 'classify', ref.clusterId, lead, why, at, details));
        return { action: 'classify' as const, clusterId: ref.clusterId, leadId: lead, inScope: correction.inScope, categories };
      });
    },

    async audit(analyst: Analyst, clusterId?: string, limit = 200): Promise<AuditEntry[]> {
      if (clusterId === undefined) {
        permit(analyst, 'audit:read');
        return reads.listAudit(undefined, limit);
      }
      // The auditor reads any cluster's trail without reading the cluster; others through their scope.
      if (can(analyst, 'audit:read')) return reads.listAudit(await resolve(clusterId), limit);
      const detail = await getCluster(analyst, clusterId);
      return reads.listAudit(detail.clusterId, limit);
    },

    /** Every analyst's label: the next calibration's training pairs. */
    listPairLabels: (): Promise<PairLabel[]> => reads.listPairLabels(),
  };
}

function pairLabel(x: string, y: string, label: PairLabel['label'], analyst: Analyst, reason: string | null, at: Date): PairLabel {
  const [leadA, leadB] = x < y ? [x, y] : [y, x];
  return { leadA, leadB, label, labelledBy: analyst.id, reason, labelledAt: at.toISOString() };
}

/** In scope: one or more of the twelve targets, the primary first; out of scope: 非涉黑涉恶 or 无效. */
function checkedCategories(inScope: boolean, given: readonly string[]): CategoryCode[] {
  const codes = [...new Set(given)];
  if (!codes.every(isCategoryCode)) throw new ValidationError('类别代码无效');
  if (inScope) {
    if (codes.length === 0 || !codes.every(isInScope)) throw new ValidationError('属于涉黑涉恶的线索须选择至少一个十二类重点对象类别（主要类别在前）');
    return codes;
  }
  if (codes.length === 0) return ['OUT_OF_SCOPE'];
  if (codes.length > 1 || (codes[0] !== 'OUT_OF_SCOPE' && codes[0] !== 'INVALID')) throw new ValidationError('不属于涉黑涉恶的线索只能标为“非涉黑涉恶”或“无效举报”');
  return codes;
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
