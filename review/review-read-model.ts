/**
 * The review read model in SQL: lists and details, each method one statement, the same SQL on
 * PGlite and PostgreSQL. Merged clusters stay (merged_into points to the survivor) so old ids resolve.
 */
import type { Queryable } from '../models/ports/store.port';
import type { AuditEntry, ClusterHead, ClusterMember, ClusterPage, ClusterQuery, LeadLabel, PairLabel, ReviewReadModel, StoredLink } from './review.port';
import {
  HEAD_COLUMNS, MEMBER_COLUMNS, toAudit, toHead, toLabel, toLeadLabel, toLink, toListRow, toMember,
  type AuditRow, type HeadRow, type LabelRow, type LeadLabelRow, type LinkRow, type ListRow, type MemberRow,
} from './review-rows';

const EXCERPT_CHARS = 120;

/**
 * The list: members aggregated per live cluster, then filtered. A copy is a duplicate at or above
 * the copy similarity; the cluster's deadline is the earlier of its own and its members'.
 */
const LIST_CLUSTERS = `
WITH agg AS (
  SELECT c.cluster_id, c.canonical_lead_id, c.status, c.created_at, c.updated_at, c.deadline_at AS own_deadline,
    count(*)::int AS member_count,
    (count(*) FILTER (WHERE NOT (l.dedup->>'decision' = 'duplicate' AND COALESCE((l.dedup->>'score')::float8, 0) >= $1)))::int AS independent,
    min(l.received_at) AS first_seen, max(l.received_at) AS last_seen,
    COALESCE(array_agg(DISTINCT l.province_code) FILTER (WHERE l.province_code IS NOT NULL), '{}') AS provinces,
    array_agg(l.primary_category ORDER BY l.primary_category) AS categories,
    min(l.deadline_at) AS member_deadline,
    count(*) FILTER (WHERE ($6::timestamptz IS NULL OR l.received_at >= $6) AND ($7::timestamptz IS NULL OR l.received_at < $7)) AS in_range
  FROM clusters c JOIN leads l ON l.cluster_id = c.cluster_id
  WHERE c.merged_into IS NULL
  GROUP BY c.cluster_id
)
SELECT agg.*, LEAST(agg.own_deadline, agg.member_deadline) AS deadline, left(cl.screening->>'text', ${EXCERPT_CHARS}) AS excerpt,
  count(*) OVER () AS total
FROM agg JOIN leads cl ON cl.lead_id = agg.canonical_lead_id
WHERE ($2::text IS NULL OR $2 = ANY(agg.provinces))
  AND ($3::text IS NULL OR agg.status = $3)
  AND agg.member_count >= $4
  AND (NOT $5::boolean OR cardinality(agg.provinces) > 1)
  AND agg.in_range > 0
  AND ($8::text IS NULL OR $8 = ANY(agg.categories))
  AND ($11::text IS NULL OR starts_with(agg.cluster_id::text, lower($11)) OR EXISTS (
    SELECT 1 FROM leads m WHERE m.cluster_id = agg.cluster_id AND (
      starts_with(m.lead_id::text, lower($11))
      OR strpos(m.screening->>'text', $11) > 0
      OR m.lead_id IN (SELECT r.report_id FROM reports r WHERE r.query_code_hash = $12)
      OR m.province_code = ANY($13::text[])
      OR m.screening->'location'->>'prefectureCode' = ANY($13::text[])
      OR m.screening->'location'->>'countyCode' = ANY($13::text[]))))
ORDER BY GREATEST(agg.last_seen, COALESCE(agg.updated_at, agg.created_at)) DESC, agg.cluster_id
LIMIT $9 OFFSET $10`;

const FIND_HEAD = `SELECT ${HEAD_COLUMNS} FROM clusters WHERE cluster_id = $1`;

const LIST_MEMBERS = `SELECT ${MEMBER_COLUMNS} FROM leads l LEFT JOIN lead_labels ll ON ll.lead_id = l.lead_id WHERE l.cluster_id = $1 ORDER BY l.received_at, l.lead_id`;

