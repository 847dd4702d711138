/** Reports in SQL: the same statements on PGlite and PostgreSQL. */
import type { ReportReceived } from '../../models/messages';
import type { NewReport, PublicReportStatus, ReportRepository } from '../../models/ports/repositories.port';
import { isoColumn as toIso, jsonColumn as parseJson, type Queryable, type Store } from '../../models/ports/store.port';
import { REPORT_STATUSES, type ReportStatus } from '../../models/report';
import { CASE_STATES_BY_PROGRESS, type CaseState } from '../../models/case-state';

/**
 * A report's public status: its own pipeline status, and the most advanced case of its cluster
 * (migration 0006), its own case first on a tie: a report merged into a cluster shows the
 * cluster's progress.
 */
const FIND_PUBLIC_STATUS = `
SELECT r.status, r.received_at, r.status_updated_at, best.state AS case_state, best.feedback AS case_feedback, best.updated_at AS case_updated_at
FROM reports r
LEFT JOIN leads l ON l.lead_id = r.report_id
LEFT JOIN LATERAL (
  SELECT c.state, c.feedback, c.updated_at FROM lead_cases c JOIN leads m ON m.lead_id = c.lead_id
  WHERE c.lead_id = r.report_id OR m.cluster_id = l.cluster_id
  ORDER BY array_position(ARRAY[${CASE_STATES_BY_PROGRESS.map((s) => `'${s}'`).join(',')}]::text[], c.state) DESC, (c.lead_id = r.report_id) DESC, c.updated_at DESC
  LIMIT 1
) best ON true
WHERE r.query_code_hash = $1`;

const STATUS_RANK_SQL = `array_position(ARRAY[${REPORT_STATUSES.map((s) => `'${s}'`).join(',')}]::text[], status)`;

export class SqlReportRepository implements ReportRepository {
  constructor(private readonly store: Store) {}

  async insert(report: NewReport, tx: Queryable = this.store): Promise<void> {
    const { message } = report;
    await tx.query(
      `INSERT INTO reports (report_id, query_code_hash, received_at, status, status_updated_at, reporter_sealed, reporter_profile, payload, reporter_key_id)
       VALUES ($1, $2, $3, 'received', $3, $4, $5::jsonb, $6::jsonb, $7)
       ON CONFLICT (report_id) DO NOTHING`,
      [
        message.reportId,
        report.queryCodeHash,
        message.receivedAt,
        report.reporterSealed,
        JSON.stringify(message.reporter),
        JSON.stringify({ subject: message.subject, facts: message.facts, umbrella: message.umbrella ?? null }),
        report.reporterKeyId ?? null,
      ],
    );
  }

  async relayUnpublished(
    limit: number,
    publish: (pending: readonly ReportReceived[]) => Promise<void>,
    at: Date,
    reportId?: string,
  ): Promise<number> {
    // The row locks are held while publishing: a claim cannot overlap another, however long the
    // bus takes. A relay that dies after publishing and before the commit leaves the rows
    // unpublished: they go out again (at least once), and the stages recognise the copy.
    return this.store.transaction(async (tx) => {
      const { rows } = await tx.query<UnpublishedRow>(
        `SELECT report_id, received_at, reporter_profile, payload FROM reports
         WHERE published_at IS NULL AND ($2::uuid IS NULL OR report_id = $2::uuid)
         ORDER BY received_at LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [limit, reportId ?? null],
      );
      if (rows.length === 0) return 0;
      await publish(rows.map(toReceived));
      await tx.query('UPDATE reports SET published_at = $2 WHERE report_id = ANY($1::uuid[])', [rows.map((r) => r.report_id), at]);
      return rows.length;
    });
  }

  async findStatusByQueryCodeHash(hash: string): Promise<PublicReportStatus | undefined> {
    type Row = { status: string; received_at: Date | string; status_updated_at: Date | string; case_state: string | null; case_feedback: string | null; case_updated_at: Date | string | null };
    const r = (await this.store.query<Row>(FIND_PUBLIC_STATUS, [hash])).rows[0];
    if (!r) return undefined;
    const updatedAt = [toIso(r.status_updated_at), r.case_updated_at === null ? '' : toIso(r.case_updated_at)].sort().at(-1)!;
    return { status: r.status as ReportStatus, receivedAt: toIso(r.received_at), updatedAt, caseState: r.case_state as CaseState | null, caseFeedback: r.case_feedback };
  }

  async findReportIdByQueryCodeHash(hash: string): Promise<string | undefined> {
    const { rows } = await this.store.query<{ report_id: string }>('SELECT report_id FROM reports WHERE query_code_hash = $1', [hash]);
    return rows[0]?.report_id;
  }

  async advanceStatus(reportId: string, status: ReportStatus, at: Date): Promise<void> {
    await this.store.query(
      `UPDATE reports SET status = $2, status_updated_at = $3
       WHERE report_id = $1 AND ${STATUS_RANK_SQL} < array_position(ARRAY[${REPORT_STATUSES.map((s) => `'${s}'`).join(',')}]::text[], $2::text)`,
      [reportId, status, at],
    );
  }
}

interface UnpublishedRow extends Record<string, unknown> {
  report_id: string;
  received_at: Date | string;
  reporter_profile: unknown;
  payload: unknown;
}

function toReceived(r: UnpublishedRow): ReportReceived {
  const payload = parseJson(r.payload) as Pick<ReportReceived, 'subject' | 'facts'> & { umbrella: ReportReceived['umbrella'] | null };
  return {
    reportId: r.report_id,
    receivedAt: toIso(r.received_at),
    reporter: parseJson(r.reporter_profile) as ReportReceived['reporter'],
    subject: payload.subject,
    facts: payload.facts,
    ...(payload.umbrella ? { umbrella: payload.umbrella } : {}),
  };
}
