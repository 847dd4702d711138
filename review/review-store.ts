/**
 * Analysts' review of duplicate clusters in SQL. One statement per method; PGlite and PostgreSQL
 * run the same SQL. Merged clusters stay (merged_into points to the survivor) so old ids resolve.
 */
import type { CategoryScore, Credibility, Dedup, Entity } from '../../models/lead';
import type {
  AuditEntry,
  ClusterHead,
  ClusterMember,
  ClusterPage,
  ClusterQuery,
  ClusterRow,
  ClusterStatus,
  LeadLink,
  LeadRef,
  PairLabel,
  ReviewAction,
  ReviewRepository,
  ReviewWrites,
} from '../../models/ports/review.port';
import type { Queryable, Store } from '../../models/ports/store.port';
import { parseJson, toIso } from './sql-report-repository';

const EXCERPT_CHARS = 120;
/** A chain of merges is short; the bound only stops a corrupt cycle. */
const MAX_MERGE_HOPS = 32;

type Timestamp = Date | string;
const isoOrNull = (v: Timestamp | null | undefined): string | null => (v === null || v === undefined ? null : toIso(v));

interface HeadRow extends Record<string, unknown> {
  cluster_id: string;
  canonical_lead_id: string;
  created_at: Timestamp;
  status: string;
  merged_into: string | null;
  deadline_at: Timestamp | null;
  updated_at: Timestamp | null;
}

const toHead = (r: HeadRow): ClusterHead => ({
  clusterId: r.cluster_id,
  canonicalLeadId: r.canonical_lead_id,
  createdAt: toIso(r.created_at),
  status: r.status as ClusterStatus,
  mergedInto: r.merged_into,
  deadlineAt: isoOrNull(r.deadline_at),
  updatedAt: isoOrNull(r.updated_at),
});

interface RefRow extends Record<string, unknown> {
  lead_id: string;
  cluster_id: string | null;
  received_at: Timestamp;
  province_code: string | null;
  deadline_at: Timestamp | null;
}

const toRef = (r: RefRow): LeadRef => ({
  leadId: r.lead_id,
  clusterId: r.cluster_id,
  receivedAt: toIso(r.received_at),
  provinceCode: r.province_code,
  deadlineAt: isoOrNull(r.deadline_at),
});

