/**
 * The lifecycle in SQL: a read model (single statements) and a store whose writes happen in one
 * transaction with their audit rows. One statement per method; the same SQL on PGlite and PostgreSQL.
 */
import { isoColumn, jsonColumn, type Queryable, type Store } from '../models/ports/store.port';
import type { CaseResult, CaseState } from './lifecycle';
import type { DeadlineFlag, DeadlineKind, Priority } from './lifecycle.policy';
import type { CaseAuditEntry, CaseRecord, CaseSource, LeadFacts, MonthlyFigure, LifecycleReadModel, LifecycleStore, LifecycleWrites, NotificationPort, ProvinceCounts, QueueQuery } from './lifecycle.port';

type Timestamp = Date | string;
const iso = (v: Timestamp | null): string | null => (v === null ? null : isoColumn(v));

const CASE_COLUMNS = `c.lead_id, l.cluster_id, c.province_code, c.state, c.priority, c.category, c.received_at, c.contactable, c.contact_due_at,
  c.contacted_at, c.conclusion_due_at, c.result, c.conclusion, c.proposed_by, c.provincial_sign_off_by, c.national_sign_off_by,
  c.national_review_required, c.feedback, c.concluded_at, c.deadline_flag, c.deadline_kind, c.deadline_due_at, c.supervised_at,
  c.created_at, c.updated_at`;
const FROM_CASES = 'FROM lead_cases c JOIN leads l ON l.lead_id = c.lead_id';
const OPEN_STATES = `c.state NOT IN ('concluded', 'feedback-delivered')`;

