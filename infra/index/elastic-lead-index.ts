/**
 * Elasticsearch behind the LeadIndex port (production mode): HNSW kNN over `vector`, BM25 over
 * `tokens`. One index per vector dimension (`<prefix>-leads-d<dims>`): a dense_vector field has
 * fixed dims, and the embedderId filter keeps embedders of equal dimension apart.
 *
 * Tokens arrive already segmented by jieba, so they are indexed joined by single spaces under the
 * `whitespace` analyzer: ES never re-segments or lowercases them, and BM25 sees exactly our tokens.
 */
import { Client, errors, type estypes } from '@elastic/elasticsearch';
import { AdapterError, ConfigurationError, DependencyUnavailableError } from '../../models/errors';
import { indexBody, leadIndexName, MAX_CANDIDATES, numCandidates, REFRESH_INTERVAL, type LeadDocument } from './elastic-lead-mapping';

export { leadIndexName, numCandidates, REFRESH_INTERVAL } from './elastic-lead-mapping';
import type { IndexedLead, IndexFilter, IndexHit, LeadIndex } from '../../models/ports/lead-index.port';

/**
 * When an upsert returns relative to search visibility.
 * - `'wait_for'` (default): resolves after the next scheduled refresh. The index refreshes every
 *   REFRESH_INTERVAL (not ES's default 1 s: a dedup worker awaits each upsert before the next lead,
 *   and at 1 s it measured p50 1.0 s per upsert); concurrent upserts share the wait.
 * - `true`: forces a refresh per upsert (measured p50 ~90 ms at 512 dims: the refresh builds the
 *   new segment's HNSW graph), and one tiny segment per write for merges to absorb.
 * - `false`: no visibility promise (bulk back-fills only, p50 ~14 ms); `count()` then refreshes first.
 */
export type RefreshPolicy = 'wait_for' | true | false;

export interface ElasticLeadIndexOptions {
  readonly client: Client;
  readonly indexName: string;
  readonly dimensions: number;
  readonly refresh?: RefreshPolicy;
}

export interface OpenElasticLeadIndexOptions {
  readonly url: string;
  /** Lowercase prefix (the namespace) so that deployments and test suites never share an index. */
  readonly indexPrefix: string;
  readonly dimensions: number;
  readonly refresh?: RefreshPolicy;
}

export class ElasticLeadIndex implements LeadIndex {
  readonly client: Client;
  readonly indexName: string;
  readonly dimensions: number;
  private readonly refresh: RefreshPolicy;

  constructor(options: ElasticLeadIndexOptions) {
    this.client = options.client;
    this.indexName = options.indexName;
    this.dimensions = options.dimensions;
    this.refresh = options.refresh ?? 'wait_for';
  }

