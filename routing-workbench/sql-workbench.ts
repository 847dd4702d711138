/** The workbench's SQL: drafts, published versions, facts for dry runs, coverage, re-routing requests, audit rows. */
import { COPY_SIMILARITY } from '../models/clusters';
import type { Route } from '../models/lead';
import { isoColumn, jsonColumn, type Queryable, type Store } from '../models/ports/store.port';
import { singleCluster, type ClusterFacts, type LeadFacts, type StoredLeadFacts } from '../routing/lead-facts';
import type { RuleSet } from '../routing/rule-set';
import type { RuleIssue } from '../routing/rule-set-validation';
import type {
  CoverageRow, Draft, DraftStatus, LeadRouting, NewReroute, PublishedVersion, RecordedDryRun, WorkbenchAudit, WorkbenchReads, WorkbenchStore, WorkbenchWrites,
} from './workbench.port';

const VERSION_COLUMNS = 'version, rules, published_at, published_by, approved_by, draft_id, republished_from, reason';
const LIST_VERSIONS = `SELECT ${VERSION_COLUMNS} FROM routing_rules ORDER BY version DESC`;
const FIND_VERSION = `SELECT ${VERSION_COLUMNS} FROM routing_rules WHERE version = $1`;
const DRAFT_COLUMNS = `draft_id, based_on_version, rules, warnings, revision, author, last_edited_by, note, status, dry_run, published_version, created_at, updated_at`;
const LIST_DRAFTS = `SELECT ${DRAFT_COLUMNS} FROM rule_set_drafts ORDER BY updated_at DESC LIMIT $1`;
const FIND_DRAFT = `SELECT ${DRAFT_COLUMNS} FROM rule_set_drafts WHERE draft_id = $1`;
const LOCK_DRAFT = `${FIND_DRAFT} FOR UPDATE`;
const SAVE_DRAFT = `INSERT INTO rule_set_drafts (draft_id, based_on_version, rules, warnings, revision, author, last_edited_by, note, status, dry_run,
  dry_run_revision, dry_run_by, dry_run_at, published_version, created_at, updated_at)
VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16)
ON CONFLICT (draft_id) DO UPDATE SET rules = EXCLUDED.rules, warnings = EXCLUDED.warnings, revision = EXCLUDED.revision,
  last_edited_by = EXCLUDED.last_edited_by, note = EXCLUDED.note, status = EXCLUDED.status, dry_run = EXCLUDED.dry_run,
  dry_run_revision = EXCLUDED.dry_run_revision, dry_run_by = EXCLUDED.dry_run_by, dry_run_at = EXCLUDED.dry_run_at,
  published_version = EXCLUDED.published_version, updated_at = EXCLUDED.updated_at`;
const PUBLISH = `INSERT INTO routing_rules (version, rules, published_at, published_by, approved_by, draft_id, republished_from, reason)
SELECT COALESCE(MAX(version), 0) + 1, $1::jsonb, $2, $3, $4, $5, $6, $7 FROM routing_rules RETURNING version`;
/**
 * Facts of the period's leads as one JSON text, and the members of every cluster as one text:
 * PGlite materialises a result row in ~0.1 ms, so 100,000 rows cost seconds while one aggregated
 * value of the same data costs a fraction (measured by npm run bench -- routing). The text is
 * joined only when a keyword rule needs it.
 */
