/**
 * What the routing workbench reads and writes, as ports: reads (single statements) and writes
 * that happen inside one transaction with their audit row. SQL in sql-workbench.ts.
 */
import type { Route } from '../models/lead';
import type { DryRunResult } from '../routing/dry-run';
import type { LeadFacts, StoredLeadFacts } from '../routing/lead-facts';
import type { RuleSet } from '../routing/rule-set';
import type { RuleIssue } from '../routing/rule-set-validation';

export const DRAFT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** A dry run as recorded on a draft: for which revision, over which period, and its result. */
export interface RecordedDryRun {
  readonly revision: number;
  readonly by: string;
  readonly at: string;
  readonly period: { readonly from: string | null; readonly to: string | null };
  readonly againstVersion: number;
  readonly seconds: number;
  readonly result: DryRunResult;
}

export interface Draft {
  readonly draftId: string;
  readonly basedOnVersion: number | null;
  readonly rules: RuleSet;
  readonly warnings: readonly RuleIssue[];
  readonly revision: number;
  readonly author: string;
  readonly lastEditedBy: string;
  readonly note: string | null;
  readonly status: DraftStatus;
  readonly dryRun: RecordedDryRun | null;
  readonly publishedVersion: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PublishedVersion {
  readonly version: number;
  readonly rules: RuleSet;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly approvedBy: string | null;
  readonly draftId: string | null;
  readonly republishedFrom: number | null;
  readonly reason: string | null;
}

export interface CoverageRow {
  readonly rulesVersion: number;
  readonly ruleId: string;
  readonly leads: number;
}

/** Why a lead went where it went. */
export interface LeadRouting {
  readonly leadId: string;
  readonly route: Route | null;
  readonly facts: StoredLeadFacts | null;
  readonly reroutes: ReadonlyArray<{ readonly rerouteId: string; readonly toQueue: string; readonly reason: string; readonly requestedBy: string; readonly requestedAt: string; readonly appliedAt: string | null }>;
}

export interface WorkbenchReads {
  listVersions(): Promise<PublishedVersion[]>;
  findVersion(version: number): Promise<PublishedVersion | undefined>;
  listDrafts(limit: number): Promise<Draft[]>;
  findDraft(draftId: string): Promise<Draft | undefined>;
  /** Facts of the leads received in [from, to) (either open), with their cluster as it stands; the text only when asked. */
  loadFacts(period: { from?: Date; to?: Date }, withText: boolean): Promise<LeadFacts[]>;
  /** Leads decided per version and rule, routed at or after `since`. */
  coverage(since: Date): Promise<CoverageRow[]>;
  leadRouting(leadId: string): Promise<LeadRouting | undefined>;
  /** Leads that exist among `leadIds`, with their current route. */
  findLeadRoutes(leadIds: readonly string[]): Promise<Array<{ leadId: string; route: Route | null }>>;
}

export interface NewReroute {
  readonly rerouteId: string;
  readonly leadId: string;
  readonly toQueue: string;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: Date;
}

export interface WorkbenchAudit {
  readonly actor: string;
  readonly action: 'rules-draft' | 'rules-draft-edit' | 'rules-dry-run' | 'rules-publish' | 'rules-rollback' | 'lead-reroute';
  readonly leadId?: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly reason: string | null;
  readonly at: Date;
}

export interface WorkbenchWrites {
  /** Locks the draft row until the transaction ends. */
  lockDraft(draftId: string): Promise<Draft | undefined>;
  /** Keyed upsert of the whole draft. */
  saveDraft(draft: Draft): Promise<void>;
  /** The next version number, published now. */
  publishVersion(v: Omit<PublishedVersion, 'version' | 'publishedAt'>, at: Date): Promise<number>;
  insertReroute(r: NewReroute): Promise<void>;
  appendAudit(entry: WorkbenchAudit): Promise<void>;
}

export interface WorkbenchStore {
  inTransaction<T>(fn: (tx: WorkbenchWrites) => Promise<T>): Promise<T>;
  /** Re-routing requests not yet on the bus (the outbox), oldest first. */
  unpublishedReroutes(limit: number): Promise<Array<{ rerouteId: string; leadId: string }>>;
  markReroutesPublished(rerouteIds: readonly string[], at: Date): Promise<void>;
}
