/** What the review service returns: the stored rows, named and explained for the analyst. */
import type { CategoryCode } from '../models/categories';
import type { AuditEntry, ClusterHead, ClusterMember, ClusterRow, ClusterStatus, StoredLink } from './review.port';

export type { AuditEntry, ClusterStatus };

/** Filters as the API receives them; dates are YYYY-MM-DD (Beijing time, inclusive) or ISO-8601. */
export interface ClusterFilters {
  readonly status?: ClusterStatus;
  readonly minSize?: number;
  readonly crossProvince?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly category?: string;
  /** A name, words of the text, a place, a citizen's query code, or the start of a lead's or cluster's id. */
  readonly q?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface ClusterListItem extends ClusterRow {
  readonly provinceNames: readonly string[];
  readonly crossProvince: boolean;
  readonly categoryNames: readonly string[];
}

export interface ClusterList {
  readonly total: number;
  readonly clusters: readonly ClusterListItem[];
}

export interface MemberView extends ClusterMember {
  readonly provinceName: string | null;
  readonly countyName: string | null;
  readonly isCanonical: boolean;
  /** A duplicate nearly identical to its match: a re-submission, not an independent reporter. */
  readonly isCopy: boolean;
  /** The dedup decision in Chinese, its measure written as every link writes it ("重复（同一事件概率 0.99）"). */
  readonly dedupText: string;
}

/** A link between two members: found by dedup (lead_links) or, lacking one, the dedup decision itself. */
export interface LinkView extends StoredLink {
  readonly source: 'lead_links' | 'dedup';
  /** The link's measure in Chinese, written as the members' decisions write it ("同一事件概率 0.99"). */
  readonly measureText: string;
}

export interface SharedEntity {
  readonly type: string;
  readonly value: string;
  readonly texts: readonly string[];
  readonly leadIds: readonly string[];
}

export interface ClusterDetail extends Omit<ClusterHead, 'mergedInto'> {
  /** The id asked for, when it was merged into this cluster. */
  readonly redirectedFrom?: string;
  readonly memberCount: number;
  readonly independentReporters: number;
  readonly provinces: readonly string[];
  readonly provinceNames: readonly string[];
  readonly crossProvince: boolean;
  readonly members: readonly MemberView[];
  readonly links: readonly LinkView[];
  readonly sharedEntities: readonly SharedEntity[];
}

/** What each action did: a value per action, so a caller reads its fields by name. */
export type ActionResult =
  | { readonly action: 'confirm'; readonly clusterId: string; readonly previousStatus: ClusterStatus }
  | { readonly action: 'split'; readonly clusterId: string; readonly leadId: string; readonly newClusterId: string; readonly canonicalLeadId: string }
  | { readonly action: 'merge'; readonly clusterId: string; readonly absorbedId: string; readonly movedLeadIds: readonly string[] }
  | { readonly action: 'classify'; readonly clusterId: string | null; readonly leadId: string; readonly inScope: boolean; readonly categories: readonly CategoryCode[] }
  | {
      readonly action: 'not-duplicate';
      readonly clusterId: string | null;
      readonly leadA: string;
      readonly leadB: string;
      /** When the two shared a cluster: the later lead was split out into a new one. */
      readonly split?: { readonly leadId: string; readonly newClusterId: string };
    };
