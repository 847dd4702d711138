/**
 * The dedup stage: reports.screened → reports.deduped.
 *
 * 1. Candidates: vector kNN, BM25 and entity blocking in the lead index (dedup/candidates.ts).
 * 2. Decision: the calibrated pair scorer over the candidates (dedup/decide.ts): duplicate (joins
 *    the matched lead's cluster), related (linked), or new (opens a cluster of its own).
 * 3. The lead is written to the index, then the decision, its links and deadlines to the store.
 * 4. Race merge: two near-identical reports processed at the same moment by two workers both see
 *    no candidate. After its own write is searchable, a lead that opened a cluster looks again;
 *    a duplicate that appeared meanwhile in another cluster is merged with it (the cluster created
 *    first survives, so both workers converge on the same cluster).
 *
 * Replays are idempotent: a lead whose decision is stored gets the same decision again.
 */
import { BadMessageError } from '../models/errors';
import type { Credibility, Dedup } from '../models/lead';
import type { ReportDeduped, ReportScreened } from '../models/messages';
import type { IndexedLead, LeadIndex } from '../models/ports/lead-index.port';
import type { LeadRepository, ReportRepository } from '../models/ports/repositories.port';
import type { Logger } from '../models/ports/runtime.port';
import { emitted, type Stage } from '../models/stage';
import { GROUPS, TOPICS } from '../models/topics';
import { blockingKeys } from './blocking';
import { DEFAULT_CANDIDATE_POLICY, findCandidates, type CandidatePolicy } from './candidates';
import { decide, type EarlierLead } from './decide';
import { COPY_SIMILARITY } from '../models/clusters';
import { corroborate } from './corroboration';
import { COSINE_THRESHOLDS, DEFAULT_COSINE_THRESHOLD } from './pairs/cosine-thresholds';
import type { DedupParams } from './pairs/scorer';

export interface DedupPolicy extends CandidatePolicy {
  /** Cosine thresholds for embedders without calibrated pair parameters (pairs/cosine-thresholds.ts). */
  readonly thresholds: Readonly<Record<string, number>>;
  readonly defaultThreshold: number;
  /** Days a lead has for handling, from receipt; a cluster keeps its members' earliest. */
  readonly deadlineDays: number;
}

/** Neighbours looked at again by the race-merge step. */
const RACE_NEIGHBOURS = 5;

export const DEFAULT_DEDUP_POLICY: DedupPolicy = {
  ...DEFAULT_CANDIDATE_POLICY,
  thresholds: COSINE_THRESHOLDS,
  defaultThreshold: DEFAULT_COSINE_THRESHOLD,
  deadlineDays: 30,
};

/** Merges two clusters (the review service, acting as the system). */
export interface ClusterMerger {
  merge(clusterA: string, clusterB: string, reason: string): Promise<void>;
}

export interface DedupStageDeps {
  readonly index: LeadIndex;
  readonly leads: Pick<LeadRepository, 'findDedup' | 'saveDedup' | 'findEarlier' | 'listCorroborators' | 'saveCredibility'>;
  readonly reports: Pick<ReportRepository, 'advanceStatus'>;
  readonly merger?: ClusterMerger;
  readonly policy?: DedupPolicy;
  /** Calibrated pair-scorer parameters per embedder (infra/trained-params.ts); null: the cosine rule. */
  readonly params: (embedderId: string) => DedupParams | null;
  readonly logger?: Logger;
}

export function parseReportScreened(value: unknown): ReportScreened {
  const v = value as Partial<ReportScreened> | null;
  if (!v || typeof v.reportId !== 'string' || !Array.isArray(v.screening?.embedding) || typeof v.screening?.embedderId !== 'string') {
    throw new BadMessageError('消息格式不正确：缺少举报编号或文本向量');
  }
  return v as ReportScreened;
}

