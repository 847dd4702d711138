/** Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's idf), the same scoring Elasticsearch uses by default. */
export interface Bm25Corpus {
  /** token -> (docId -> term frequency) */
  readonly postings: Map<string, Map<string, number>>;
  readonly lengths: Map<string, number>;
  totalLength: number;
}

const K1 = 1.2;
const B = 0.75;

/**
 * Tokens in more than this share of documents are skipped: their idf is near zero (at half the
 * documents, log(1 + 1) ≈ 0.69 against ≥ 3 for a rare name), and iterating their postings is
 * what makes a query cost O(corpus). Elasticsearch prunes such terms too (block-max WAND).
 */
export const MAX_DOCUMENT_SHARE = 0.2;

export function bm25Scores(corpus: Bm25Corpus, queryTokens: readonly string[]): Map<string, number> {
  const n = corpus.lengths.size;
  const scores = new Map<string, number>();
  if (n === 0) return scores;
  const avgLength = corpus.totalLength / n || 1;
  for (const token of new Set(queryTokens)) {
    const posting = corpus.postings.get(token);
    if (!posting || posting.size === 0 || (n >= 50 && posting.size > MAX_DOCUMENT_SHARE * n)) continue;
    const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
    for (const [doc, tf] of posting) {
      const len = corpus.lengths.get(doc) ?? 0;
      const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avgLength));
      scores.set(doc, (scores.get(doc) ?? 0) + s);
    }
  }
  return scores;
}