const LOAD_FACTS = `SELECT
  '[' || coalesce(string_agg('["' || lead_id || '",' || coalesce('"' || cluster_id || '"', 'null') || ',' || routing_facts || ',' ||
    CASE WHEN $3 THEN to_json(screening->>'text')::text ELSE 'null' END || ']', ',')
    FILTER (WHERE routing_facts IS NOT NULL AND ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2)), '') || ']' AS facts,
  string_agg(cluster_id || ' ' || coalesce(province_code, '-') || ' ' ||
    CASE WHEN dedup->>'decision' = 'new' OR COALESCE((dedup->>'score')::float8, 0) < $4 THEN '1' ELSE '0' END, E'\\n')
    FILTER (WHERE cluster_id IS NOT NULL) AS members
FROM leads`;
const COVERAGE = `SELECT (route->>'rulesVersion')::int AS version, route->>'ruleId' AS rule_id, count(*) AS leads
FROM leads WHERE route IS NOT NULL AND routed_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`;
const LEAD_ROUTING = 'SELECT lead_id, route, routing_facts AS facts FROM leads WHERE lead_id = $1';
const LEAD_REROUTES = `SELECT reroute_id, to_queue, reason, requested_by, requested_at, applied_at FROM reroutes WHERE lead_id = $1 ORDER BY requested_at`;
const FIND_ROUTES = 'SELECT lead_id, route FROM leads WHERE lead_id = ANY($1::uuid[])';
const INSERT_REROUTE = `INSERT INTO reroutes (reroute_id, lead_id, to_queue, reason, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6)`;
const UNPUBLISHED_REROUTES = 'SELECT reroute_id, lead_id FROM reroutes WHERE published_at IS NULL ORDER BY requested_at LIMIT $1';
const MARK_PUBLISHED = 'UPDATE reroutes SET published_at = $2 WHERE reroute_id = ANY($1::uuid[]) AND published_at IS NULL';
const APPEND_AUDIT = `INSERT INTO audit_log (actor, action, lead_id, details, reason, at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toVersion(r: Row): PublishedVersion {
  return {
    version: Number(r.version),
    rules: jsonColumn(r.rules) as RuleSet,
    publishedAt: isoColumn(r.published_at as Date),
    publishedBy: r.published_by as string,
    approvedBy: (r.approved_by as string | null) ?? null,
    draftId: (r.draft_id as string | null) ?? null,
    republishedFrom: num(r.republished_from),
    reason: (r.reason as string | null) ?? null,
  };
}

function toDraft(r: Row): Draft {
  return {
    draftId: r.draft_id as string,
    basedOnVersion: num(r.based_on_version),
    rules: jsonColumn(r.rules) as RuleSet,
    warnings: (jsonColumn(r.warnings) as RuleIssue[]) ?? [],
    revision: Number(r.revision),
    author: r.author as string,
    lastEditedBy: r.last_edited_by as string,
    note: (r.note as string | null) ?? null,
    status: r.status as DraftStatus,
    dryRun: (jsonColumn(r.dry_run) as RecordedDryRun | null) ?? null,
    publishedVersion: num(r.published_version),
    createdAt: isoColumn(r.created_at as Date),
    updatedAt: isoColumn(r.updated_at as Date),
  };
}

class SqlWorkbenchWrites implements WorkbenchWrites {
  constructor(private readonly tx: Queryable) {}

  async lockDraft(draftId: string): Promise<Draft | undefined> {
    const { rows } = await this.tx.query<Row>(LOCK_DRAFT, [draftId]);
    return rows[0] && toDraft(rows[0]);
  }

  async saveDraft(d: Draft): Promise<void> {
    await this.tx.query(SAVE_DRAFT, [
      d.draftId, d.basedOnVersion, JSON.stringify(d.rules), JSON.stringify(d.warnings), d.revision, d.author, d.lastEditedBy, d.note, d.status,
      d.dryRun ? JSON.stringify(d.dryRun) : null, d.dryRun?.revision ?? null, d.dryRun?.by ?? null, d.dryRun?.at ?? null, d.publishedVersion, d.createdAt, d.updatedAt,
    ]);
  }

  async publishVersion(v: Omit<PublishedVersion, 'version' | 'publishedAt'>, at: Date): Promise<number> {
    const { rows } = await this.tx.query<{ version: number }>(PUBLISH, [JSON.stringify(v.rules), at, v.publishedBy, v.approvedBy, v.draftId, v.republishedFrom, v.reason]);
    return Number(rows[0]!.version);
  }

  async insertReroute(r: NewReroute): Promise<void> {
    await this.tx.query(INSERT_REROUTE, [r.rerouteId, r.leadId, r.toQueue, r.reason, r.requestedBy, r.requestedAt]);
  }

  async appendAudit(e: WorkbenchAudit): Promise<void> {
    await this.tx.query(APPEND_AUDIT, [e.actor, e.action, e.leadId ?? null, JSON.stringify(e.details), e.reason, e.at]);
  }
}

export class SqlWorkbench implements WorkbenchReads, WorkbenchStore {
  constructor(private readonly store: Store) {}

  inTransaction<T>(fn: (tx: WorkbenchWrites) => Promise<T>): Promise<T> {
    return this.store.transaction((tx) => fn(new SqlWorkbenchWrites(tx)));
  }

  async listVersions(): Promise<PublishedVersion[]> {
    return (await this.store.query<Row>(LIST_VERSIONS)).rows.map(toVersion);
  }

  async findVersion(version: number): Promise<PublishedVersion | undefined> {
    const { rows } = await this.store.query<Row>(FIND_VERSION, [version]);
    return rows[0] && toVersion(rows[0]);
  }

  async listDrafts(limit: number): Promise<Draft[]> {
    return (await this.store.query<Row>(LIST_DRAFTS, [limit])).rows.map(toDraft);
  }

  async findDraft(draftId: string): Promise<Draft | undefined> {
    const { rows } = await this.store.query<Row>(FIND_DRAFT, [draftId]);
    return rows[0] && toDraft(rows[0]);
  }

  async loadFacts(period: { from?: Date; to?: Date }, withText: boolean): Promise<LeadFacts[]> {
    const { rows: found } = await this.store.query<{ facts: string; members: string | null }>(LOAD_FACTS, [period.from ?? null, period.to ?? null, withText, COPY_SIMILARITY]);
    const clusters = clusterSizes(found[0]?.members ?? '');
    const rows = JSON.parse(found[0]?.facts ?? '[]') as Array<[string, string | null, StoredLeadFacts, string | null]>;
    return rows.map(([leadId, clusterId, stored, text]) => {
      const c = clusterId ? clusters.get(clusterId) : undefined;
      const cluster: ClusterFacts = c
        ? { size: c.size, independentReporters: Math.max(1, c.independent), provinces: c.provinces.size, leadProvinceCode: null }
        : singleCluster(stored.provinceCode);
      return { ...stored, leadId, cluster, ...(typeof text === 'string' ? { text } : {}) };
    });
  }

  async coverage(since: Date): Promise<CoverageRow[]> {
    const { rows } = await this.store.query<Row>(COVERAGE, [since]);
    return rows.map((r) => ({ rulesVersion: Number(r.version), ruleId: r.rule_id as string, leads: Number(r.leads) }));
  }

  async leadRouting(leadId: string): Promise<LeadRouting | undefined> {
    const { rows } = await this.store.query<Row>(LEAD_ROUTING, [leadId]);
    const r = rows[0];
    if (!r) return undefined;
    const reroutes = (await this.store.query<Row>(LEAD_REROUTES, [leadId])).rows.map((x) => ({
      rerouteId: x.reroute_id as string,
      toQueue: x.to_queue as string,
      reason: x.reason as string,
      requestedBy: x.requested_by as string,
      requestedAt: isoColumn(x.requested_at as Date),
      appliedAt: x.applied_at ? isoColumn(x.applied_at as Date) : null,
    }));
    return { leadId: r.lead_id as string, route: (jsonColumn(r.route) as Route | null) ?? null, facts: (jsonColumn(r.facts) as StoredLeadFacts | null) ?? null, reroutes };
  }

  async findLeadRoutes(leadIds: readonly string[]): Promise<Array<{ leadId: string; route: Route | null }>> {
    const { rows } = await this.store.query<Row>(FIND_ROUTES, [leadIds]);
    return rows.map((r) => ({ leadId: r.lead_id as string, route: (jsonColumn(r.route) as Route | null) ?? null }));
  }

  async unpublishedReroutes(limit: number): Promise<Array<{ rerouteId: string; leadId: string }>> {
    return (await this.store.query<Row>(UNPUBLISHED_REROUTES, [limit])).rows.map((r) => ({ rerouteId: r.reroute_id as string, leadId: r.lead_id as string }));
  }

  async markReroutesPublished(rerouteIds: readonly string[], at: Date): Promise<void> {
    await this.store.query(MARK_PUBLISHED, [rerouteIds, at]);
  }
}

/** Cluster id → members, independent reporters and provinces, from "cluster province independent" lines. */
function clusterSizes(text: string): Map<string, { size: number; independent: number; provinces: Set<string> }> {
  const out = new Map<string, { size: number; independent: number; provinces: Set<string> }>();
  if (!text) return out;
  for (const line of text.split('\n')) {
    const [id, province, independent] = line.split(' ') as [string, string, string];
    let c = out.get(id);
    if (!c) out.set(id, (c = { size: 0, independent: 0, provinces: new Set() }));
    c.size++;
    if (independent === '1') c.independent++;
    if (province !== '-') c.provinces.add(province);
  }
  return out;
}
