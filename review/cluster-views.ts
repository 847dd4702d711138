/** Pure helpers that turn stored rows into what the analyst reads: names, copies, shared entities, links. */
import { categoryName, isCategoryCode } from '../models/categories';
import { COPY_SIMILARITY } from '../models/clusters';
import { EARLIEST_YEAR, LATEST_YEAR, parseClientDate } from '../models/dates';
import { COUNTIES, PREFECTURES, PROVINCES, prefectureName, provinceName } from '../models/divisions';
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
      dedupText: dedupText(m),
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
  const links: LinkView[] = stored.map((l) => {
    // A link the cosine rule made (no calibrated scorer for its embedder) carries the cosine as its probability.
    const calibrated = typeof l.evidence?.cosine !== 'number';
    return { ...l, evidence: withLabels(l.evidence), source: 'lead_links', measureText: measureText(l.probability, calibrated) };
  });
  const inCluster = new Set(members.map((m) => m.leadId));
  const has = (x: string, y: string): boolean => links.some((l) => (l.leadId === x && l.otherLeadId === y) || (l.leadId === y && l.otherLeadId === x));
  for (const m of members) {
    const match = m.dedup?.matchedLeadId;
    if (m.dedup?.decision !== 'duplicate' || !match || !inCluster.has(match) || has(m.leadId, match)) continue;
    const calibrated = m.dedup.probability !== undefined;
    const measure = calibrated ? m.dedup.probability! : (m.dedup.score ?? 0);
    links.push({
      leadId: m.leadId,
      otherLeadId: match,
      kind: 'duplicate',
      probability: measure,
      evidence: { text: `去重阶段判定为重复：${measureText(measure, calibrated)}`, contributions: [] },
      createdAt: m.receivedAt,
      source: 'dedup',
      measureText: measureText(measure, calibrated),
    });
  }
  return links;
}

/** A division's name as analysts type it: in full ("甘肃省", "兰州市") or without its level ("甘肃", "兰州"). */
const DIVISION_SUFFIX = /(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|特别行政区|省|市|地区|盟|州|县|区|旗)$/;
const DIVISIONS_BY_NAME = new Map<string, string[]>();
for (const d of [...PROVINCES, ...PREFECTURES, ...COUNTIES]) {
  const short = d.name.replace(DIVISION_SUFFIX, '');
  for (const name of new Set([d.name, ...(short.length >= 2 ? [short] : [])])) DIVISIONS_BY_NAME.set(name, [...(DIVISIONS_BY_NAME.get(name) ?? []), d.code]);
}

/** The codes of the divisions named exactly `text` (every one, when a name is shared). */
export function divisionCodesNamed(text: string): string[] {
  return DIVISIONS_BY_NAME.get(text.trim()) ?? [];
}

/**
 * The one way a link's strength is written: the calibrated scorer's P(same incident); only where
 * no scorer was calibrated for the embedder, the cosine, said to be uncalibrated.
 */
export function measureText(value: number, calibrated: boolean): string {
  return calibrated ? `同一事件概率 ${value.toFixed(2)}` : `语义相似度 ${value.toFixed(2)}（未校准）`;
}

export function dedupText(m: ClusterMember): string {
  if (!m.dedup) return '—';
  if (m.dedup.decision === 'new') return '新线索（开启本簇）';
  const calibrated = m.dedup.probability !== undefined;
  const value = calibrated ? m.dedup.probability! : m.dedup.score;
  return value === undefined ? '重复' : `重复（${measureText(value, calibrated)}）`;
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  person: '被举报人', official: '公职人员', organisation: '单位', phone: '电话', id_number: '身份证号', place: '案发地',
  date: '时间', amount: '金额', category: '主要类别', cosine: '语义相似度', shingle: '文字重合度',
};
const STATE_NAMES: Readonly<Record<string, string>> = {
  agree: '一致', disagree: '不一致', missing: '未提及', county: '同一区县', prefecture: '同一地市', province: '同一省份',
};

/** A category code as the analyst reads it: its name. */
function categoryText(code: string): string {
  return isCategoryCode(code) ? categoryName(code) : code;
}

/** A division code as the analyst reads it: its name. */
export function divisionText(code: string): string {
  if (/^\d{2}$/.test(code)) return provinceName(code);
  if (/^\d{4}$/.test(code)) return prefectureName(code) ?? '未知地市';
  if (/^\d{6}$/.test(code)) return COUNTY_NAME.get(code) ?? '未知区县';
  return code === 'null' || code === 'undefined' ? '不详' : code;
}

interface EvidenceContribution {
  readonly field: string;
  readonly state: string;
  readonly weight: number;
  readonly value?: number;
  readonly detail?: string;
}

/** One contribution of a link's evidence in Chinese, with every code named ("主要类别：一致 保护伞"). */
export function contributionLabel(c: EvidenceContribution): string {
  const field = FIELD_NAMES[c.field] ?? '其他';
  if (typeof c.value === 'number') return `${field}：${c.value.toFixed(2)}`;
  const name = c.field === 'category' ? categoryText : c.field === 'place' ? divisionText : (x: string) => x;
  const detail = (c.detail ?? '').split(' / ').filter(Boolean).map(name).join(' / ');
  return `${field}：${[STATE_NAMES[c.state] ?? '', detail].filter(Boolean).join(' ')}`;
}

/** The evidence with a Chinese label on each contribution, so that the page never shows a code. */
function withLabels(evidence: StoredLink['evidence']): StoredLink['evidence'] {
  if (!evidence || !Array.isArray(evidence.contributions)) return evidence;
  return { ...evidence, contributions: evidence.contributions.map((c) => ({ ...c, label: contributionLabel(c) })) };
}
