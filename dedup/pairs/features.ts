/**
 * Pair features for dedup: how two screened leads compare, field by field. Pure.
 *
 * Every field has a state; `missing` (one side, or both, says nothing about the field) always
 * weighs 0 in the scorer, so a lead that leaves a field blank is neither helped nor hurt by it.
 * Names are compared by containment in the other lead's text, not only entity to entity: one
 * reporter may put the real name on the form and the other only a nickname, and a name found
 * anywhere in the other text is evidence all the same.
 */
import type { Entity, Screening } from '../../models/lead';
import { cosine } from '../../models/math';

export const PAIR_FIELDS = ['person', 'organisation', 'place', 'official', 'phone', 'id_number', 'amount', 'date', 'category'] as const;
export type PairField = (typeof PAIR_FIELDS)[number];

/** Place states, finest first: same county; same prefecture only; same province only; different province. */
export const PLACE_STATES = ['county', 'prefecture', 'province', 'disagree', 'missing'] as const;
export const BINARY_STATES = ['agree', 'disagree', 'missing'] as const;
export type FieldState = (typeof PLACE_STATES)[number] | (typeof BINARY_STATES)[number];

export function statesOf(field: PairField): readonly FieldState[] {
  return field === 'place' ? PLACE_STATES : BINARY_STATES;
}

export interface FieldComparison {
  readonly state: FieldState;
  /** What agreed (a name, a phone, a place code) or, on disagreement, the two sides: for the explanation. */
  readonly detail?: string;
}

export interface PairFeatures {
  /** Embedding cosine; undefined when the two leads were embedded by different embedders. */
  readonly cosine?: number;
  /** Jaccard similarity of the character 3-gram sets of the two normalised texts. */
  readonly shingle: number;
  /** Characters of the shorter text (words only, shingleText): short questions and long reports differ. */
  readonly length?: number;
  readonly fields: Readonly<Record<PairField, FieldComparison>>;
}

/** The labels screening adds before form sections (screening/screen.ts): not the reporter's words. */
const SECTION_LABELS = /案发地点：|案发时间：|被举报人所在地：|被举报人：|被举报单位：|保护伞：/g;
const NOT_WORDS = /[\s\p{P}\p{S}]+/gu;

export function shingleText(text: string): string {
  return text.replace(SECTION_LABELS, '').replace(NOT_WORDS, '');
}

export function wordLength(text: string): number {
  return [...shingleText(text)].length;
}

