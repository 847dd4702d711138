/**
 * What routing knows of a lead, computed once per lead: the incident's place, the subject's
 * province, categories, scope, credibility, the named officials (level, system, province), the
 * reporter's profile, the duplicate cluster. Rules are evaluated on these facts only, so the
 * routing stage and a dry run over stored leads decide alike. Small and JSON-safe: the routing
 * stage stores them with the route (lead_routing_facts), and dry runs read them back.
 */
import type { CategoryCode } from '../models/categories';
import type { Entity } from '../models/lead';
import type { ReportDeduped } from '../models/messages';
import { OFFICIAL_LEVELS, type Channel, type OfficialSystem } from './rule-set';

export interface OfficialFacts {
  /** Index in OFFICIAL_LEVELS (0 village … 5 national), -1 when the unit does not tell. */
  readonly level: number;
  readonly system: OfficialSystem;
  /** Province of the unit when it names a place; null: a local unit, taken to be the incident's province. */
  readonly provinceCode: string | null;
}

/** The duplicate cluster as it stands. */
export interface ClusterFacts {
  readonly size: number;
  readonly independentReporters: number;
  /** Distinct provinces of its members. */
  readonly provinces: number;
  /** The province with the most members (earliest first on a tie): named as lead province when the cluster spans several. */
  readonly leadProvinceCode: string | null;
}

export interface LeadFacts {
  readonly leadId: string;
  readonly provinceCode: string | null;
  readonly prefectureCode: string | null;
  readonly countyCode: string | null;
  readonly subjectProvinces: readonly string[];
  /** Ranked, the primary first. */
  readonly categories: ReadonlyArray<{ readonly code: CategoryCode; readonly probability: number }>;
  readonly inScope: boolean;
  readonly credibility: number;
  readonly officials: readonly OfficialFacts[];
  readonly realName: boolean;
  readonly channel: Channel;
  /** Values and texts of the people, organisations and officials named. */
  readonly entities: readonly string[];
  readonly cluster: ClusterFacts;
  /** The screened text, for keyword conditions (dry runs load it only when a rule needs it). */
  readonly text?: string;
}

/** Facts of a lead as stored (without the cluster, which changes, and the text, which is large). */
export type StoredLeadFacts = Omit<LeadFacts, 'cluster' | 'text' | 'leadId'>;

const SYSTEM_MARKERS: ReadonlyArray<readonly [OfficialSystem, RegExp]> = [
  ['court', /法院|法庭|庭长|审判|法官/],
  ['procuratorate', /检察/],
  ['police', /公安|派出所|警|刑侦|治安|看守所|禁毒|交巡/],
  ['party', /党委|党支部|党工委|党组|纪委|监委|组织部|宣传部|统战部|政法委|书记|支书/],
];

/** The system of an official's unit from its unit, position and name as written; government when nothing else tells. */
export function officialSystem(official: Pick<Entity, 'text' | 'value' | 'role'>): OfficialSystem {
  const written = `${official.value ?? ''} ${official.text} ${official.role ?? ''}`;
  return SYSTEM_MARKERS.find(([, re]) => re.test(written))?.[0] ?? 'government';
}

const provinceOfCode = (code: string | undefined): string | null => (code && /^\d{2}/.test(code) ? code.slice(0, 2) : null);

/** Place entities inside [start, end) of the text. */
function placesWithin(entities: readonly Entity[], start: number, end: number): string[] {
  const out: string[] = [];
  for (const e of entities) {
    if (e.type !== 'place' || e.start < start || e.end > end) continue;
    const p = provinceOfCode(e.value);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** The span of a labelled section of the screened text ("\n被举报人所在地：…"), or undefined. */
function section(text: string, label: string): { start: number; end: number } | undefined {
  const at = text.indexOf(`\n${label}`);
  if (at < 0) return undefined;
  const start = at + 1 + label.length;
  const next = text.indexOf('\n', start);
  return { start, end: next < 0 ? text.length : next };
}

/** A lone lead's cluster: itself. */
export function singleCluster(provinceCode: string | null): ClusterFacts {
  return { size: 1, independentReporters: 1, provinces: provinceCode ? 1 : 0, leadProvinceCode: provinceCode };
}

/** Facts of a deduplicated report; `cluster` as the store sees it (the lead alone when not given). */
export function factsOf(lead: ReportDeduped, cluster?: ClusterFacts): LeadFacts {
  const s = lead.screening;
  const subject = section(s.text, '被举报人所在地：');
  const officials: OfficialFacts[] = s.entities
    .filter((e) => e.type === 'official')
    .map((e) => ({
      level: e.level ? OFFICIAL_LEVELS.indexOf(e.level) : -1,
      system: officialSystem(e),
      provinceCode: placesWithin(s.entities, e.start, e.end)[0] ?? null,
    }));
  const entities = [
    ...new Set(s.entities.filter((e) => e.type === 'person' || e.type === 'organisation' || e.type === 'official').flatMap((e) => [e.value ?? e.text, e.text])),
  ];
  const provinceCode = s.location.provinceCode ?? null;
  return {
    leadId: lead.reportId,
    provinceCode,
    prefectureCode: s.location.prefectureCode ?? null,
    countyCode: s.location.countyCode ?? null,
    subjectProvinces: subject ? placesWithin(s.entities, subject.start, subject.end) : [],
    categories: s.categories.map((c) => ({ code: c.code, probability: c.probability })),
    inScope: s.scope?.inScope ?? true,
    credibility: s.credibility.score,
    officials,
    realName: lead.reporter.realName,
    channel: 'online',
    entities,
    cluster: cluster ?? singleCluster(provinceCode),
    text: s.text,
  };
}

/** What is stored of the facts. */
export function storedFacts(facts: LeadFacts): StoredLeadFacts {
  const { cluster: _cluster, text: _text, leadId: _leadId, ...stored } = facts;
  return stored;
}
