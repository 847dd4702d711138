/**
 * What review reads and writes, as ports: a read model for lists and details (single statements)
 * and a store whose writes all happen inside one transaction with their audit row. Nothing here
 * carries a reporter's identity.
 */
import type { CategoryCode } from '../models/categories';
import type { CategoryScore, Credibility, Dedup, Entity, LeadLink } from '../models/lead';

export const CLUSTER_STATUSES = ['open', 'confirmed'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

export const REVIEW_ACTIONS = ['confirm', 'split', 'merge', 'not-duplicate', 'classify'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface ClusterQuery {
  /** Clusters with at least one member in this province; undefined: every cluster (national office). */
  readonly provinceCode?: string;
  readonly status?: ClusterStatus;
  readonly minSize: number;
  readonly crossProvinceOnly: boolean;
  /** At least one member received in [receivedFrom, receivedBefore). */
  readonly receivedFrom?: Date;
  readonly receivedBefore?: Date;
  /** At least one member with this primary category. */
  readonly category?: string;
  /** At least one member found by what the analyst typed (ClusterSearch). */
  readonly search?: ClusterSearch;
  /** A duplicate at or above this similarity to its match is a copy, not an independent reporter. */
  readonly copySimilarity: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * What an analyst searches by: a name or any words of the text, the start of a lead's or a
 * cluster's id, a citizen's query code (by its stored hash), or a division (by its codes).
 */
export interface ClusterSearch {
  readonly text: string;
  readonly queryCodeHash?: string;
  /** Province, prefecture or county codes whose name is the text ("兰州", "甘肃省"). */
  readonly divisionCodes: readonly string[];
}

/** One row of the analyst's list. */
export interface ClusterRow {
  readonly clusterId: string;
  readonly canonicalLeadId: string;
  readonly excerpt: string;
  readonly memberCount: number;
  /** Members minus copies. */
  readonly independentReporters: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly provinces: readonly string[];
  readonly status: ClusterStatus;
  readonly deadlineAt: string | null;
  readonly primaryCategories: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface ClusterPage {
  /** Matching clusters over all pages. */
  readonly total: number;
  readonly clusters: readonly ClusterRow[];
}

/** A cluster as stored (not followed through merged_into). */
export interface ClusterHead {
  readonly clusterId: string;
  readonly canonicalLeadId: string;
  readonly createdAt: string;
  readonly status: ClusterStatus;
  readonly mergedInto: string | null;
  readonly deadlineAt: string | null;
  readonly updatedAt: string | null;
}

/** A member as an analyst reads it. */
export interface ClusterMember {
  readonly leadId: string;
  readonly receivedAt: string;
  readonly text: string;
  readonly entities: readonly Entity[];
  readonly categories: readonly CategoryScore[];
  readonly primaryCategory: string;
  readonly credibility: Credibility;
  readonly provinceCode: string | null;
  readonly countyCode: string | null;
  readonly dedup: Dedup | null;
  readonly deadlineAt: string | null;
  /** An analyst's correction of the scope and categories, when one was made. */
  readonly analystLabel: LeadLabel | null;
}

/** An analyst's reading of a lead: in scope or not, and the categories it allows (primary first). */
export interface LeadLabel {
  readonly leadId: string;
  readonly inScope: boolean;
  readonly categories: readonly CategoryCode[];
  readonly labelledBy: string;
  readonly reason: string | null;
  readonly labelledAt: string;
}

/** A link found by dedup, as stored. */
export interface StoredLink extends LeadLink {
  readonly createdAt: string;
}

/** What an action needs to know of a lead. */
export interface LeadRef {
  readonly leadId: string;
  readonly clusterId: string | null;
  readonly receivedAt: string;
  readonly provinceCode: string | null;
  readonly deadlineAt: string | null;
}

export type PairLabelValue = 'duplicate' | 'not-duplicate';

export interface PairLabel {
  /** leadA < leadB. */
  readonly leadA: string;
  readonly leadB: string;
  readonly label: PairLabelValue;
  readonly labelledBy: string;
  readonly reason: string | null;
  readonly labelledAt: string;
}

export interface AuditEntry {
  readonly actor: string;
  readonly action: ReviewAction;
  readonly clusterId: string | null;
  readonly leadId: string | null;
  /** Includes `clusters`: every cluster the action touched, so each one's trail shows it. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly reason: string | null;
  readonly at: string;
}

/** Reads for lists and details: each one statement, outside any transaction. */
export interface ReviewReadModel {
  /** The cluster's merged_into (null when live), undefined when the id is unknown. */
  mergedInto(clusterId: string): Promise<string | null | undefined>;
  listClusters(query: ClusterQuery): Promise<ClusterPage>;
  findHead(clusterId: string): Promise<ClusterHead | undefined>;
  /** Members, earliest received first. */
  listMembers(clusterId: string): Promise<ClusterMember[]>;
  /** Links whose two leads are both members of the cluster. */
  listLinks(clusterId: string): Promise<StoredLink[]>;
  /** Every analyst's label, for the next calibration. */
  listPairLabels(): Promise<PairLabel[]>;
  /** Every analyst's correction of scope and categories, with the lead's screened text, for the next training. */
  listLeadLabels(): Promise<Array<LeadLabel & { readonly text: string }>>;
  /** The trail of a cluster and of every cluster merged into it (all clusters when undefined), newest first. */
  listAudit(clusterId: string | undefined, limit: number): Promise<AuditEntry[]>;
}

/** The writes of one action, all inside the same transaction. */
export interface ReviewWrites {
  /** Locks the cluster row until the transaction ends; undefined when unknown. */
  lockCluster(clusterId: string): Promise<ClusterHead | undefined>;
  /** Members' references, earliest received first. */
  membersOf(clusterId: string): Promise<LeadRef[]>;
  /** The leads among `leadIds` that exist, earliest received first. */
  findLeads(leadIds: readonly string[]): Promise<LeadRef[]>;
  /** Member provinces of the cluster (for scoping), sorted. */
  provincesOf(clusterId: string): Promise<string[]>;
  setStatus(clusterId: string, status: ClusterStatus, at: Date): Promise<void>;
  createCluster(cluster: { clusterId: string; canonicalLeadId: string; deadlineAt: string | null }, at: Date): Promise<void>;
  /** Moves the given leads into `clusterId` (their dedup.clusterId follows). */
  moveLeads(leadIds: readonly string[], clusterId: string, at: Date): Promise<void>;
  /** Moves every member of `fromClusterId` into `toClusterId`. */
  moveAllLeads(fromClusterId: string, toClusterId: string, at: Date): Promise<void>;
  updateHead(clusterId: string, head: { canonicalLeadId: string; deadlineAt: string | null; status: ClusterStatus }, at: Date): Promise<void>;
  markMerged(clusterId: string, survivorId: string, at: Date): Promise<void>;
  /** Keyed upsert on (leadA, leadB): the latest label wins. */
  savePairLabel(label: PairLabel): Promise<void>;
  /** Keyed upsert on the lead, and the lead's primary category follows the correction. */
  saveLeadLabel(label: LeadLabel): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
}

export interface ReviewStore {
  /** One transaction: commits when `fn` resolves, rolls back when it throws. */
  inTransaction<T>(fn: (tx: ReviewWrites) => Promise<T>): Promise<T>;
}
