/**
 * Hybrid retrieval over any LeadIndex: the kNN list (meaning) and the BM25 list (shared words)
 * fused by reciprocal rank (RRF, k = 60, the constant of Cormack et al. and of Elasticsearch's own
 * rrf retriever, which the Maven Central build of Elasticsearch does not ship). Fusing ranks, not
 * scores, needs no calibration between cosine and BM25 scales.
 */
import type { IndexFilter, IndexHit, LeadIndex } from '../models/ports/lead-index.port';

export const RRF_K = 60;

export interface HybridHit {
  readonly leadId: string;
  readonly clusterId: string;
  /** Fused score: the sum of 1 / (RRF_K + rank) over the lists the lead appears in. */
  readonly score: number;
  /** Cosine similarity when the lead came from the vector list. */
  readonly cosine?: number;
  /** BM25 score when the lead came from the text list. */
  readonly bm25?: number;
}

export function fuseByRank(vectorHits: readonly IndexHit[], textHits: readonly IndexHit[], k: number): HybridHit[] {
  const fused = new Map<string, { clusterId: string; score: number; cosine?: number; bm25?: number }>();
  vectorHits.forEach((h, rank) => {
    fused.set(h.leadId, { clusterId: h.clusterId, score: 1 / (RRF_K + rank + 1), cosine: h.score });
  });
  textHits.forEach((h, rank) => {
    const entry = fused.get(h.leadId) ?? { clusterId: h.clusterId, score: 0 };
    fused.set(h.leadId, { ...entry, score: entry.score + 1 / (RRF_K + rank + 1), bm25: h.score });
  });
  return [...fused]
    .map(([leadId, v]) => ({ leadId, ...v }))
    .sort((a, b) => b.score - a.score || a.leadId.localeCompare(b.leadId))
    .slice(0, k);
}

export async function hybridSearch(
  index: Pick<LeadIndex, 'knn' | 'searchText'>,
  query: { vector: readonly number[]; tokens: readonly string[] },
  k: number,
  filter: IndexFilter = {},
): Promise<HybridHit[]> {
  const [vectorHits, textHits] = await Promise.all([index.knn(query.vector, k, filter), index.searchText(query.tokens, k, filter)]);
  return fuseByRank(vectorHits, textHits, k);
}