interface CaseRow extends Record<string, unknown> {
  lead_id: string;
  cluster_id: string | null;
  province_code: string;
  state: string;
  priority: string;
  category: string;
  received_at: Timestamp;
  contactable: boolean;
  contact_due_at: Timestamp | null;
  contacted_at: Timestamp | null;
  conclusion_due_at: Timestamp;
  result: string | null;
  conclusion: string | null;
  proposed_by: string | null;
  provincial_sign_off_by: string | null;
  national_sign_off_by: string | null;
  national_review_required: boolean;
  feedback: string | null;
  concluded_at: Timestamp | null;
  deadline_flag: string;
  deadline_kind: string | null;
  deadline_due_at: Timestamp | null;
  supervised_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

const toCase = (r: CaseRow): CaseRecord => ({
  leadId: r.lead_id,
  clusterId: r.cluster_id,
  provinceCode: r.province_code,
  state: r.state as CaseState,
  priority: r.priority as Priority,
  category: r.category,
  receivedAt: isoColumn(r.received_at),
  contactable: r.contactable,
  contactDueAt: iso(r.contact_due_at),
  contactedAt: iso(r.contacted_at),
  conclusionDueAt: isoColumn(r.conclusion_due_at),
  result: r.result as CaseResult | null,
  conclusion: r.conclusion,
  proposedBy: r.proposed_by,
  provincialSignOffBy: r.provincial_sign_off_by,
  nationalSignOffBy: r.national_sign_off_by,
  nationalReviewRequired: r.national_review_required,
  feedback: r.feedback,
  concludedAt: iso(r.concluded_at),
  deadlineFlag: r.deadline_flag as DeadlineFlag,
  deadlineKind: r.deadline_kind as DeadlineKind | null,
  deadlineDueAt: iso(r.deadline_due_at),
  supervisedAt: iso(r.supervised_at),
  createdAt: isoColumn(r.created_at),
  updatedAt: isoColumn(r.updated_at),
});

const UNCASED = `
SELECT l.lead_id, substring(l.route_topic from 16) AS province_code, l.primary_category, l.credibility, l.received_at,
  coalesce((r.reporter_profile->>'realName')::boolean OR (r.reporter_profile->>'contactGiven')::boolean, false) AS contactable
FROM leads l JOIN reports r ON r.report_id = l.lead_id
WHERE l.route_topic LIKE 'leads.province.%' AND NOT EXISTS (SELECT 1 FROM lead_cases c WHERE c.lead_id = l.lead_id)
ORDER BY l.received_at, l.lead_id LIMIT $1`;
const FIND_CASE = `SELECT ${CASE_COLUMNS} ${FROM_CASES} WHERE c.lead_id = $1`;
const LIST_CASES = `
SELECT ${CASE_COLUMNS}, count(*) OVER () AS total ${FROM_CASES}
WHERE ($1::text IS NULL OR c.province_code = $1) AND ($2::text[] IS NULL OR c.state = ANY($2)) AND ($3::text[] IS NULL OR c.deadline_flag = ANY($3))
ORDER BY coalesce(c.deadline_due_at, c.conclusion_due_at), c.received_at, c.lead_id LIMIT $4 OFFSET $5`;
const OPEN_CASES = `SELECT ${CASE_COLUMNS} ${FROM_CASES} WHERE ${OPEN_STATES} ORDER BY c.lead_id`;
const HISTORY = `SELECT seq, hash, actor, action, cluster_id, lead_id, details, reason, at FROM audit_log WHERE lead_id = $1 ORDER BY seq`;
const LEAD_FACTS = `
SELECT r.report_id, r.received_at, r.status, r.reporter_profile, l.primary_category, l.province_code, l.credibility, l.cluster_id,
  l.route, l.routed_at, l.deadline_at, (SELECT array_agg(m.lead_id::text ORDER BY m.received_at, m.lead_id) FROM leads m WHERE m.cluster_id = l.cluster_id) AS members
FROM reports r LEFT JOIN leads l ON l.lead_id = r.report_id WHERE r.report_id = $1`;
const PROVINCE_COUNTS = `
SELECT c.province_code,
  count(*) FILTER (WHERE ${OPEN_STATES}) AS open,
  count(*) FILTER (WHERE ${OPEN_STATES} AND c.deadline_flag = 'due-soon') AS due_soon,
  count(*) FILTER (WHERE ${OPEN_STATES} AND c.deadline_flag = 'overdue') AS overdue,
  count(*) FILTER (WHERE NOT ${OPEN_STATES}) AS concluded,
  count(*) FILTER (WHERE c.supervised_at IS NOT NULL) AS supervised
FROM lead_cases c GROUP BY c.province_code ORDER BY c.province_code`;

const MONTH_OF = (column: string) => `to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
/** Per province and month (China Standard Time): cases received, concluded, escalated, duplicates among them, callback outcomes. */
const MONTHLY_FIGURES = `
SELECT province_code, month, kind, count(*) AS n FROM (
  SELECT c.province_code, ${MONTH_OF('c.received_at')} AS month, 'received' AS kind FROM lead_cases c
  UNION ALL SELECT c.province_code, ${MONTH_OF('c.concluded_at')}, 'concluded' FROM lead_cases c WHERE c.concluded_at IS NOT NULL
  UNION ALL SELECT c.province_code, ${MONTH_OF('c.received_at')}, 'overdue' FROM lead_cases c WHERE c.supervised_at IS NOT NULL
  UNION ALL SELECT c.province_code, ${MONTH_OF('c.received_at')}, 'duplicate' FROM lead_cases c JOIN leads l ON l.lead_id = c.lead_id WHERE l.dedup->>'decision' = 'duplicate'
  UNION ALL SELECT b.province_code, b.month, 'callback-' || b.outcome FROM callbacks b WHERE b.outcome IS NOT NULL
) e GROUP BY province_code, month, kind ORDER BY province_code, month, kind`;

const LOCK_CASE = `SELECT ${CASE_COLUMNS} ${FROM_CASES} WHERE c.lead_id = $1 FOR UPDATE OF c`;
const LOCK_COMPANIONS = `
SELECT ${CASE_COLUMNS} ${FROM_CASES}
WHERE l.cluster_id = $1 AND c.lead_id <> $2 AND c.state = $3 AND c.province_code = $4 ORDER BY c.lead_id FOR UPDATE OF c`;
const OPEN_CASE = `
INSERT INTO lead_cases (lead_id, province_code, state, priority, category, received_at, contactable, contact_due_at, conclusion_due_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (lead_id) DO NOTHING`;
const SAVE_CASE = `
UPDATE lead_cases SET province_code = $2, state = $3, contacted_at = $4, result = $5, conclusion = $6, proposed_by = $7,
  provincial_sign_off_by = $8, national_sign_off_by = $9, national_review_required = $10, feedback = $11, concluded_at = $12,
  deadline_flag = $13, deadline_kind = $14, deadline_due_at = $15, supervised_at = $16, updated_at = $17
WHERE lead_id = $1`;
const APPEND_AUDIT = 'INSERT INTO audit_log (actor, action, cluster_id, lead_id, details, reason, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)';
const NOTIFY = `
INSERT INTO notifications (recipient, kind, lead_id, message, created_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (recipient, kind, lead_id) DO NOTHING RETURNING notification_id`;

interface AuditRow extends Record<string, unknown> {
  seq: number | string;
  hash: string;
  actor: string;
  action: string;
  cluster_id: string | null;
  lead_id: string | null;
  details: unknown;
  reason: string | null;
  at: Timestamp;
}

export class SqlLifecycleReadModel implements LifecycleReadModel {
  constructor(private readonly db: Queryable) {}

  async uncased(limit: number): Promise<CaseSource[]> {
    type Row = { lead_id: string; province_code: string; primary_category: string; credibility: number; received_at: Timestamp; contactable: boolean };
    const { rows } = await this.db.query<Row>(UNCASED, [limit]);
    return rows.map((r) => ({ leadId: r.lead_id, provinceCode: r.province_code, category: r.primary_category, credibility: Number(r.credibility), receivedAt: isoColumn(r.received_at), contactable: r.contactable }));
  }

  async findCase(leadId: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.db.query<CaseRow>(FIND_CASE, [leadId]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async listCases(q: QueueQuery): Promise<{ total: number; cases: CaseRecord[] }> {
    const { rows } = await this.db.query<CaseRow & { total: number | string }>(LIST_CASES, [q.provinceCode ?? null, q.states ?? null, q.flags ?? null, q.limit, q.offset]);
    return { total: rows[0] ? Number(rows[0].total) : 0, cases: rows.map(toCase) };
  }

  async openCases(): Promise<CaseRecord[]> {
    return (await this.db.query<CaseRow>(OPEN_CASES)).rows.map(toCase);
  }

  async history(leadId: string): Promise<CaseAuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(HISTORY, [leadId]);
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, actor: r.actor, action: r.action, clusterId: r.cluster_id, leadId: r.lead_id, details: jsonColumn(r.details) as Record<string, unknown>, reason: r.reason, at: isoColumn(r.at) }));
  }

  async leadFacts(leadId: string): Promise<LeadFacts | undefined> {
    type Row = { report_id: string; received_at: Timestamp; status: string; reporter_profile: unknown; primary_category: string | null; province_code: string | null; credibility: number | null; cluster_id: string | null; route: unknown; routed_at: Timestamp | null; deadline_at: Timestamp | null; members: string[] | null };
    const r = (await this.db.query<Row>(LEAD_FACTS, [leadId])).rows[0];
    if (!r) return undefined;
    return {
      leadId: r.report_id, receivedAt: isoColumn(r.received_at), pipelineStatus: r.status, reporter: jsonColumn(r.reporter_profile) as LeadFacts['reporter'],
      category: r.primary_category, provinceCode: r.province_code, credibility: r.credibility === null ? null : Number(r.credibility), clusterId: r.cluster_id,
      clusterMembers: r.members ?? [], route: (jsonColumn(r.route) as Record<string, unknown> | null) ?? null, routedAt: iso(r.routed_at), deadlineAt: iso(r.deadline_at),
    };
  }

  async monthlyFigures(): Promise<MonthlyFigure[]> {
    const { rows } = await this.db.query<{ province_code: string; month: string; kind: string; n: string | number }>(MONTHLY_FIGURES);
    return rows.map((r) => ({ provinceCode: r.province_code, month: r.month, kind: r.kind, count: Number(r.n) }));
  }

  async provinceCounts(): Promise<ProvinceCounts[]> {
    type Row = { province_code: string; open: string | number; due_soon: string | number; overdue: string | number; concluded: string | number; supervised: string | number };
    const { rows } = await this.db.query<Row>(PROVINCE_COUNTS);
    return rows.map((r) => ({ provinceCode: r.province_code, open: Number(r.open), dueSoon: Number(r.due_soon), overdue: Number(r.overdue), concluded: Number(r.concluded), supervised: Number(r.supervised) }));
  }
}

class SqlLifecycleWrites implements LifecycleWrites {
  constructor(private readonly tx: Queryable) {}

  async lockCase(leadId: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.tx.query<CaseRow>(LOCK_CASE, [leadId]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async lockCompanions(c: Pick<CaseRecord, 'leadId' | 'clusterId' | 'state' | 'provinceCode'>): Promise<CaseRecord[]> {
    if (!c.clusterId) return [];
    return (await this.tx.query<CaseRow>(LOCK_COMPANIONS, [c.clusterId, c.leadId, c.state, c.provinceCode])).rows.map(toCase);
  }

  async openCase(c: CaseRecord): Promise<void> {
    await this.tx.query(OPEN_CASE, [c.leadId, c.provinceCode, c.state, c.priority, c.category, c.receivedAt, c.contactable, c.contactDueAt, c.conclusionDueAt, c.createdAt]);
  }

  async saveCase(c: CaseRecord): Promise<void> {
    await this.tx.query(SAVE_CASE, [
      c.leadId, c.provinceCode, c.state, c.contactedAt, c.result, c.conclusion, c.proposedBy, c.provincialSignOffBy, c.nationalSignOffBy,
      c.nationalReviewRequired, c.feedback, c.concludedAt, c.deadlineFlag, c.deadlineKind, c.deadlineDueAt, c.supervisedAt, c.updatedAt,
    ]);
  }

  async appendAudit(e: CaseAuditEntry): Promise<void> {
    await this.tx.query(APPEND_AUDIT, [e.actor, e.action, e.clusterId, e.leadId, JSON.stringify(e.details), e.reason, e.at]);
  }
}

export class SqlLifecycleStore implements LifecycleStore {
  constructor(private readonly store: Pick<Store, 'transaction'>) {}

  inTransaction<T>(fn: (tx: LifecycleWrites) => Promise<T>): Promise<T> {
    return this.store.transaction((tx) => fn(new SqlLifecycleWrites(tx)));
  }
}

/** The shipped notification adapter: a table that a mailer or the console's inbox reads. */
export class SqlNotifications implements NotificationPort {
  constructor(private readonly db: Queryable) {}

  async notify(n: { recipient: string; kind: string; leadId: string; message: string; at: string }): Promise<boolean> {
    const { rows } = await this.db.query(NOTIFY, [n.recipient, n.kind, n.leadId, n.message, n.at]);
    return rows.length > 0;
  }
}
