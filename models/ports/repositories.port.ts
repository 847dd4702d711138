/** Persistence of reports, leads and routing rules, implemented in SQL over the Store port. */
import type { ReporterMark } from '../clusters';
import type { Credibility, Dedup, LeadLink, Route, Screening } from '../lead';
import type { ReportReceived, ReportScreened } from '../messages';
import type { CaseState } from '../case-state';
import type { ReportStatus } from '../report';
import type { Queryable } from './store.port';

export interface NewReport {
  readonly message: ReportReceived;
  readonly queryCodeHash: string;
  /** Sealed identity (see infra/crypto), or null for an anonymous reporter. */
  readonly reporterSealed: string | null;
  /** Id of the key that sealed it (also inside the sealed text), or null. */
  readonly reporterKeyId?: string | null;
}

export interface PublicReportStatus {
  readonly status: ReportStatus;
  readonly receivedAt: string;
  readonly updatedAt: string;
  /** The most advanced case state of the report's cluster (its own case first on a tie); null before any case. */
  readonly caseState: CaseState | null;
  /** That case's feedback text, as written for the reporter. */
  readonly caseFeedback: string | null;
}

export interface ReportRepository {
  insert(report: NewReport, tx?: Queryable): Promise<void>;
  /**
   * The outbox relay's one step. Claims up to `limit` reports not yet on the bus (oldest first;
   * only `reportId` when given), locked so that no other relay can claim them meanwhile (`FOR
   * UPDATE SKIP LOCKED`: concurrent relays take disjoint rows, never wait for each other), hands
   * them to `publish`, and marks them published in the same transaction. When `publish` throws,
   * nothing is marked and the claim is released. Returns the reports published.
   */
  relayUnpublished(limit: number, publish: (pending: readonly ReportReceived[]) => Promise<void>, at: Date, reportId?: string): Promise<number>;
  findStatusByQueryCodeHash(hash: string): Promise<PublicReportStatus | undefined>;
  /** For internal tools only (demo, bench): the report id behind a query code's hash. */
  findReportIdByQueryCodeHash(hash: string): Promise<string | undefined>;
  /** Moves the status forward only: a replayed stage never moves a report back. */
  advanceStatus(reportId: string, status: ReportStatus, at: Date): Promise<void>;
}

/** What an analyst's list shows of a lead. */
export interface LeadSummary {
  readonly leadId: string;
  readonly receivedAt: string;
  readonly primaryCategory: string;
  readonly provinceCode: string | null;
  readonly credibility: number;
  readonly clusterId: string | null;
  readonly dedup: Dedup | null;
  readonly route: Route | null;
  readonly excerpt: string;
}

export interface ClusterView {
  readonly clusterId: string;
  readonly canonicalLeadId: string;
  readonly memberCount: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly provinces: readonly string[];
  readonly members: readonly LeadSummary[];
}

export interface EarlierLeadRow {
  readonly leadId: string;
  readonly clusterId: string;
  readonly screening: Screening;
}

/** Another report of a cluster, for counting independent reporters (dedup/corroboration.ts). */
export type Corroborator = ReporterMark;

export interface LeadRepository {
  saveScreening(lead: ReportScreened, at: Date): Promise<void>;
  findDedup(leadId: string): Promise<Dedup | undefined>;
  /**
   * Stores the decision in one transaction: the lead's cluster (a new cluster when the lead is
   * new; a duplicate joins the survivor of its matched cluster), the lead's deadline and the
   * cluster's earliest deadline, and the links with their evidence. Returns the cluster id
   * actually joined (a merge may have moved the matched cluster meanwhile).
   */
  saveDedup(leadId: string, dedup: Dedup, at: Date, extras?: { links?: readonly LeadLink[]; deadlineAt?: string }): Promise<string>;
  /** Earlier leads with their full screening (embedding included) and current cluster. */
  findEarlier(leadIds: readonly string[]): Promise<EarlierLeadRow[]>;
  /**
   * The other members of a cluster as corroboration sees them: their reporters' fingerprints
   * (empty for anonymous reports) and whether each is a copy (a duplicate whose similarity to its
   * match reached `copySimilarity`).
   */
  listCorroborators(clusterId: string, excludeLeadId: string, copySimilarity: number): Promise<Corroborator[]>;
  saveCredibility(leadId: string, credibility: Credibility, at: Date): Promise<void>;
  findRoute(leadId: string): Promise<Route | undefined>;
  saveRoute(leadId: string, route: Route, at: Date): Promise<void>;
  listByRouteTopic(topic: string, options: { limit: number; offset: number }): Promise<LeadSummary[]>;
  findCluster(clusterId: string): Promise<ClusterView | undefined>;
}

export interface RulesVersion<R> {
  readonly version: number;
  readonly rules: R;
  readonly publishedAt: string;
  readonly publishedBy: string;
}

export interface RoutingRulesRepository<R> {
  current(): Promise<RulesVersion<R> | undefined>;
  /** Publishes `rules` as the next version and returns it. */
  publish(rules: R, publishedBy: string, at: Date): Promise<RulesVersion<R>>;
}