const REF_COLUMNS = 'lead_id, cluster_id, received_at, province_code, deadline_at';
const HEAD_COLUMNS = 'cluster_id, canonical_lead_id, created_at, status, merged_into, deadline_at, updated_at';

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
    array_agg(DISTINCT l.primary_category) AS categories,
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
ORDER BY GREATEST(agg.last_seen, COALESCE(agg.updated_at, agg.created_at)) DESC, agg.cluster_id
LIMIT $9 OFFSET $10`;

interface ListRow extends Record<string, unknown> {
  cluster_id: string;
  canonical_lead_id: string;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp | null;
  member_count: number;
  independent: number;
  first_seen: Timestamp;
  last_seen: Timestamp;
  provinces: string[];
  categories: string[];
  deadline: Timestamp | null;
  excerpt: string;
  total: number | string;
}

const toRow = (r: ListRow): ClusterRow => ({
  clusterId: r.cluster_id,
  canonicalLeadId: r.canonical_lead_id,
  excerpt: r.excerpt,
  memberCount: Number(r.member_count),
  independentReporters: Number(r.independent),
  firstSeen: toIso(r.first_seen),
  lastSeen: toIso(r.last_seen),
  provinces: [...r.provinces].sort(),
  status: r.status as ClusterStatus,
  deadlineAt: isoOrNull(r.deadline),
  primaryCategories: [...r.categories].sort(),
  createdAt: toIso(r.created_at),
  updatedAt: isoOrNull(r.updated_at),
});

interface MemberRow extends Record<string, unknown> {
  lead_id: string;
  received_at: Timestamp;
  screening: unknown;
  primary_category: string;
  province_code: string | null;
  dedup: unknown;
  deadline_at: Timestamp | null;
}

function toMember(r: MemberRow): ClusterMember {
  const s = parseJson(r.screening) as {
    text: string;
    entities?: Entity[];
    categories?: CategoryScore[];
    credibility?: Credibility;
    location?: { countyCode?: string };
  };
  return {
    leadId: r.lead_id,
    receivedAt: toIso(r.received_at),
    text: s.text,
    entities: s.entities ?? [],
    categories: s.categories ?? [],
    primaryCategory: r.primary_category,
    credibility: s.credibility ?? { score: 0, reasons: [] },
    provinceCode: r.province_code,
    countyCode: s.location?.countyCode ?? null,
    dedup: (parseJson(r.dedup) as Dedup | null) ?? null,
    deadlineAt: isoOrNull(r.deadline_at),
  };
}

interface LinkRow extends Record<string, unknown> {
  lead_id: string;
  other_lead_id: string;
  kind: string;
  probability: number;
  evidence: unknown;
  created_at: Timestamp;
}

interface LabelRow extends Record<string, unknown> {
  lead_a: string;
  lead_b: string;
  label: string;
  labelled_by: string;
  reason: string | null;
  labelled_at: Timestamp;
}

interface AuditRow extends Record<string, unknown> {
  actor: string;
  action: string;
  cluster_id: string | null;
  lead_id: string | null;
  details: unknown;
  reason: string | null;
  at: Timestamp;
}

/** The writes of one action, bound to its transaction. */
class SqlReviewWrites implements ReviewWrites {
  constructor(private readonly tx: Queryable) {}

  async lockCluster(clusterId: string): Promise<ClusterHead | undefined> {
    const { rows } = await this.tx.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM clusters WHERE cluster_id = $1 FOR UPDATE`, [clusterId]);
    return rows[0] ? toHead(rows[0]) : undefined;
  }

  async membersOf(clusterId: string): Promise<LeadRef[]> {
    const { rows } = await this.tx.query<RefRow>(`SELECT ${REF_COLUMNS} FROM leads WHERE cluster_id = $1 ORDER BY received_at, lead_id`, [clusterId]);
    return rows.map(toRef);
  }

  async findLeads(leadIds: readonly string[]): Promise<LeadRef[]> {
    const { rows } = await this.tx.query<RefRow>(`SELECT ${REF_COLUMNS} FROM leads WHERE lead_id = ANY($1::uuid[]) ORDER BY received_at, lead_id`, [leadIds]);
    return rows.map(toRef);
  }

  async provincesOf(clusterId: string): Promise<string[]> {
    const { rows } = await this.tx.query<{ province_code: string }>(
      'SELECT DISTINCT province_code FROM leads WHERE cluster_id = $1 AND province_code IS NOT NULL ORDER BY province_code',
      [clusterId],
    );
    return rows.map((r) => r.province_code);
  }

  async setStatus(clusterId: string, status: ClusterStatus, at: Date): Promise<void> {
    await this.tx.query('UPDATE clusters SET status = $2, updated_at = $3 WHERE cluster_id = $1', [clusterId, status, at]);
  }

  async createCluster(cluster: { clusterId: string; canonicalLeadId: string; deadlineAt: string | null }, at: Date): Promise<void> {
    await this.tx.query(
      `INSERT INTO clusters (cluster_id, canonical_lead_id, created_at, status, updated_at, deadline_at) VALUES ($1, $2, $3, 'open', $3, $4)
       ON CONFLICT (cluster_id) DO NOTHING`,
      [cluster.clusterId, cluster.canonicalLeadId, at, cluster.deadlineAt],
    );
  }

  async moveLeads(leadIds: readonly string[], clusterId: string, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE leads SET cluster_id = $2::uuid, dedup = jsonb_set(dedup, '{clusterId}', to_jsonb($2::uuid::text)), updated_at = $3 WHERE lead_id = ANY($1::uuid[])`,
      [leadIds, clusterId, at],
    );
  }

  async moveAllLeads(fromClusterId: string, toClusterId: string, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE leads SET cluster_id = $2::uuid, dedup = jsonb_set(dedup, '{clusterId}', to_jsonb($2::uuid::text)), updated_at = $3 WHERE cluster_id = $1`,
      [fromClusterId, toClusterId, at],
    );
  }

  async updateHead(clusterId: string, head: { canonicalLeadId: string; deadlineAt: string | null; status: ClusterStatus }, at: Date): Promise<void> {
    await this.tx.query('UPDATE clusters SET canonical_lead_id = $2, deadline_at = $3, status = $4, updated_at = $5 WHERE cluster_id = $1', [
      clusterId,
      head.canonicalLeadId,
      head.deadlineAt,
      head.status,
      at,
    ]);
  }

  async markMerged(clusterId: string, survivorId: string, at: Date): Promise<void> {
    await this.tx.query('UPDATE clusters SET merged_into = $2, updated_at = $3 WHERE cluster_id = $1', [clusterId, survivorId, at]);
  }

  async savePairLabel(label: PairLabel): Promise<void> {
    await this.tx.query(
      `INSERT INTO pair_labels (lead_a, lead_b, label, labelled_by, reason, labelled_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (lead_a, lead_b) DO UPDATE SET label = EXCLUDED.label, labelled_by = EXCLUDED.labelled_by, reason = EXCLUDED.reason,
         labelled_at = EXCLUDED.labelled_at`,
      [label.leadA, label.leadB, label.label, label.labelledBy, label.reason, label.labelledAt],
    );
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.tx.query('INSERT INTO audit_log (actor, action, cluster_id, lead_id, details, reason, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)', [
      entry.actor,
      entry.action,
      entry.clusterId,
      entry.leadId,
      JSON.stringify(entry.details),
      entry.reason,
      entry.at,
    ]);
  }
}

