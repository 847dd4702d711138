/** Leads and duplicate clusters in SQL: keyed upserts, so a replayed stage changes nothing. */
import { followMerges } from '../../models/clusters';
import type { Credibility, Dedup, LeadLink, Route, Screening } from '../../models/lead';
import type { ReportScreened } from '../../models/messages';
import type { ClusterView, Corroborator, EarlierLeadRow, LeadRepository, LeadSummary } from '../../models/ports/repositories.port';
import { isoColumn as toIso, jsonColumn as parseJson, type Queryable, type Store } from '../../models/ports/store.port';

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

/** Follows merged_into to the cluster that absorbed `clusterId`. */
async function liveCluster(tx: Queryable, clusterId: string): Promise<string> {
  const live = await followMerges(clusterId, async (id) => {
    const { rows } = await tx.query<{ merged_into: string | null }>('SELECT merged_into FROM clusters WHERE cluster_id = $1', [id]);
    return rows[0] ? rows[0].merged_into : undefined;
  });
  return live ?? clusterId;
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

  async saveDedup(leadId: string, dedup: Dedup, at: Date, extras: { links?: readonly LeadLink[]; deadlineAt?: string } = {}): Promise<string> {
    return this.store.transaction(async (tx) => {
      const clusterId = dedup.decision === 'new' ? dedup.clusterId : await liveCluster(tx, dedup.clusterId);
      const stored: Dedup = { ...dedup, clusterId };
      await tx.query('UPDATE leads SET dedup = $2::jsonb, cluster_id = $3, deadline_at = COALESCE(deadline_at, $5), updated_at = $4 WHERE lead_id = $1', [
        leadId,
        JSON.stringify(stored),
        clusterId,
        at,
        extras.deadlineAt ?? null,
      ]);
      if (dedup.decision === 'new') {
        await tx.query(
          `INSERT INTO clusters (cluster_id, canonical_lead_id, created_at, updated_at, deadline_at) VALUES ($1, $2, $3, $3, $4)
           ON CONFLICT (cluster_id) DO NOTHING`,
          [clusterId, leadId, at, extras.deadlineAt ?? null],
        );
      } else {
        // Joining never resets a clock: the cluster keeps the earliest deadline of its members.
        await tx.query(
          `UPDATE clusters SET updated_at = $2,
             deadline_at = CASE WHEN deadline_at IS NULL THEN $3::timestamptz WHEN $3::timestamptz IS NULL THEN deadline_at ELSE LEAST(deadline_at, $3::timestamptz) END
           WHERE cluster_id = $1`,
          [clusterId, at, extras.deadlineAt ?? null],
        );
      }
      for (const link of extras.links ?? []) {
        await tx.query(
          `INSERT INTO lead_links (lead_id, other_lead_id, kind, probability, evidence, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
           ON CONFLICT (lead_id, other_lead_id) DO NOTHING`,
          [link.leadId, link.otherLeadId, link.kind, link.probability, JSON.stringify(link.evidence), at],
        );
      }
      return clusterId;
    });
  }

  async findEarlier(leadIds: readonly string[]): Promise<EarlierLeadRow[]> {
    if (leadIds.length === 0) return [];
    const { rows } = await this.store.query<{ lead_id: string; cluster_id: string | null; screening: unknown; embedding: number[] }>(
      'SELECT lead_id, cluster_id, screening, embedding FROM leads WHERE lead_id = ANY($1::uuid[]) AND cluster_id IS NOT NULL',
      [leadIds],
    );
    return rows.map((r) => ({
      leadId: r.lead_id,
      clusterId: r.cluster_id!,
      screening: { ...(parseJson(r.screening) as Omit<Screening, 'embedding'>), embedding: r.embedding.map(Number) },
    }));
  }

  async listCorroborators(clusterId: string, excludeLeadId: string, copySimilarity: number): Promise<Corroborator[]> {
    const { rows } = await this.store.query<{ fingerprints: unknown; copy: boolean }>(
      `SELECT COALESCE(r.reporter_profile->'fingerprints', '[]'::jsonb) AS fingerprints,
              (COALESCE(l.dedup->>'decision', 'new') <> 'new' AND COALESCE((l.dedup->>'score')::float8, 0) >= $3) AS copy
       FROM leads l LEFT JOIN reports r ON r.report_id = l.lead_id
       WHERE l.cluster_id = $1 AND l.lead_id <> $2`,
      [clusterId, excludeLeadId, copySimilarity],
    );
    return rows.map((r) => ({ fingerprints: (parseJson(r.fingerprints) as string[] | null) ?? [], copy: Boolean(r.copy) }));
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