export function toIndexedLead(lead: ReportScreened, clusterId: string): IndexedLead {
  const s = lead.screening;
  return {
    leadId: lead.reportId,
    embedderId: s.embedderId,
    vector: s.embedding,
    tokens: s.tokens.filter((t) => /[\p{L}\p{N}]/u.test(t)),
    ...(s.location.provinceCode ? { provinceCode: s.location.provinceCode } : {}),
    ...(s.location.countyCode ? { countyCode: s.location.countyCode } : {}),
    categories: s.categories.slice(0, 3).map((c) => c.code),
    clusterId,
    entityKeys: blockingKeys(s),
    receivedAt: lead.receivedAt,
  };
}

export function createDedupStage(deps: DedupStageDeps): Stage<ReportScreened> {
  const policy = deps.policy ?? DEFAULT_DEDUP_POLICY;
  const paramsFor = deps.params;
  const thresholdFor = (embedderId: string): number => policy.thresholds[embedderId] ?? policy.defaultThreshold;

  async function earlierLeads(lead: ReportScreened): Promise<EarlierLead[]> {
    const { candidates } = await findCandidates(deps.index, lead, policy);
    return deps.leads.findEarlier(candidates.map((c) => c.leadId));
  }

  /**
   * After the lead is searchable: a duplicate that opened its own cluster meanwhile is merged.
   * Concurrent copies are near-identical, so the vector neighbours suffice (one search, not three).
   */
  async function mergeRaces(lead: ReportScreened, dedup: Dedup, seen: ReadonlySet<string>): Promise<void> {
    if (!deps.merger) return;
    const s = lead.screening;
    const hits = await deps.index.knn(s.embedding, RACE_NEIGHBOURS, { embedderId: s.embedderId, excludeLeadId: lead.reportId });
    const fresh = hits.filter((h) => !seen.has(h.leadId) && h.clusterId !== dedup.clusterId).map((h) => h.leadId);
    const late = (await deps.leads.findEarlier(fresh)).filter((e) => e.clusterId !== dedup.clusterId);
    if (late.length === 0) return;
    const again = decide(lead, late, paramsFor(s.embedderId), thresholdFor(s.embedderId));
    if (again.dedup.decision !== 'duplicate') return;
    deps.logger?.info('merging clusters opened concurrently', { leadId: lead.reportId, clusters: [dedup.clusterId, again.dedup.clusterId] });
    await deps.merger.merge(dedup.clusterId, again.dedup.clusterId, `并发处理的重复线索（${lead.reportId} 与 ${again.dedup.matchedLeadId}）`);
  }

  return {
    name: 'dedup',
    group: GROUPS.dedup,
    inputTopic: TOPICS.screened,
    parse: parseReportScreened,
    async handle(lead, { clock }) {
      const stored = await deps.leads.findDedup(lead.reportId);
      let dedup: Dedup;
      if (stored) {
        dedup = stored;
        await deps.index.upsert(toIndexedLead(lead, dedup.clusterId));
      } else {
        const earlier = await earlierLeads(lead);
        const decision = decide(lead, earlier, paramsFor(lead.screening.embedderId), thresholdFor(lead.screening.embedderId));
        const deadlineAt = new Date(Date.parse(lead.receivedAt) + policy.deadlineDays * 86_400_000).toISOString();
        // Index first: a crash before the store write replays into the same decision (the lead's own
        // entry is excluded from its searches), and the next report's dedup can already see it.
        await deps.index.upsert(toIndexedLead(lead, decision.dedup.clusterId));
        const clusterId = await deps.leads.saveDedup(lead.reportId, decision.dedup, clock.now(), { links: decision.links, deadlineAt });
        dedup = { ...decision.dedup, clusterId };
        if (clusterId !== decision.dedup.clusterId) await deps.index.upsert(toIndexedLead(lead, clusterId));
        if (dedup.decision === 'new') await mergeRaces(lead, dedup, new Set(earlier.map((e) => e.leadId)));
      }
      const credibility = await corroborate(lead, dedup, deps.leads, clock.now(), COPY_SIMILARITY);
      await deps.reports.advanceStatus(lead.reportId, 'deduplicated', clock.now());
      const out: ReportDeduped = { ...lead, screening: { ...lead.screening, credibility }, dedup };
      return emitted({ topic: TOPICS.deduped, key: lead.reportId, value: out });
    },
  };
}