  /** Connects, checks the cluster answers and creates the index if missing (or checks its dims). */
  static async open(options: OpenElasticLeadIndexOptions): Promise<ElasticLeadIndex> {
    const indexName = leadIndexName(options.indexPrefix, options.dimensions);
    const client = new Client({ node: options.url });
    try {
      // Cluster health, not GET /: the root endpoint lives in the rest-root module, which minimal
      // distributions (the integ-test-zip our dev scripts run) do not ship. No retries: at start-up
      // a refused connection is an answer, and the caller (or its supervisor) decides to retry.
      await client.cluster.health({}, { maxRetries: 0 });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new DependencyUnavailableError(`无法连接 Elasticsearch（${options.url}）：${(error as Error).message}`, {
        service: 'elasticsearch',
        url: options.url,
      });
    }
    const index = new ElasticLeadIndex({ client, indexName, dimensions: options.dimensions, ...pickRefresh(options) });
    try {
      await index.ensureIndex();
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    return index;
  }

  async upsert(lead: IndexedLead): Promise<void> {
    await this.guard(() =>
      this.client.index<LeadDocument>({ index: this.indexName, id: lead.leadId, document: toDocument(lead), refresh: this.refresh }),
    );
  }

  /**
   * Back-fill: indexes many leads with one _bulk request per call and no refresh (call
   * `refreshNow` when done). For re-indexing and benchmarks, not for the dedup path.
   */
  async bulkUpsert(leads: readonly IndexedLead[]): Promise<void> {
    if (leads.length === 0) return;
    const operations = leads.flatMap((l) => [{ index: { _index: this.indexName, _id: l.leadId } }, toDocument(l)]);
    const response = await this.guard(() => this.client.bulk({ operations, refresh: false }));
    if (response.errors) {
      const first = response.items.find((i) => i.index?.error)?.index?.error;
      throw new AdapterError(`Elasticsearch bulk indexing failed: ${first?.type ?? 'unknown'}: ${first?.reason ?? ''}`);
    }
  }

  /** Makes everything indexed so far searchable. */
  async refreshNow(): Promise<void> {
    await this.guard(() => this.client.indices.refresh({ index: this.indexName }));
  }

  async knn(vector: readonly number[], k: number, filter: IndexFilter = {}): Promise<IndexHit[]> {
    if (k <= 0) return [];
    const size = Math.min(k, MAX_CANDIDATES);
    const response = await this.guard(() =>
      this.client.search<Pick<LeadDocument, 'clusterId'>>({
        index: this.indexName,
        knn: { field: 'vector', query_vector: [...vector], k: size, num_candidates: numCandidates(size), filter: filterQuery(filter) },
        size,
        _source: ['clusterId'],
        track_total_hits: false,
      }),
    );
    // ES scores cosine as (1 + cos) / 2 so that scores stay non-negative; the port promises cos.
    return toHits(response, (score) => 2 * score - 1);
  }

  async searchText(tokens: readonly string[], k: number, filter: IndexFilter = {}): Promise<IndexHit[]> {
    // A repeated query token counts once, as in the in-process BM25 (ES would add it twice).
    const query = [...new Set(tokens)].join(' ');
    if (k <= 0 || query.trim() === '') return [];
    const response = await this.guard(() =>
      this.client.search<Pick<LeadDocument, 'clusterId'>>({
        index: this.indexName,
        query: { bool: { must: [{ match: { tokens: { query } } }], filter: [filterQuery(filter)] } },
        size: Math.min(k, MAX_CANDIDATES),
        _source: ['clusterId'],
        track_total_hits: false,
      }),
    );
    return toHits(response, (score) => score);
  }

  async searchEntities(keys: readonly string[], k: number, filter: IndexFilter = {}): Promise<IndexHit[]> {
    const unique = [...new Set(keys)];
    if (k <= 0 || unique.length === 0) return [];
    // One constant-score clause per key: the score is the number of keys shared.
    const response = await this.guard(() =>
      this.client.search<Pick<LeadDocument, 'clusterId'>>({
        index: this.indexName,
        query: {
          bool: {
            should: unique.map((key) => ({ constant_score: { filter: { term: { entityKeys: key } }, boost: 1 } })),
            minimum_should_match: 1,
            filter: [filterQuery(filter)],
          },
        },
        size: Math.min(k, MAX_CANDIDATES),
        _source: ['clusterId'],
        track_total_hits: false,
      }),
    );
    return toHits(response, (score) => Math.round(score));
  }

  async get(leadId: string): Promise<IndexedLead | undefined> {
    // GET by id is real-time in ES (served from the translog): no refresh needed.
    const response = await this.guard(() => this.client.get<LeadDocument>({ index: this.indexName, id: leadId }, { ignore: [404] }));
    return response.found && response._source ? fromDocument(response._source) : undefined;
  }

  async count(): Promise<number> {
    // Counting is a search, so it sees only refreshed documents: without a per-write refresh, refresh now.
    if (this.refresh === false) await this.guard(() => this.client.indices.refresh({ index: this.indexName }));
    const response = await this.guard(() => this.client.count({ index: this.indexName }));
    return response.count;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Creates the index, or checks that an existing one has our vector dimension. */
  private async ensureIndex(): Promise<void> {
    const exists = await this.guard(() => this.client.indices.exists({ index: this.indexName }));
    if (!exists) {
      try {
        await this.guard(() => this.client.indices.create({ index: this.indexName, ...indexBody(this.dimensions) }));
        return;
      } catch (error) {
        // Another process created it between our check and create: fall through to the dims check.
        if (!(error instanceof errors.ResponseError && error.body?.error?.type === 'resource_already_exists_exception')) throw error;
      }
    }
    const mapping = await this.guard(() => this.client.indices.getMapping({ index: this.indexName }));
    // Behind an alias (npm run reindex) the mapping is keyed by the concrete index's name.
    const vector = (mapping[this.indexName] ?? Object.values(mapping)[0])?.mappings.properties?.vector as estypes.MappingDenseVectorProperty | undefined;
    if (vector?.dims !== this.dimensions) {
      throw new ConfigurationError(`Elasticsearch index ${this.indexName} has vector dims ${vector?.dims ?? 'none'}, expected ${this.dimensions}`);
    }
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translate(error, this.client);
    }
  }
}

function pickRefresh(options: { readonly refresh?: RefreshPolicy }): { refresh?: RefreshPolicy } {
  return options.refresh === undefined ? {} : { refresh: options.refresh };
}

/** Every IndexFilter field as a non-scoring clause; shared by kNN (pre-filter) and text search. */
function filterQuery(filter: IndexFilter): estypes.QueryDslQueryContainer {
  const clauses: estypes.QueryDslQueryContainer[] = [];
  if (filter.embedderId !== undefined) clauses.push({ term: { embedderId: filter.embedderId } });
  if (filter.provinceCode !== undefined) clauses.push({ term: { provinceCode: filter.provinceCode } });
  if (filter.receivedAfter !== undefined) clauses.push({ range: { receivedAt: { gte: filter.receivedAfter } } });
  const mustNot = filter.excludeLeadId === undefined ? [] : [{ term: { leadId: filter.excludeLeadId } }];
  return { bool: { filter: clauses, must_not: mustNot } };
}

function toHits(response: estypes.SearchResponse<Pick<LeadDocument, 'clusterId'>>, score: (raw: number) => number): IndexHit[] {
  return response.hits.hits.map((hit) => ({
    leadId: hit._id!,
    clusterId: hit._source!.clusterId,
    score: score(hit._score ?? 0),
  }));
}

function toDocument(lead: IndexedLead): LeadDocument {
  return {
    leadId: lead.leadId,
    embedderId: lead.embedderId,
    vector: [...lead.vector],
    tokens: lead.tokens.join(' '),
    ...(lead.provinceCode !== undefined ? { provinceCode: lead.provinceCode } : {}),
    ...(lead.countyCode !== undefined ? { countyCode: lead.countyCode } : {}),
    categories: [...lead.categories],
    clusterId: lead.clusterId,
    entityKeys: [...lead.entityKeys],
    receivedAt: lead.receivedAt,
  };
}

function fromDocument(doc: LeadDocument): IndexedLead {
  return { ...doc, tokens: doc.tokens === '' ? [] : doc.tokens.split(' ') };
}

/** Connection failures, timeouts, overload (429) and 5xx are retryable; a bad request is not. */
function translate(error: unknown, client: Client): unknown {
  const status = error instanceof errors.ResponseError ? (error.statusCode ?? 0) : 0;
  const unavailable =
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError ||
    status === 429 ||
    status >= 500;
  if (!unavailable) return error;
  const urls = client.connectionPool.connections.map((c) => c.url.origin).join(', ');
  return new DependencyUnavailableError(`Elasticsearch 暂时不可用（${urls}）：${(error as Error).message}`, {
    service: 'elasticsearch',
    ...(status ? { status } : {}),
  });
}
