/** Leads and duplicate clusters in SQL: keyed upserts, so a replayed stage changes nothing. */
import type { Credibility, Dedup, Route } from '../../models/lead';
import type { ReportScreened } from '../../models/messages';
import type { ClusterView, LeadRepository, LeadSummary } from '../../models/ports/repositories.port';
import type { Store } from '../../models/ports/store.port';
import { parseJson, toIso } from './sql-report-repository';

const EXCERPT_CHARS = 120;

interface LeadRow extends Record<string, unknown> {
  lead_id: string;
  received_at: Date | string;
  primary_category: string;
  province_code: string | null;
  credibility: number;
  cluster_id: string | null;
  dedup: unknown;
  route: unknown;
  excerpt: string;
}

const SUMMARY_COLUMNS = `lead_id, received_at, primary_category, province_code, credibility, cluster_id, dedup, route,
  left(screening->>'text', ${EXCERPT_CHARS}) AS excerpt`;

function toSummary(r: LeadRow): LeadSummary {
  return {
    leadId: r.lead_id,
    receivedAt: toIso(r.received_at),
    primaryCategory: r.primary_category,
    provinceCode: r.province_code,
    credibility: Number(r.credibility),
    clusterId: r.cluster_id,
    dedup: (parseJson(r.dedup) as Dedup | null) ?? null,
    route: (parseJson(r.route) as Route | null) ?? null,
    excerpt: r.excerpt,
  };
}

export class SqlLeadRepository implements LeadRepository {
  constructor(private readonly store: Store) {}

  async saveScreening(lead: ReportScreened, at: Date): Promise<void> {
    const s = lead.screening;
    const { embedding, ...screeningWithoutVector } = s;
    await this.store.query(
      `INSERT INTO leads (lead_id, received_at, screening, primary_category, province_code, credibility, embedder_id, embedding, updated_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8::real[], $9)
       ON CONFLICT (lead_id) DO UPDATE SET screening = EXCLUDED.screening, primary_category = EXCLUDED.primary_category,
         province_code = EXCLUDED.province_code, credibility = EXCLUDED.credibility, embedder_id = EXCLUDED.embedder_id,
         embedding = EXCLUDED.embedding, updated_at = EXCLUDED.updated_at`,
      [
        lead.reportId,
        lead.receivedAt,
        JSON.stringify(screeningWithoutVector),
        s.categories[0]?.code ?? 'INVALID',
        s.location.provinceCode ?? null,
        Math.round(s.credibility.score),
        s.embedderId,
        embedding as number[],
        at,
      ],
    );
  }

  async findDedup(leadId: string): Promise<Dedup | undefined> {
    const { rows } = await this.store.query<{ dedup: unknown }>('SELECT dedup FROM leads WHERE lead_id = $1 AND dedup IS NOT NULL', [leadId]);
    return rows[0] ? (parseJson(rows[0].dedup) as Dedup) : undefined;
  }

  async saveDedup(leadId: string, dedup: Dedup, at: Date): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.query('UPDATE leads SET dedup = $2::jsonb, cluster_id = $3, updated_at = $4 WHERE lead_id = $1', [
        leadId,
        JSON.stringify(dedup),
        dedup.clusterId,
        at,
      ]);
      if (dedup.decision === 'new') {
        await tx.query(
          'INSERT INTO clusters (cluster_id, canonical_lead_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (cluster_id) DO NOTHING',
          [dedup.clusterId, leadId, at],
        );
      }
    });
  }

  async countIndependentReports(clusterId: string, excludeLeadId: string, copySimilarity: number): Promise<number> {
    const { rows } = await this.store.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM leads
       WHERE cluster_id = $1 AND lead_id <> $2
         AND (dedup->>'decision' = 'new' OR COALESCE((dedup->>'score')::float8, 0) < $3)`,
      [clusterId, excludeLeadId, copySimilarity],
    );
    return Number(rows[0]!.n);
  }

  async saveCredibility(leadId: string, credibility: Credibility, at: Date): Promise<void> {
    await this.store.query(
      `UPDATE leads SET credibility = $2, screening = jsonb_set(screening, '{credibility}', $3::jsonb), updated_at = $4 WHERE lead_id = $1`,
      [leadId, Math.round(credibility.score), JSON.stringify(credibility), at],
    );
  }

  async findRoute(leadId: string): Promise<Route | undefined> {
    const { rows } = await this.store.query<{ route: unknown }>('SELECT route FROM leads WHERE lead_id = $1 AND route IS NOT NULL', [leadId]);
    return rows[0] ? (parseJson(rows[0].route) as Route) : undefined;
  }

  async saveRoute(leadId: string, route: Route, at: Date): Promise<void> {
    await this.store.query(
      'UPDATE leads SET route = $2::jsonb, route_topic = $3, routed_at = COALESCE(routed_at, $4), updated_at = $4 WHERE lead_id = $1',
      [leadId, JSON.stringify(route), route.topic, at],
    );
  }

  async listByRouteTopic(topic: string, options: { limit: number; offset: number }): Promise<LeadSummary[]> {
    const { rows } = await this.store.query<LeadRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM leads WHERE route_topic = $1 ORDER BY received_at DESC, lead_id LIMIT $2 OFFSET $3`,
      [topic, options.limit, options.offset],
    );
    return rows.map(toSummary);
  }

  async findCluster(clusterId: string): Promise<ClusterView | undefined> {
    const cluster = await this.store.query<{ canonical_lead_id: string }>('SELECT canonical_lead_id FROM clusters WHERE cluster_id = $1', [
      clusterId,
    ]);
    const head = cluster.rows[0];
    if (!head) return undefined;
    const { rows } = await this.store.query<LeadRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM leads WHERE cluster_id = $1 ORDER BY received_at, lead_id`,
      [clusterId],
    );
    const members = rows.map(toSummary);
    const provinces = [...new Set(members.map((m) => m.provinceCode).filter((p): p is string => p !== null))].sort();
    return {
      clusterId,
      canonicalLeadId: head.canonical_lead_id,
      memberCount: members.length,
      firstSeen: members[0]?.receivedAt ?? '',
      lastSeen: members[members.length - 1]?.receivedAt ?? '',
      provinces,
      members,
    };
  }
}
