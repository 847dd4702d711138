/** Pure helpers that turn stored rows into what the analyst reads: names, copies, shared entities, links. */
import { categoryName, isCategoryCode } from '../models/categories';
import { COPY_SIMILARITY } from '../models/clusters';
import { EARLIEST_YEAR, LATEST_YEAR, parseClientDate } from '../models/dates';
import { COUNTIES, provinceName } from '../models/divisions';
import { ValidationError } from '../models/errors';
import type { ClusterHead, ClusterMember, ClusterRow, StoredLink } from './review.port';
import type { ClusterDetail, ClusterListItem, LinkView, SharedEntity } from './review.views';

const COUNTY_NAME = new Map(COUNTIES.map((c) => [c.code, c.name]));
const DAY_MS = 86_400_000;

/** A duplicate nearly identical to its match: a re-submission, not an independent reporter. */
export function isCopy(m: ClusterMember, copySimilarity = COPY_SIMILARITY): boolean {
  return m.dedup?.decision === 'duplicate' && (m.dedup.score ?? 0) >= copySimilarity;
}

export function listItem(row: ClusterRow): ClusterListItem {
  return {
    ...row,
    provinceNames: row.provinces.map(provinceName),
    crossProvince: row.provinces.length > 1,
    categoryNames: row.primaryCategories.map((code) => (isCategoryCode(code) ? categoryName(code) : code)),
  };
}

/** Member provinces of a cluster, sorted. */
export function provincesOf(members: readonly ClusterMember[]): string[] {
  return [...new Set(members.map((m) => m.provinceCode).filter((p): p is string => p !== null))].sort();
}

export function clusterDetail(
  head: ClusterHead,
  members: readonly ClusterMember[],
  stored: readonly StoredLink[],
  asked: string,
  copySimilarity = COPY_SIMILARITY,
): ClusterDetail {
  const provinces = provincesOf(members);
  const { mergedInto: _merged, ...rest } = head;
  return {
    ...rest,
    ...(head.clusterId !== asked ? { redirectedFrom: asked } : {}),
    deadlineAt: earliest([head.deadlineAt, ...members.map((m) => m.deadlineAt)]),
    memberCount: members.length,
    independentReporters: members.filter((m) => !isCopy(m, copySimilarity)).length,
    provinces,
    provinceNames: provinces.map(provinceName),
    crossProvince: provinces.length > 1,
    members: members.map((m) => ({
      ...m,
      provinceName: m.provinceCode ? provinceName(m.provinceCode) : null,
      countyName: m.countyCode ? (COUNTY_NAME.get(m.countyCode) ?? null) : null,
      isCanonical: m.leadId === head.canonicalLeadId,
      isCopy: isCopy(m, copySimilarity),
    })),
    links: linksOf(members, stored),
    sharedEntities: sharedEntities(members),
  };
}

export function earliest(dates: ReadonlyArray<string | null>): string | null {
  const present = dates.filter((d): d is string => d !== null).sort((x, y) => Date.parse(x) - Date.parse(y));
  return present[0] ?? null;
}

/** A date alone is a whole day in Beijing time; `to` is inclusive. */
export function dateRange(from?: string, to?: string): { from?: Date; before?: Date } {
  const parse = (s: string, endOfDay: boolean): Date => {
    const parsed = parseClientDate(s);
    if (!parsed) throw new ValidationError(`日期不正确：${s}（应为 ${EARLIEST_YEAR}–${LATEST_YEAR} 年间的真实日期，格式 YYYY-MM-DD）`);
    return new Date(parsed.dateOnly && endOfDay ? parsed.at.getTime() + DAY_MS : parsed.at.getTime());
  };
  const range = { ...(from ? { from: parse(from, false) } : {}), ...(to ? { before: parse(to, true) } : {}) };
  if (range.from && range.before && range.from >= range.before) throw new ValidationError('起始日期不能晚于结束日期');
  return range;
}

/** Entity values found in at least two members, for highlighting; key: type and normalised value. */
export function sharedEntities(members: readonly ClusterMember[]): SharedEntity[] {
  const byKey = new Map<string, { type: string; value: string; texts: Set<string>; leadIds: Set<string> }>();
  for (const m of members) {
    for (const e of m.entities) {
      const value = e.value ?? e.text;
      const key = `${e.type}:${value}`;
      const entry = byKey.get(key) ?? { type: e.type, value, texts: new Set<string>(), leadIds: new Set<string>() };
      entry.texts.add(e.text);
      entry.leadIds.add(m.leadId);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .filter((e) => e.leadIds.size >= 2)
    .map((e) => ({ type: e.type, value: e.value, texts: [...e.texts], leadIds: [...e.leadIds] }));
}

/** Stored links, plus each duplicate's dedup match inside the cluster when no link records it. */
export function linksOf(members: readonly ClusterMember[], stored: readonly StoredLink[]): LinkView[] {
  const links: LinkView[] = stored.map((l) => ({ ...l, source: 'lead_links' }));
  const inCluster = new Set(members.map((m) => m.leadId));
  const has = (x: string, y: string): boolean => links.some((l) => (l.leadId === x && l.otherLeadId === y) || (l.leadId === y && l.otherLeadId === x));
  for (const m of members) {
    const match = m.dedup?.matchedLeadId;
    if (m.dedup?.decision !== 'duplicate' || !match || !inCluster.has(match) || has(m.leadId, match)) continue;
    const score = m.dedup.score ?? 0;
    links.push({
      leadId: m.leadId,
      otherLeadId: match,
      kind: 'duplicate',
      probability: score,
      evidence: { text: `去重阶段判定为重复：文本向量相似度 ${score.toFixed(2)}`, contributions: [] },
      createdAt: m.receivedAt,
      source: 'dedup',
    });
  }
  return links;
}