const LIST_LINKS = `
SELECT k.lead_id, k.other_lead_id, k.kind, k.probability, k.evidence, k.created_at
FROM lead_links k JOIN leads a ON a.lead_id = k.lead_id JOIN leads b ON b.lead_id = k.other_lead_id
WHERE a.cluster_id = $1 AND b.cluster_id = $1 ORDER BY k.created_at, k.lead_id, k.other_lead_id`;

const LIST_LEAD_LABELS = `
SELECT ll.lead_id, ll.in_scope, ll.categories, ll.labelled_by, ll.reason, ll.labelled_at, l.screening->>'text' AS text
FROM lead_labels ll JOIN leads l ON l.lead_id = ll.lead_id ORDER BY ll.labelled_at, ll.lead_id`;

const LIST_PAIR_LABELS = 'SELECT lead_a, lead_b, label, labelled_by, reason, labelled_at FROM pair_labels ORDER BY labelled_at, lead_a, lead_b';

/** The trail of a cluster and of every cluster merged into it, directly or not. */
const LIST_AUDIT = `
WITH RECURSIVE family AS (
  SELECT cluster_id FROM clusters WHERE cluster_id = $1
  UNION
  SELECT c.cluster_id FROM clusters c JOIN family f ON c.merged_into = f.cluster_id
)
SELECT actor, action, cluster_id, lead_id, details, reason, at FROM audit_log
WHERE $1::uuid IS NULL OR cluster_id IN (SELECT cluster_id FROM family)
  OR (details->'clusters') ?| ARRAY(SELECT cluster_id::text FROM family)
ORDER BY at DESC, audit_id DESC LIMIT $2`;

export class SqlReviewReadModel implements ReviewReadModel {
  constructor(private readonly db: Queryable) {}

  async mergedInto(clusterId: string): Promise<string | null | undefined> {
    const { rows } = await this.db.query<{ merged_into: string | null }>('SELECT merged_into FROM clusters WHERE cluster_id = $1', [clusterId]);
    return rows[0] ? rows[0].merged_into : undefined;
  }

  async listClusters(q: ClusterQuery): Promise<ClusterPage> {
    const { rows } = await this.db.query<ListRow>(LIST_CLUSTERS, [
      q.copySimilarity,
      q.provinceCode ?? null,
      q.status ?? null,
      q.minSize,
      q.crossProvinceOnly,
      q.receivedFrom ?? null,
      q.receivedBefore ?? null,
      q.category ?? null,
      q.limit,
      q.offset,
      q.search?.text ?? null,
      q.search?.queryCodeHash ?? null,
      q.search?.divisionCodes ?? [],
    ]);
    return { total: rows[0] ? Number(rows[0].total) : 0, clusters: rows.map(toListRow) };
  }

  async findHead(clusterId: string): Promise<ClusterHead | undefined> {
    const { rows } = await this.db.query<HeadRow>(FIND_HEAD, [clusterId]);
    return rows[0] ? toHead(rows[0]) : undefined;
  }

  async listMembers(clusterId: string): Promise<ClusterMember[]> {
    return (await this.db.query<MemberRow>(LIST_MEMBERS, [clusterId])).rows.map(toMember);
  }

  async listLinks(clusterId: string): Promise<StoredLink[]> {
    return (await this.db.query<LinkRow>(LIST_LINKS, [clusterId])).rows.map(toLink);
  }

  async listPairLabels(): Promise<PairLabel[]> {
    return (await this.db.query<LabelRow>(LIST_PAIR_LABELS)).rows.map(toLabel);
  }

  async listLeadLabels(): Promise<Array<LeadLabel & { text: string }>> {
    return (await this.db.query<LeadLabelRow>(LIST_LEAD_LABELS)).rows.map(toLeadLabel);
  }

  async listAudit(clusterId: string | undefined, limit: number): Promise<AuditEntry[]> {
    return (await this.db.query<AuditRow>(LIST_AUDIT, [clusterId ?? null, limit])).rows.map(toAudit);
  }
}
