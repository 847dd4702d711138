/**
 * SQL of what the routing stages need (routing/routing.port.ts, routing/reroute.stage.ts): the
 * published versions, the cluster a lead belongs to, the facts a lead was routed on, and the
 * ledger of manual re-routings. One named statement per method.
 */
import { COPY_SIMILARITY } from '../models/clusters';
import type { Route } from '../models/lead';
import { jsonColumn, type Store } from '../models/ports/store.port';
import type { ClusterFacts, StoredLeadFacts } from '../routing/lead-facts';
import type { AppliedReroute, RerouteLedger, RoutedLeadBody, RoutingFacts, RuleSetVersions } from '../routing/routing.port';
import type { RuleSet } from '../routing/rule-set';

const LATEST_VERSION = 'SELECT max(version) AS version FROM routing_rules';
const RULES_OF = 'SELECT rules FROM routing_rules WHERE version = $1';
const CLUSTER_FACTS = `SELECT count(*) AS size,
  count(*) FILTER (WHERE dedup->>'decision' = 'new' OR COALESCE((dedup->>'score')::float8, 0) < $2) AS independent,
  count(DISTINCT province_code) AS provinces,
  (SELECT province_code FROM leads WHERE cluster_id = $1 AND province_code IS NOT NULL
    GROUP BY province_code ORDER BY count(*) DESC, min(received_at) LIMIT 1) AS lead_province
FROM leads WHERE cluster_id = $1`;
const SAVE_FACTS = 'UPDATE leads SET routing_facts = $2, updated_at = $3 WHERE lead_id = $1';
const LOCK_REROUTE = `SELECT r.reroute_id, r.lead_id, r.to_queue, r.reason, r.applied_at, r.from_route, r.to_route, l.route,
  l.received_at, l.dedup, l.screening->'categories' AS categories, l.screening->'credibility' AS credibility, l.screening->'location' AS location
FROM reroutes r JOIN leads l ON l.lead_id = r.lead_id WHERE r.reroute_id = $1 FOR UPDATE OF r`;
const MARK_APPLIED = 'UPDATE reroutes SET applied_at = $2, from_route = $3::jsonb, to_route = $4::jsonb WHERE reroute_id = $1';
const MOVE_LEAD = 'UPDATE leads SET route = $2::jsonb, route_topic = $3, updated_at = $4 WHERE lead_id = $1';

type RerouteRow = {
  reroute_id: string;
  lead_id: string;
  to_queue: string;
  reason: string;
  applied_at: Date | string | null;
  from_route: unknown;
  to_route: unknown;
  route: unknown;
  received_at: Date | string;
  dedup: unknown;
  categories: unknown;
  credibility: unknown;
  location: unknown;
};

export class SqlRoutingPorts implements RuleSetVersions, RoutingFacts, RerouteLedger {
  constructor(private readonly store: Store) {}

  async latestVersion(): Promise<number | undefined> {
    const { rows } = await this.store.query<{ version: number | null }>(LATEST_VERSION);
    return rows[0]?.version == null ? undefined : Number(rows[0].version);
  }

  async rulesOf(version: number): Promise<RuleSet | undefined> {
    const { rows } = await this.store.query<{ rules: unknown }>(RULES_OF, [version]);
    return rows[0] ? (jsonColumn(rows[0].rules) as RuleSet) : undefined;
  }

  async clusterFacts(clusterId: string): Promise<ClusterFacts | undefined> {
    const { rows } = await this.store.query<{ size: string | number; independent: string | number; provinces: string | number; lead_province: string | null }>(CLUSTER_FACTS, [
      clusterId,
      COPY_SIMILARITY,
    ]);
    const r = rows[0];
    if (!r || Number(r.size) === 0) return undefined;
    return { size: Number(r.size), independentReporters: Math.max(1, Number(r.independent)), provinces: Number(r.provinces), leadProvinceCode: r.lead_province };
  }

  async saveFacts(leadId: string, facts: StoredLeadFacts, at: Date): Promise<void> {
    await this.store.query(SAVE_FACTS, [leadId, JSON.stringify(facts), at]);
  }

  async apply(rerouteId: string, decide: (request: { toQueue: string; reason: string; from: Route | null }) => Route, at: Date): Promise<AppliedReroute | undefined> {
    return this.store.transaction(async (tx) => {
      const { rows } = await tx.query<RerouteRow>(LOCK_REROUTE, [rerouteId]);
      const r = rows[0];
      if (!r) return undefined;
      const lead: RoutedLeadBody = {
        leadId: r.lead_id,
        receivedAt: new Date(r.received_at).toISOString(),
        dedup: jsonColumn(r.dedup) as RoutedLeadBody['dedup'],
        categories: (jsonColumn(r.categories) as RoutedLeadBody['categories']) ?? [],
        credibility: jsonColumn(r.credibility) as RoutedLeadBody['credibility'],
        location: (jsonColumn(r.location) as RoutedLeadBody['location']) ?? {},
      };
      const base = { rerouteId: r.reroute_id, leadId: r.lead_id, reason: r.reason, lead };
      // Applied before (a replay): the stored outcome, never a second move.
      if (r.applied_at !== null) return { ...base, from: (jsonColumn(r.from_route) as Route | null) ?? null, to: jsonColumn(r.to_route) as Route };
      const from = (jsonColumn(r.route) as Route | null) ?? null;
      const to = decide({ toQueue: r.to_queue, reason: r.reason, from });
      await tx.query(MARK_APPLIED, [rerouteId, at, JSON.stringify(from), JSON.stringify(to)]);
      await tx.query(MOVE_LEAD, [r.lead_id, JSON.stringify(to), to.topic, at]);
      return { ...base, from, to };
    });
  }
}
