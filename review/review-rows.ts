/** Row shapes of the review tables and their mapping to the port's types (shared by reads and writes). */
import type { CategoryCode } from '../models/categories';
import type { CategoryScore, Credibility, Dedup, Entity, LeadLink } from '../models/lead';
import { isoColumn, jsonColumn } from '../models/ports/store.port';
import type { AuditEntry, ClusterHead, ClusterMember, ClusterRow, ClusterStatus, LeadLabel, LeadRef, PairLabel, ReviewAction, StoredLink } from './review.port';

type Timestamp = Date | string;
const isoOrNull = (v: Timestamp | null | undefined): string | null => (v === null || v === undefined ? null : isoColumn(v));

export const HEAD_COLUMNS = 'cluster_id, canonical_lead_id, created_at, status, merged_into, deadline_at, updated_at';
export const REF_COLUMNS = 'lead_id, cluster_id, received_at, province_code, deadline_at';
export const MEMBER_COLUMNS = 'l.lead_id, l.received_at, l.screening, l.primary_category, l.province_code, l.dedup, l.deadline_at, ll.in_scope, ll.categories AS label_categories, ll.labelled_by, ll.reason AS label_reason, ll.labelled_at';

export interface HeadRow extends Record<string, unknown> {
  cluster_id: string;
  canonical_lead_id: string;
  created_at: Timestamp;
  status: string;
  merged_into: string | null;
  deadline_at: Timestamp | null;
  updated_at: Timestamp | null;
}

export const toHead = (r: HeadRow): ClusterHead => ({
  clusterId: r.cluster_id,
  canonicalLeadId: r.canonical_lead_id,
  createdAt: isoColumn(r.created_at),
  status: r.status as ClusterStatus,
  mergedInto: r.merged_into,
  deadlineAt: isoOrNull(r.deadline_at),
  updatedAt: isoOrNull(r.updated_at),
});

export interface RefRow extends Record<string, unknown> {
  lead_id: string;
  cluster_id: string | null;
  received_at: Timestamp;
  province_code: string | null;
  deadline_at: Timestamp | null;
}

export const toRef = (r: RefRow): LeadRef => ({
  leadId: r.lead_id,
  clusterId: r.cluster_id,
  receivedAt: isoColumn(r.received_at),
  provinceCode: r.province_code,
  deadlineAt: isoOrNull(r.deadline_at),
});

export interface ListRow extends Record<string, unknown> {
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

export const toListRow = (r: ListRow): ClusterRow => ({
  clusterId: r.cluster_id,
  canonicalLeadId: r.canonical_lead_id,
  excerpt: r.excerpt,
  memberCount: Number(r.member_count),
  independentReporters: Number(r.independent),
  firstSeen: isoColumn(r.first_seen),
  lastSeen: isoColumn(r.last_seen),
  provinces: [...r.provinces].sort(),
  status: r.status as ClusterStatus,
  deadlineAt: isoOrNull(r.deadline),
  primaryCategories: mainCategories(r.categories),
  createdAt: isoColumn(r.created_at),
  updatedAt: isoOrNull(r.updated_at),
});

export interface MemberRow extends Record<string, unknown> {
  lead_id: string;
  received_at: Timestamp;
  screening: unknown;
  primary_category: string;
  province_code: string | null;
  dedup: unknown;
  deadline_at: Timestamp | null;
  in_scope: boolean | null;
  label_categories: string[] | null;
  labelled_by: string | null;
  label_reason: string | null;
  labelled_at: Timestamp | null;
}

export function toMember(r: MemberRow): ClusterMember {
  const s = jsonColumn(r.screening) as {
    text: string;
    entities?: Entity[];
    categories?: CategoryScore[];
    credibility?: Credibility;
    location?: { countyCode?: string };
  };
  return {
    leadId: r.lead_id,
    receivedAt: isoColumn(r.received_at),
    text: s.text,
    entities: s.entities ?? [],
    categories: s.categories ?? [],
    primaryCategory: r.primary_category,
    credibility: s.credibility ?? { score: 0, reasons: [] },
    provinceCode: r.province_code,
    countyCode: s.location?.countyCode ?? null,
    dedup: (jsonColumn(r.dedup) as Dedup | null) ?? null,
    deadlineAt: isoOrNull(r.deadline_at),
    analystLabel:
      r.in_scope === null || r.in_scope === undefined
        ? null
        : { leadId: r.lead_id, inScope: r.in_scope, categories: (r.label_categories ?? []) as CategoryCode[], labelledBy: r.labelled_by ?? '', reason: r.label_reason, labelledAt: isoColumn(r.labelled_at!) },
  };
}

export interface LeadLabelRow extends Record<string, unknown> {
  lead_id: string;
  in_scope: boolean;
  categories: string[];
  labelled_by: string;
  reason: string | null;
  labelled_at: Timestamp;
  text: string;
}

export const toLeadLabel = (r: LeadLabelRow): LeadLabel & { text: string } => ({
  leadId: r.lead_id,
  inScope: r.in_scope,
  categories: r.categories as CategoryCode[],
  labelledBy: r.labelled_by,
  reason: r.reason,
  labelledAt: isoColumn(r.labelled_at),
  text: r.text,
});

export interface LinkRow extends Record<string, unknown> {
  lead_id: string;
  other_lead_id: string;
  kind: string;
  probability: number;
  evidence: unknown;
  created_at: Timestamp;
}

export const toLink = (r: LinkRow): StoredLink => ({
  leadId: r.lead_id,
  otherLeadId: r.other_lead_id,
  kind: r.kind === 'related' ? 'related' : 'duplicate',
  probability: Number(r.probability),
  evidence: jsonColumn(r.evidence) as LeadLink['evidence'],
  createdAt: isoColumn(r.created_at),
});

export interface LabelRow extends Record<string, unknown> {
  lead_a: string;
  lead_b: string;
  label: string;
  labelled_by: string;
  reason: string | null;
  labelled_at: Timestamp;
}

export const toLabel = (r: LabelRow): PairLabel => ({
  leadA: r.lead_a,
  leadB: r.lead_b,
  label: r.label === 'duplicate' ? 'duplicate' : 'not-duplicate',
  labelledBy: r.labelled_by,
  reason: r.reason,
  labelledAt: isoColumn(r.labelled_at),
});

export interface AuditRow extends Record<string, unknown> {
  actor: string;
  action: string;
  cluster_id: string | null;
  lead_id: string | null;
  details: unknown;
  reason: string | null;
  at: Timestamp;
}

export const toAudit = (r: AuditRow): AuditEntry => ({
  actor: r.actor,
  action: r.action as ReviewAction,
  clusterId: r.cluster_id,
  leadId: r.lead_id,
  details: (jsonColumn(r.details) as Record<string, unknown> | null) ?? {},
  reason: r.reason,
  at: isoColumn(r.at),
});

/**
 * A cluster's primary categories, the main one first: the most frequent among its members, a
 * crime before the protective umbrella (the umbrella leads only when it is every member's reading).
 */
export function mainCategories(members: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const c of members) counts.set(c, (counts.get(c) ?? 0) + 1);
  const umbrellaLast = (c: string) => (c === 'PROTECTIVE_UMBRELLA' ? 1 : 0);
  return [...counts.keys()].sort((a, b) => umbrellaLast(a) - umbrellaLast(b) || counts.get(b)! - counts.get(a)! || a.localeCompare(b));
}
