/**
 * The in-process lead index of the embedded default: exact cosine kNN by a linear scan and BM25
 * over the segmented text. Exact search costs O(n·d) per query: about 1 ms per 1,000 leads at
 * 512 dimensions on one core, so it serves up to roughly 50,000 leads before dedup latency passes
 * 50 ms per report (npm run bench measures it); beyond that, use Elasticsearch (production mode).
 */
import type { IndexedLead, IndexFilter, IndexHit, LeadIndex } from '../../models/ports/lead-index.port';
import { bm25Scores, type Bm25Corpus } from './bm25';

interface Entry {
  readonly lead: IndexedLead;
  readonly vector: Float32Array;
}

export class MemoryLeadIndex implements LeadIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly corpus: Bm25Corpus = { postings: new Map(), lengths: new Map(), totalLength: 0 };
  /** Blocking key -> leads carrying it. */
  private readonly byKey = new Map<string, Set<string>>();

  async upsert(lead: IndexedLead): Promise<void> {
    this.removeText(lead.leadId);
    this.entries.set(lead.leadId, { lead, vector: Float32Array.from(lead.vector) });
    const tf = new Map<string, number>();
    for (const t of lead.tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      let posting = this.corpus.postings.get(t);
      if (!posting) this.corpus.postings.set(t, (posting = new Map()));
      posting.set(lead.leadId, n);
    }
    this.corpus.lengths.set(lead.leadId, lead.tokens.length);
    this.corpus.totalLength += lead.tokens.length;
    for (const key of lead.entityKeys) {
      let ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, (ids = new Set()));
      ids.add(lead.leadId);
    }
  }

  async knn(vector: readonly number[], k: number, filter: IndexFilter = {}): Promise<IndexHit[]> {
    const q = Float32Array.from(vector);
    const hits: IndexHit[] = [];
    for (const { lead, vector: v } of this.entries.values()) {
      if (!matches(lead, filter) || v.length !== q.length) continue;
      let dot = 0;
      for (let i = 0; i < q.length; i++) dot += q[i]! * v[i]!;
      hits.push({ leadId: lead.leadId, clusterId: lead.clusterId, score: dot });
    }
    return topK(hits, k);
  }

  async searchText(tokens: readonly string[], k: number, filter: IndexFilter = {}): Promise<IndexHit[]> {
    const scores = bm25Scores(this.corpus, tokens);
    const hits: IndexHit[] = [];
    for (const [leadId, score] of scores) {
      const entry = this.entries.get(leadId);
      if (entry && matches(entry.lead, filter)) hits.push({ leadId, clusterId: entry.lead.clusterId, score });
    }
    return topK(hits, k);
  }

  async searchEntities(keys: readonly string[], k: number, filter: IndexFilter = {}): Promise<IndexHit[]> {
    const shared = new Map<string, number>();
    for (const key of new Set(keys)) for (const id of this.byKey.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const hits: IndexHit[] = [];
    for (const [leadId, score] of shared) {
      const entry = this.entries.get(leadId);
      if (entry && matches(entry.lead, filter)) hits.push({ leadId, clusterId: entry.lead.clusterId, score });
    }
    return topK(hits, k);
  }

  async get(leadId: string): Promise<IndexedLead | undefined> {
    return this.entries.get(leadId)?.lead;
  }

  async count(): Promise<number> {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private removeText(leadId: string): void {
    const previous = this.entries.get(leadId);
    if (!previous) return;
    for (const t of new Set(previous.lead.tokens)) this.corpus.postings.get(t)?.delete(leadId);
    for (const key of previous.lead.entityKeys) this.byKey.get(key)?.delete(leadId);
    this.corpus.totalLength -= this.corpus.lengths.get(leadId) ?? 0;
    this.corpus.lengths.delete(leadId);
  }
}

function matches(lead: IndexedLead, f: IndexFilter): boolean {
  return (
    (f.embedderId === undefined || lead.embedderId === f.embedderId) &&
    (f.provinceCode === undefined || lead.provinceCode === f.provinceCode) &&
    (f.receivedAfter === undefined || lead.receivedAt >= f.receivedAfter) &&
    (f.excludeLeadId === undefined || lead.leadId !== f.excludeLeadId)
  );
}

function topK(hits: IndexHit[], k: number): IndexHit[] {
  return hits.sort((a, b) => b.score - a.score || a.leadId.localeCompare(b.leadId)).slice(0, k);
}
