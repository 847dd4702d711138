/**
 * Candidate earlier leads for a new lead, from three sources merged:
 * - vector kNN (same embedder only): what means the same, whatever the words;
 * - BM25 on the segmented text: what shares rare words (names, places, nicknames);
 * - entity blocking: the same person in the same county, the same phone, ID number or official.
 * All inside the time window. Each candidate remembers which sources proposed it.
 */
import type { IndexFilter, IndexHit, LeadIndex } from '../models/ports/lead-index.port';
import type { ReportScreened } from '../models/messages';
import { blockingKeys } from './blocking';

export type CandidateSource = 'vector' | 'text' | 'entities';

export interface Candidate {
  readonly leadId: string;
  readonly clusterId: string;
  readonly sources: readonly CandidateSource[];
  readonly cosine?: number;
  readonly sharedKeys?: number;
}

export interface CandidatePolicy {
  /** Nearest neighbours by vector; 10 holds every true duplicate of the generator's clusters (at most 8 reports) with room. */
  readonly kVector: number;
  readonly kText: number;
  readonly kEntities: number;
  /** Only leads received within this many days before are compared: long-running cases recur over months. */
  readonly windowDays: number;
}

export const DEFAULT_CANDIDATE_POLICY: CandidatePolicy = { kVector: 10, kText: 10, kEntities: 20, windowDays: 730 };

export interface CandidateSet {
  readonly candidates: readonly Candidate[];
  /** How many candidates each source proposed that no earlier source had (vector, then text, then entities). */
  readonly added: Readonly<Record<CandidateSource, number>>;
}

export async function findCandidates(index: LeadIndex, lead: ReportScreened, policy: CandidatePolicy = DEFAULT_CANDIDATE_POLICY): Promise<CandidateSet> {
  const s = lead.screening;
  const filter: IndexFilter = {
    embedderId: s.embedderId,
    receivedAfter: new Date(Date.parse(lead.receivedAt) - policy.windowDays * 86_400_000).toISOString(),
    excludeLeadId: lead.reportId,
  };
  const [vector, text, entities] = await Promise.all([
    index.knn(s.embedding, policy.kVector, filter),
    index.searchText(s.tokens.filter((t) => /[\p{L}\p{N}]/u.test(t)), policy.kText, filter),
    index.searchEntities(blockingKeys(s), policy.kEntities, filter),
  ]);
  const merged = new Map<string, { clusterId: string; sources: CandidateSource[]; cosine?: number; sharedKeys?: number }>();
  const added: Record<CandidateSource, number> = { vector: 0, text: 0, entities: 0 };
  const take = (hits: readonly IndexHit[], source: CandidateSource): void => {
    for (const h of hits) {
      const entry = merged.get(h.leadId);
      if (!entry) added[source]++;
      const next = entry ?? { clusterId: h.clusterId, sources: [] };
      next.sources.push(source);
      if (source === 'vector') next.cosine = h.score;
      if (source === 'entities') next.sharedKeys = h.score;
      merged.set(h.leadId, next);
    }
  };
  take(vector, 'vector');
  take(text, 'text');
  take(entities, 'entities');
  return { candidates: [...merged].map(([leadId, c]) => ({ leadId, ...c })), added };
}
