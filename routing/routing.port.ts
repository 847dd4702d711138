/** What the routing stage reads and writes besides the lead's route, as ports (SQL in routing-workbench/). */
import type { Route } from '../models/lead';
import type { LeadRouted } from '../models/messages';
import type { ClusterFacts, StoredLeadFacts } from './lead-facts';
import type { RuleSet } from './rule-set';

/** Published rule-set versions: the highest one is in force. */
export interface RuleSetVersions {
  /** The version in force, or undefined when none was ever published. */
  latestVersion(): Promise<number | undefined>;
  /** One published version's rules. */
  rulesOf(version: number): Promise<RuleSet | undefined>;
}

export interface RoutingFacts {
  /** The lead's duplicate cluster as the store holds it now (the lead itself included). */
  clusterFacts(clusterId: string): Promise<ClusterFacts | undefined>;
  /** Keyed upsert: the facts the lead was routed on, for dry runs and the console's "why". */
  saveFacts(leadId: string, facts: StoredLeadFacts, at: Date): Promise<void>;
}

/** The lead as a queue consumer reads it, without its route. */
export type RoutedLeadBody = Omit<LeadRouted, 'route'>;

export interface AppliedReroute {
  readonly rerouteId: string;
  readonly leadId: string;
  readonly reason: string;
  readonly from: Route | null;
  readonly to: Route;
  readonly lead: RoutedLeadBody;
}

export interface RerouteLedger {
  /**
   * In one transaction: when the request is not applied yet, `decide(from)` gives the new route,
   * saved on the lead and on the request; when it is, the stored outcome. Undefined: unknown request or lead.
   */
  apply(rerouteId: string, decide: (request: { toQueue: string; reason: string; from: Route | null }) => Route, at: Date): Promise<AppliedReroute | undefined>;
}

