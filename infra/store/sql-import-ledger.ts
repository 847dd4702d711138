/** SQL of the bulk import's ledger (migration 0007): what was accepted, by content hash. */
import type { Store } from '../../models/ports/store.port';

export class SqlImportLedger {
  constructor(private readonly store: Store) {}

  async has(contentHash: string): Promise<boolean> {
    const { rows } = await this.store.query('SELECT 1 FROM import_ledger WHERE content_hash = $1', [contentHash]);
    return rows.length > 0;
  }

  /** Whether a report with this id is stored (accepted by a run that died before its ledger row). */
  async reportExists(reportId: string): Promise<boolean> {
    const { rows } = await this.store.query('SELECT 1 FROM reports WHERE report_id = $1', [reportId]);
    return rows.length > 0;
  }

  async record(entry: { contentHash: string; reportId: string; source: string; line: number; at: Date }): Promise<void> {
    await this.store.query(
      `INSERT INTO import_ledger (content_hash, report_id, source, line, imported_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (content_hash) DO NOTHING`,
      [entry.contentHash, entry.reportId, entry.source, entry.line, entry.at],
    );
  }

  /**
   * Embedded mode only: reports stored but never routed (their process died with its in-memory
   * bus) go back to the outbox, for the relay to publish again. Stages are keyed upserts.
   */
  async requeueUnrouted(): Promise<number> {
    const { rows } = await this.store.query<{ n: number }>(
      `WITH requeued AS (
         UPDATE reports r SET published_at = NULL
         WHERE r.published_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.lead_id = r.report_id AND l.route_topic IS NOT NULL)
         RETURNING 1)
       SELECT count(*)::int AS n FROM requeued`,
    );
    return rows[0]?.n ?? 0;
  }

  async count(): Promise<number> {
    return (await this.store.query<{ n: number }>('SELECT count(*)::int AS n FROM import_ledger')).rows[0]?.n ?? 0;
  }
}
