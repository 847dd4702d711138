/** The searchable lead index: Elasticsearch in production, an in-process index in the embedded default. */

export interface IndexedLead {
  readonly leadId: string;
  readonly embedderId: string;
  readonly vector: readonly number[];
  /** Segmented text: tokens as produced by our segmenter (jieba). */
  readonly tokens: readonly string[];
  readonly provinceCode?: string;
  readonly countyCode?: string;
  readonly categories: readonly string[];
  readonly clusterId: string;
  /**
   * Blocking keys for entity matches: "person:<county or coarser code>:<name>", "phone:<digits>",
   * "id_number:<id>", "official:<name or unit+position>" (see dedup/blocking.ts).
   */
  readonly entityKeys: readonly string[];
  readonly receivedAt: string;
}

export interface IndexFilter {
  /** Only leads embedded by this embedder (vectors of two embedders are never compared). */
  readonly embedderId?: string;
  readonly provinceCode?: string;
  /** Inclusive ISO-8601 lower bound on receivedAt. */
  readonly receivedAfter?: string;
  readonly excludeLeadId?: string;
}

export interface IndexHit {
  readonly leadId: string;
  readonly clusterId: string;
  readonly score: number;
}

export interface LeadIndex {
  /** Adds or replaces a lead; once it resolves, the lead is visible to the next search. */
  upsert(lead: IndexedLead): Promise<void>;
  /** k nearest leads by cosine similarity (score in [-1, 1]). */
  knn(vector: readonly number[], k: number, filter?: IndexFilter): Promise<IndexHit[]>;
  /** k best leads by BM25 over the segmented text. */
  searchText(tokens: readonly string[], k: number, filter?: IndexFilter): Promise<IndexHit[]>;
  /** Leads sharing at least one blocking key, by the number of keys shared (score), best first. */
  searchEntities(keys: readonly string[], k: number, filter?: IndexFilter): Promise<IndexHit[]>;
  get(leadId: string): Promise<IndexedLead | undefined>;
  count(): Promise<number>;
  close(): Promise<void>;
}
