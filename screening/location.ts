/**
 * Where did the facts happen? Every place mention votes for the provinces and prefectures it may
 * belong to, weighted by where it was written (the form's "place of the facts" over the facts'
 * text over the subject's address) and lowered when the reporter is telling where they live.
 * A county name shared by several counties (城关区 is both Lanzhou's and Lhasa's) is settled by
 * the prefecture or province mentioned around it, or left unresolved.
 */
import type { Division } from '../models/divisions';
import type { Location } from '../models/lead';
import type { PlaceMention } from './gazetteer';

export interface WeightedMention {
  readonly mention: PlaceMention;
  readonly weight: number;
}

/** "我现在在广东打工" — the place right after these words is where the reporter lives or works. */
const RESIDENCE_CUE = /(现居|现住|现在在|目前在|现在|我在|住在|定居|打工|工作)[^，。,.；;]{0,2}$/;
export const RESIDENCE_WEIGHT = 0.2;

export function residenceDiscount(text: string, mention: PlaceMention): number {
  return RESIDENCE_CUE.test(text.slice(Math.max(0, mention.start - 8), mention.start)) ? RESIDENCE_WEIGHT : 1;
}

export function resolveLocation(mentions: readonly WeightedMention[]): Location {
  if (mentions.length === 0) return {};
  const provinceVotes = new Map<string, number>();
  const prefectureVotes = new Map<string, number>();
  for (const { mention, weight } of mentions) {
    // An ambiguous name splits its vote among its readings.
    const share = weight / mention.candidates.length;
    for (const code of new Set(mention.candidates.map((c) => c.provinceCode))) add(provinceVotes, code, share);
    for (const code of new Set(mention.candidates.map(prefectureOf).filter(isString))) add(prefectureVotes, code, share);
  }
  const provinceCode = best(provinceVotes);
  if (!provinceCode) return {};
  const prefectureCode = best(new Map([...prefectureVotes].filter(([code]) => code.startsWith(provinceCode))));
  const counties = new Map<string, number>();
  for (const { mention, weight } of mentions) {
    const inScope = mention.candidates.filter(
      (c) => c.level === 'county' && c.provinceCode === provinceCode && (!prefectureCode || c.prefectureCode === prefectureCode),
    );
    if (inScope.length === 1) add(counties, inScope[0]!.code, weight);
  }
  const countyCode = best(counties);
  return {
    provinceCode,
    ...(prefectureCode ? { prefectureCode } : countyCode ? { prefectureCode: countyCode.slice(0, 4) } : {}),
    ...(countyCode ? { countyCode } : {}),
  };
}

function prefectureOf(d: Division): string | undefined {
  return d.level === 'county' ? d.prefectureCode : d.level === 'prefecture' ? d.code : undefined;
}

function add(m: Map<string, number>, k: string, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** The clear winner, or undefined when two readings tie (nothing can be told). */
function best(votes: Map<string, number>): string | undefined {
  const sorted = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [first, second] = sorted;
  if (!first || (second && second[1] >= first[1] - 1e-9)) return undefined;
  return first[0];
}

function isString(x: string | undefined): x is string {
  return x !== undefined;
}