export class SqlReviewRepository implements ReviewRepository {
  constructor(private readonly store: Store) {}

  async resolveClusterId(clusterId: string): Promise<string | undefined> {
    const { rows } = await this.store.query<{ cluster_id: string; merged_into: string | null }>(
      `WITH RECURSIVE chain AS (
         SELECT cluster_id, merged_into, 0 AS hops FROM clusters WHERE cluster_id = $1
         UNION ALL
         SELECT c.cluster_id, c.merged_into, chain.hops + 1 FROM clusters c JOIN chain ON c.cluster_id = chain.merged_into WHERE chain.hops < $2
       )
       SELECT cluster_id, merged_into FROM chain ORDER BY hops DESC LIMIT 1`,
      [clusterId, MAX_MERGE_HOPS],
    );
    const last = rows[0];
    return last && last.merged_into === null ? last.cluster_id : undefined;
  }

  async listClusters(q: ClusterQuery): Promise<ClusterPage> {
    const { rows } = await this.store.query<ListRow>(LIST_CLUSTERS, [
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
    ]);
    return { total: rows[0] ? Number(rows[0].total) : 0, clusters: rows.map(toRow) };
  }

  async findHead(clusterId: string): Promise<ClusterHead | undefined> {
    const { rows } = await this.store.query<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM clusters WHERE cluster_id = $1`, [clusterId]);
    return rows[0] ? toHead(rows[0]) : undefined;
  }

  async listMembers(clusterId: string): Promise<ClusterMember[]> {
    const { rows } = await this.store.query<MemberRow>(
      `SELECT lead_id, received_at, screening, primary_category, province_code, dedup, deadline_at FROM leads WHERE cluster_id = $1
       ORDER BY received_at, lead_id`,
      [clusterId],
    );
    return rows.map(toMember);
  }

  async listLinks(clusterId: string): Promise<LeadLink[]> {
    const { rows } = await this.store.query<LinkRow>(
      `SELECT k.lead_id, k.other_lead_id, k.kind, k.probability, k.evidence, k.created_at
       FROM lead_links k JOIN leads a ON a.lead_id = k.lead_id JOIN leads b ON b.lead_id = k.other_lead_id
       WHERE a.cluster_id = $1 AND b.cluster_id = $1 ORDER BY k.created_at, k.lead_id, k.other_lead_id`,
      [clusterId],
    );
    return rows.map((r) => ({
      leadId: r.lead_id,
      otherLeadId: r.other_lead_id,
      kind: r.kind === 'related' ? 'related' : 'duplicate',
      probability: Number(r.probability),
      evidence: parseJson(r.evidence),
      createdAt: toIso(r.created_at),
    }));
  }

  async listPairLabels(): Promise<PairLabel[]> {
    const { rows } = await this.store.query<LabelRow>(
      'SELECT lead_a, lead_b, label, labelled_by, reason, labelled_at FROM pair_labels ORDER BY labelled_at, lead_a, lead_b',
    );
    return rows.map((r) => ({
      leadA: r.lead_a,
      leadB: r.lead_b,
      label: r.label === 'duplicate' ? 'duplicate' : 'not-duplicate',
      labelledBy: r.labelled_by,
      reason: r.reason,
      labelledAt: toIso(r.labelled_at),
    }));
  }

  async listAudit(clusterId: string | undefined, limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.store.query<AuditRow>(
      `WITH RECURSIVE family AS (
         SELECT cluster_id FROM clusters WHERE cluster_id = $1
         UNION
         SELECT c.cluster_id FROM clusters c JOIN family f ON c.merged_into = f.cluster_id
       )
       SELECT actor, action, cluster_id, lead_id, details, reason, at FROM audit_log
       WHERE $1::uuid IS NULL OR cluster_id IN (SELECT cluster_id FROM family)
         OR (details->'clusters') ?| ARRAY(SELECT cluster_id::text FROM family)
       ORDER BY at DESC, audit_id DESC LIMIT $2`,
      [clusterId ?? null, limit],
    );
    return rows.map((r) => ({
      actor: r.actor,
      action: r.action as ReviewAction,
      clusterId: r.cluster_id,
      leadId: r.lead_id,
      details: (parseJson(r.details) as Record<string, unknown> | null) ?? {},
      reason: r.reason,
      at: toIso(r.at),
    }));
  }

  async inTransaction<T>(fn: (tx: ReviewWrites) => Promise<T>): Promise<T> {
    return this.store.transaction((tx) => fn(new SqlReviewWrites(tx)));
  }
}
