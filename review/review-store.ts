/**
 * The review store in SQL: the writes of one analyst action, all in one transaction with the audit
 * row. One statement per method, named for what it does; the same SQL on PGlite and PostgreSQL.
 */
import type { Queryable, Store } from '../models/ports/store.port';
import type { AuditEntry, ClusterHead, ClusterStatus, LeadLabel, LeadRef, PairLabel, ReviewStore, ReviewWrites } from './review.port';
import { HEAD_COLUMNS, REF_COLUMNS, toHead, toRef, type HeadRow, type RefRow } from './review-rows';

const LOCK_CLUSTER = `SELECT ${HEAD_COLUMNS} FROM clusters WHERE cluster_id = $1 FOR UPDATE`;
const MEMBERS_OF = `SELECT ${REF_COLUMNS} FROM leads WHERE cluster_id = $1 ORDER BY received_at, lead_id`;
const FIND_LEADS = `SELECT ${REF_COLUMNS} FROM leads WHERE lead_id = ANY($1::uuid[]) ORDER BY received_at, lead_id`;
const PROVINCES_OF = 'SELECT DISTINCT province_code FROM leads WHERE cluster_id = $1 AND province_code IS NOT NULL ORDER BY province_code';
const SET_STATUS = 'UPDATE clusters SET status = $2, updated_at = $3 WHERE cluster_id = $1';
const CREATE_CLUSTER = `
INSERT INTO clusters (cluster_id, canonical_lead_id, created_at, status, updated_at, deadline_at) VALUES ($1, $2, $3, 'open', $3, $4)
ON CONFLICT (cluster_id) DO NOTHING`;
const MOVE_LEADS = `
UPDATE leads SET cluster_id = $2::uuid, dedup = jsonb_set(dedup, '{clusterId}', to_jsonb($2::uuid::text)), updated_at = $3
WHERE lead_id = ANY($1::uuid[])`;
const MOVE_ALL_LEADS = `
UPDATE leads SET cluster_id = $2::uuid, dedup = jsonb_set(dedup, '{clusterId}', to_jsonb($2::uuid::text)), updated_at = $3
WHERE cluster_id = $1`;
const UPDATE_HEAD = 'UPDATE clusters SET canonical_lead_id = $2, deadline_at = $3, status = $4, updated_at = $5 WHERE cluster_id = $1';
const MARK_MERGED = 'UPDATE clusters SET merged_into = $2, updated_at = $3 WHERE cluster_id = $1';
const SAVE_PAIR_LABEL = `
INSERT INTO pair_labels (lead_a, lead_b, label, labelled_by, reason, labelled_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (lead_a, lead_b) DO UPDATE SET label = EXCLUDED.label, labelled_by = EXCLUDED.labelled_by, reason = EXCLUDED.reason,
  labelled_at = EXCLUDED.labelled_at`;
const SAVE_LEAD_LABEL = `
INSERT INTO lead_labels (lead_id, in_scope, categories, labelled_by, reason, labelled_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (lead_id) DO UPDATE SET in_scope = EXCLUDED.in_scope, categories = EXCLUDED.categories, labelled_by = EXCLUDED.labelled_by,
  reason = EXCLUDED.reason, labelled_at = EXCLUDED.labelled_at`;
const SET_PRIMARY_CATEGORY = 'UPDATE leads SET primary_category = $2, updated_at = $3 WHERE lead_id = $1';
const APPEND_AUDIT = 'INSERT INTO audit_log (actor, action, cluster_id, lead_id, details, reason, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)';

/** The writes of one action, bound to its transaction. */
class SqlReviewWrites implements ReviewWrites {
  constructor(private readonly tx: Queryable) {}

  async lockCluster(clusterId: string): Promise<ClusterHead | undefined> {
    const { rows } = await this.tx.query<HeadRow>(LOCK_CLUSTER, [clusterId]);
    return rows[0] ? toHead(rows[0]) : undefined;
  }

  async membersOf(clusterId: string): Promise<LeadRef[]> {
    return (await this.tx.query<RefRow>(MEMBERS_OF, [clusterId])).rows.map(toRef);
  }

  async findLeads(leadIds: readonly string[]): Promise<LeadRef[]> {
    return (await this.tx.query<RefRow>(FIND_LEADS, [leadIds])).rows.map(toRef);
  }

  async provincesOf(clusterId: string): Promise<string[]> {
    return (await this.tx.query<{ province_code: string }>(PROVINCES_OF, [clusterId])).rows.map((r) => r.province_code);
  }

  async setStatus(clusterId: string, status: ClusterStatus, at: Date): Promise<void> {
    await this.tx.query(SET_STATUS, [clusterId, status, at]);
  }

  async createCluster(cluster: { clusterId: string; canonicalLeadId: string; deadlineAt: string | null }, at: Date): Promise<void> {
    await this.tx.query(CREATE_CLUSTER, [cluster.clusterId, cluster.canonicalLeadId, at, cluster.deadlineAt]);
  }

  async moveLeads(leadIds: readonly string[], clusterId: string, at: Date): Promise<void> {
    await this.tx.query(MOVE_LEADS, [leadIds, clusterId, at]);
  }

  async moveAllLeads(fromClusterId: string, toClusterId: string, at: Date): Promise<void> {
    await this.tx.query(MOVE_ALL_LEADS, [fromClusterId, toClusterId, at]);
  }

  async updateHead(clusterId: string, head: { canonicalLeadId: string; deadlineAt: string | null; status: ClusterStatus }, at: Date): Promise<void> {
    await this.tx.query(UPDATE_HEAD, [clusterId, head.canonicalLeadId, head.deadlineAt, head.status, at]);
  }

  async markMerged(clusterId: string, survivorId: string, at: Date): Promise<void> {
    await this.tx.query(MARK_MERGED, [clusterId, survivorId, at]);
  }

  async savePairLabel(label: PairLabel): Promise<void> {
    await this.tx.query(SAVE_PAIR_LABEL, [label.leadA, label.leadB, label.label, label.labelledBy, label.reason, label.labelledAt]);
  }

  async saveLeadLabel(label: LeadLabel): Promise<void> {
    await this.tx.query(SAVE_LEAD_LABEL, [label.leadId, label.inScope, label.categories, label.labelledBy, label.reason, label.labelledAt]);
    await this.tx.query(SET_PRIMARY_CATEGORY, [label.leadId, label.categories[0]!, label.labelledAt]);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.tx.query(APPEND_AUDIT, [entry.actor, entry.action, entry.clusterId, entry.leadId, JSON.stringify(entry.details), entry.reason, entry.at]);
  }
}

export class SqlReviewStore implements ReviewStore {
  constructor(private readonly store: Pick<Store, 'transaction'>) {}

  inTransaction<T>(fn: (tx: ReviewWrites) => Promise<T>): Promise<T> {
    return this.store.transaction((tx) => fn(new SqlReviewWrites(tx)));
  }
}