export function charShingles(text: string, n = 3): Set<string> {
  const chars = [...shingleText(text)];
  const out = new Set<string>();
  if (chars.length > 0 && chars.length < n) out.add(chars.join(''));
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

const valuesOf = (s: Screening, type: Entity['type']): string[] => [...new Set(s.entities.filter((e) => e.type === type).map((e) => e.value ?? e.text))];
const textsOf = (s: Screening, type: Entity['type']): string[] =>
  [...new Set(s.entities.filter((e) => e.type === type).flatMap((e) => [e.text, e.value ?? '']))].filter((t) => t.length >= 2 && !/某/.test(t));

/** Agree when a name of one lead occurs in the other's text; disagree when both name someone and none recurs. */
export function compareNames(a: Screening, b: Screening, type: 'person' | 'official' | 'organisation', minLength = 2): FieldComparison {
  const na = textsOf(a, type).filter((t) => t.length >= minLength);
  const nb = textsOf(b, type).filter((t) => t.length >= minLength);
  const hit = na.find((n) => b.text.includes(n)) ?? nb.find((n) => a.text.includes(n));
  if (hit) return { state: 'agree', detail: hit };
  if (na.length && nb.length) return { state: 'disagree', detail: `${na[0]} / ${nb[0]}` };
  return { state: 'missing' };
}

/** Set agreement on normalised values: any shared value agrees; both non-empty and disjoint disagree. */
export function compareSets(va: readonly string[], vb: readonly string[], same: (x: string, y: string) => boolean = (x, y) => x === y): FieldComparison {
  if (!va.length || !vb.length) return { state: 'missing' };
  for (const x of va) for (const y of vb) if (same(x, y)) return { state: 'agree', detail: x.length >= y.length ? x : y };
  return { state: 'disagree', detail: `${va[0]} / ${vb[0]}` };
}

/** Relative time expressions the date pattern does not catch ("去年冬天", "近5年来", "这几年"). */
const RELATIVE_TIME = /(?:去年|前年|今年)(?:\d{1,2}月份?|春天|夏天|秋天|冬天|春节前后|年底|年初|中秋节前)?|近\d{1,2}年来|这几年/g;

/**
 * Date entity values as screening writes them: "2021-03", a period "2021-03/now" (compared by its
 * start), "relative:去年冬天" (compared as written), "duration:3y".
 */
export function normaliseTime(value: string): string {
  if (value.startsWith('relative:')) return value.slice('relative:'.length);
  return /^\d{4}/.test(value) ? value.split('/')[0]! : value;
}

export function timeValues(s: Screening): string[] {
  const rel = s.text.match(RELATIVE_TIME) ?? [];
  return [...new Set([...valuesOf(s, 'date').map(normaliseTime), ...rel])];
}

/** "2019" agrees with "2019-07"; two full dates must be equal. */
const sameTime = (x: string, y: string) => x === y || (/^\d{4}/.test(x) && /^\d{4}/.test(y) && (x.startsWith(`${y}-`) || y.startsWith(`${x}-`)));

/**
 * Places written as codes, as de-identified exports write them (the shared board: "A市", "A3区",
 * "K11县", "西地省"): a letter names a prefecture-level unit, letter and number a county-level unit
 * inside it. The gazetteer cannot resolve them, yet two texts naming K11县 and M市 are about
 * different places as surely as 兰州 and 成都.
 */
const CODED_PLACE = /(?<![A-Za-z0-9])([A-Z])(\d{0,2})([市区县])/g;

export function codedPlaces(text: string): { prefectures: Set<string>; counties: Set<string> } {
  const prefectures = new Set<string>();
  const counties = new Set<string>();
  for (const m of text.matchAll(CODED_PLACE)) {
    prefectures.add(m[1]!);
    if (m[2]) counties.add(`${m[1]}${m[2]}${m[3]}`);
  }
  return { prefectures, counties };
}

/** The coded places' comparison, with the gazetteer's states: same county, same prefecture only, or none shared. */
export function compareCodedPlaces(a: string, b: string): FieldComparison {
  const pa = codedPlaces(a);
  const pb = codedPlaces(b);
  if (!pa.prefectures.size || !pb.prefectures.size) return { state: 'missing' };
  const county = [...pa.counties].find((c) => pb.counties.has(c));
  if (county) return { state: 'county', detail: `${county}` };
  const prefecture = [...pa.prefectures].find((p) => pb.prefectures.has(p));
  if (prefecture) return { state: 'prefecture', detail: `${prefecture}市` };
  return { state: 'disagree', detail: `${[...pa.counties, ...pa.prefectures][0]} / ${[...pb.counties, ...pb.prefectures][0]}` };
}

/** By the gazetteer's codes; when either side has none, by the coded places of the texts. */
export function comparePlace(a: Screening, b: Screening): FieldComparison {
  const la = a.location;
  const lb = b.location;
  if (!la.provinceCode || !lb.provinceCode) return compareCodedPlaces(a.text, b.text);
  if (la.provinceCode !== lb.provinceCode) return { state: 'disagree', detail: `${la.provinceCode} / ${lb.provinceCode}` };
  if (la.countyCode && la.countyCode === lb.countyCode) return { state: 'county', detail: la.countyCode };
  if (la.prefectureCode && la.prefectureCode === lb.prefectureCode) return { state: 'prefecture', detail: la.prefectureCode };
  return { state: 'province', detail: la.provinceCode };
}

export function compareCategory(a: Screening, b: Screening): FieldComparison {
  const ca = a.categories[0]?.code;
  const cb = b.categories[0]?.code;
  if (!ca || !cb) return { state: 'missing' };
  return ca === cb ? { state: 'agree', detail: ca } : { state: 'disagree', detail: `${ca} / ${cb}` };
}

/** Shingle sets are the costly part of a pair: callers comparing one lead many times pass them in. */
export interface PairInputs {
  readonly shinglesA?: ReadonlySet<string>;
  readonly shinglesB?: ReadonlySet<string>;
}

export function pairFeatures(a: Screening, b: Screening, inputs: PairInputs = {}): PairFeatures {
  const sameEmbedder = a.embedderId === b.embedderId && a.embedding.length > 0 && a.embedding.length === b.embedding.length;
  const shingle = jaccard(inputs.shinglesA ?? charShingles(a.text), inputs.shinglesB ?? charShingles(b.text));
  return {
    ...(sameEmbedder ? { cosine: cosine(a.embedding, b.embedding) } : {}),
    shingle,
    length: Math.min(wordLength(a.text), wordLength(b.text)),
    fields: {
      person: compareNames(a, b, 'person'),
      organisation: compareNames(a, b, 'organisation', 4),
      place: comparePlace(a, b),
      official: compareNames(a, b, 'official'),
      phone: compareSets(valuesOf(a, 'phone'), valuesOf(b, 'phone')),
      id_number: compareSets(valuesOf(a, 'id_number'), valuesOf(b, 'id_number')),
      amount: compareSets(valuesOf(a, 'amount'), valuesOf(b, 'amount')),
      date: compareSets(timeValues(a), timeValues(b), sameTime),
      category: compareCategory(a, b),
    },
  };
}
