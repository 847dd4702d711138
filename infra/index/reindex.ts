/**
 * Rebuilds the Elasticsearch lead index from PostgreSQL (the system of record) behind an alias:
 * a new concrete index `<prefix>-r<stamp>-leads-d<dims>` is filled from the `leads` table, then
 * the serving name `<prefix>-leads-d<dims>` is pointed at it in ONE `_aliases` call (the old
 * concrete index of that name, or the alias's previous indices, removed in the same call), so a
 * reader sees either the old index or the complete new one. Leads written while it ran are
 * indexed again through the alias afterwards (those updated since the start).
 */
import { Client } from '@elastic/elasticsearch';
import { toIndexedLead } from '../../dedup/dedup.stage';
import type { ReportScreened } from '../../models/messages';
import type { Clock, Logger } from '../../models/ports/runtime.port';
import { jsonColumn, type Store } from '../../models/ports/store.port';
import { ElasticLeadIndex } from './elastic-lead-index';
import { leadIndexName } from './elastic-lead-mapping';

export interface ReindexOptions {
  readonly url: string;
  /** As the pipeline's: `<namespace>xiansuo`. */
  readonly indexPrefix: string;
  readonly dimensions: number;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Keep the previous indices instead of deleting them after the swap. */
  readonly keepOld?: boolean;
  readonly batchSize?: number;
  readonly onProgress?: (indexed: number, total: number) => void;
}

export interface ReindexResult {
  readonly alias: string;
  readonly index: string;
  readonly indexed: number;
  readonly caughtUp: number;
  readonly removed: readonly string[];
}

interface LeadRow extends Record<string, unknown> {
  lead_id: string;
  received_at: Date | string;
  screening: unknown;
  embedding: number[];
  cluster_id: string;
}

const PAGE_SQL = `SELECT lead_id, received_at, screening, embedding, cluster_id FROM leads
  WHERE cluster_id IS NOT NULL AND lead_id > $1 AND ($2::timestamptz IS NULL OR updated_at >= $2) ORDER BY lead_id LIMIT $3`;

function indexedLead(row: LeadRow) {
  const screening = { ...(jsonColumn(row.screening) as ReportScreened['screening']), embedding: [...row.embedding].map(Number) };
  const receivedAt = row.received_at instanceof Date ? row.received_at.toISOString() : new Date(row.received_at).toISOString();
  return toIndexedLead({ reportId: row.lead_id, receivedAt, reporter: { realName: false, contactGiven: false }, screening }, row.cluster_id);
}

/** Copies leads (all, or those updated since `since`) into `index`, page by page. */
async function copyLeads(store: Store, index: ElasticLeadIndex, batchSize: number, since: Date | null, onPage?: (n: number) => void): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let n = 0;
  for (;;) {
    const { rows } = await store.query<LeadRow>(PAGE_SQL, [after, since, batchSize]);
    if (rows.length === 0) return n;
    await index.bulkUpsert(rows.map(indexedLead));
    n += rows.length;
    after = rows.at(-1)!.lead_id;
    onPage?.(n);
  }
}

export async function reindexFromStore(options: ReindexOptions): Promise<ReindexResult> {
  const started = options.clock.now();
  const stamp = started.toISOString().replace(/\D/g, '').slice(0, 14);
  const alias = leadIndexName(options.indexPrefix, options.dimensions);
  const batchSize = options.batchSize ?? 500;
  const total = Number((await options.store.query<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE cluster_id IS NOT NULL')).rows[0]?.n ?? 0);
  const fresh = await ElasticLeadIndex.open({ url: options.url, indexPrefix: `${options.indexPrefix}-r${stamp}`, dimensions: options.dimensions, refresh: false });
  const client = new Client({ node: options.url });
  try {
    const index = leadIndexName(`${options.indexPrefix}-r${stamp}`, options.dimensions);
    const indexed = await copyLeads(options.store, fresh, batchSize, null, (n) => options.onProgress?.(n, total));
    await fresh.refreshNow();
    const previous = await servedBy(client, alias);
    const actions = [
      { add: { index, alias, is_write_index: true } },
      ...(previous.concrete ? [{ remove_index: { index: alias } }] : previous.indices.map((old) => ({ remove: { index: old, alias } }))),
    ];
    await client.indices.updateAliases({ actions });
    options.logger.info('lead index alias swapped', { alias, index, previous: previous.concrete ? alias : previous.indices });
    // Leads the workers wrote meanwhile went to the old index: write them again, now through the alias.
    const caughtUp = await copyLeads(options.store, fresh, batchSize, started);
    await fresh.refreshNow();
    const removed = previous.concrete ? [alias] : previous.indices;
    if (!options.keepOld && !previous.concrete && previous.indices.length > 0) await client.indices.delete({ index: previous.indices, ignore_unavailable: true });
    return { alias, index, indexed, caughtUp, removed };
  } finally {
    await fresh.close();
    await client.close();
  }
}

/** What the serving name is now: a concrete index (the pipeline's first start), an alias, or nothing. */
async function servedBy(client: Client, name: string): Promise<{ concrete: boolean; indices: string[] }> {
  if (await client.indices.existsAlias({ name })) return { concrete: false, indices: Object.keys(await client.indices.getAlias({ name })) };
  return { concrete: await client.indices.exists({ index: name }), indices: [] };
}
