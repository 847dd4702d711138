/** The audit trail in SQL (`audit_log`): insert and read only; the database refuses the rest (migration 0003). */
import type { AuditRecord, AuditTrail } from '../models/ports/audit.port';
import { isoColumn, jsonColumn, type Queryable } from '../models/ports/store.port';

type Row = {
  actor: string;
  action: string;
  cluster_id: string | null;
  lead_id: string | null;
  details: unknown;
  reason: string | null;
  at: Date | string;
}

const APPEND = `INSERT INTO audit_log (actor, action, cluster_id, lead_id, details, reason, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`;
const LIST = `SELECT actor, action, cluster_id, lead_id, details, reason, at FROM audit_log
WHERE $2::text IS NULL OR action = $2 ORDER BY at DESC, audit_id DESC LIMIT $1`;

export class SqlAuditTrail implements AuditTrail {
  constructor(private readonly db: Queryable) {}

  async append(r: AuditRecord): Promise<void> {
    await this.db.query(APPEND, [r.actor, r.action, r.clusterId ?? null, r.leadId ?? null, JSON.stringify(r.details), r.reason ?? null, r.at]);
  }

  async list(options: { limit: number; action?: string }): Promise<AuditRecord[]> {
    const { rows } = await this.db.query<Row>(LIST, [options.limit, options.action ?? null]);
    return rows.map((r) => ({
      actor: r.actor,
      action: r.action,
      clusterId: r.cluster_id,
      leadId: r.lead_id,
      details: jsonColumn(r.details) as Record<string, unknown>,
      reason: r.reason,
      at: isoColumn(r.at),
    }));
  }
}
