/**
 * Why the scorer decided what it did, for the analyst: each piece of evidence with its weight,
 * the pair of sentences that overlap most, and a Chinese rendering such as
 * "判定：同一事件（重复线索），概率 0.97。依据：被举报人姓名一致：谢辉荣（+3.2）；案发地同为浙江省宁波市奉化区（+2.1）；语义相似度 0.93（+4.0）".
 * Pure.
 */
import { categoryName, isCategoryCode } from '../../models/categories';
import { COUNTIES, prefectureName, provinceName } from '../../models/divisions';
import type { Screening } from '../../models/lead';
import { scorePair, type Contribution, type DedupParams, type PairOutcome, type PairScore } from './scorer';

export interface SentenceMatch {
  readonly a: string;
  readonly b: string;
  /** Jaccard similarity of the two sentences' character bigrams. */
  readonly overlap: number;
}

export interface Explanation extends PairScore {
  readonly sentences?: SentenceMatch;
  /** The decision and its reasons in Chinese. */
  readonly text: string;
}

const COUNTY_BY_CODE = new Map(COUNTIES.map((c) => [c.code, c.name]));

export function sentencesOf(text: string): string[] {
  return sentenceSpans(text).map((x) => x.s);
}

interface SentenceSpan {
  readonly s: string;
  readonly start: number;
  readonly end: number;
}

function sentenceSpans(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const re = /[^。！？!?；;\n]+[。！？!?；;]*/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    if ([...s.replace(/[\s\p{P}]/gu, '')].length >= 4) out.push({ s, start: m.index + lead, end: m.index + lead + s.length });
  }
  return out;
}

function bigrams(s: string): Set<string> {
  const chars = [...s.replace(/[\s\p{P}\p{S}]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 2 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** What makes a sentence evidence: it names someone, a body, a place, an amount, a date or a number to call. */
const CONTENT_TYPES = new Set(['person', 'official', 'organisation', 'place', 'amount', 'date', 'phone', 'id_number']);

/** Sentences that name something (an entity of the screening), so that a greeting is never the evidence. */
function contentSentences(text: Pick<Screening, 'text' | 'entities'>): SentenceSpan[] {
  const all = sentenceSpans(text.text);
  const named = all.filter((x) => text.entities.some((e) => CONTENT_TYPES.has(e.type) && e.start < x.end && x.start < e.end));
  return named.length > 0 ? named : all;
}

/**
 * The sentence pair (one from each text) with the highest character-bigram Jaccard, among the
 * sentences that name something: "各位领导:你们好!" overlaps with every greeting and says nothing.
 */
export function bestSentencePair(a: Pick<Screening, 'text' | 'entities'>, b: Pick<Screening, 'text' | 'entities'>): SentenceMatch | undefined {
  const sa = contentSentences(a).map((x) => ({ s: x.s, g: bigrams(x.s) }));
  const sb = contentSentences(b).map((x) => ({ s: x.s, g: bigrams(x.s) }));
  let best: SentenceMatch | undefined;
  for (const x of sa) {
    for (const y of sb) {
      let common = 0;
      for (const g of x.g) if (y.g.has(g)) common++;
      const union = x.g.size + y.g.size - common;
      const overlap = union === 0 ? 0 : common / union;
      if (!best || overlap > best.overlap) best = { a: x.s, b: y.s, overlap };
    }
  }
  return best;
}

/** "620102" → "甘肃省兰州市城关区"; falls back to the code. */
export function placeName(code: string): string {
  if (!/^\d+$/.test(code)) return code; // a coded place (features.ts codedPlaces) is shown as written
  const province = provinceName(code.slice(0, 2));
  if (code.length === 2) return province;
  const pref = prefectureName(code.slice(0, 4)) ?? '';
  if (code.length === 4) return province + pref;
  const county = COUNTY_BY_CODE.get(code);
  return county ? province + pref + county : code;
}

/** "600000" → "60万元". */
export function yuan(value: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return n >= 10_000 && n % 100 === 0 ? `${n / 10_000}万元` : `${n}元`;
}

const maskId = (id: string) => (id.length >= 15 ? `${id.slice(0, 6)}********${id.slice(-4)}` : id);
const catName = (code: string) => (isCategoryCode(code) ? categoryName(code) : code);
const both = (detail: string | undefined, map: (x: string) => string) => (detail ? `（${detail.split(' / ').map(map).join(' / ')}）` : '');
const same = (x: string) => x;

/** One contribution as a Chinese phrase, without its weight. */
export function describe(c: Contribution): string | undefined {
  const d = c.detail;
  const agree = c.state === 'agree';
  switch (c.field) {
    case 'person': return agree ? `被举报人姓名一致：${d}` : `被举报人姓名不同${both(d, same)}`;
    case 'organisation': return agree ? `涉及单位一致：${d}` : `涉及单位不同${both(d, same)}`;
    case 'official': return agree ? `所涉公职人员一致：${d}` : `所涉公职人员不同${both(d, same)}`;
    case 'phone': return agree ? `电话号码一致：${d}` : '电话号码不同';
    case 'id_number': return agree ? `身份证号一致：${maskId(d ?? '')}` : '身份证号不同';
    case 'amount': return agree ? `涉案金额一致：${yuan(d ?? '')}` : `涉案金额不同${both(d, yuan)}`;
    case 'date': return agree ? `案发时间一致：${d}` : `案发时间不同${both(d, same)}`;
    case 'category': return agree ? `主要类别相同：${catName(d ?? '')}` : `主要类别不同${both(d, catName)}`;
    case 'place':
      if (c.state === 'county') return `案发地同为${placeName(d ?? '')}`;
      if (c.state === 'prefecture') return `案发地同在${placeName(d ?? '')}（区县不同或不详）`;
      if (c.state === 'province') return `案发地同在${placeName(d ?? '')}（地市不同或不详）`;
      return /^\d/.test(d ?? '') ? `案发地不在同一省份${both(d, placeName)}` : `案发地不同${both(d, placeName)}`;
    case 'cosine': return `语义相似度 ${c.value?.toFixed(2)}`;
    case 'shingle': return `字面重合度 ${c.value?.toFixed(2)}`;
  }
}

const signed = (w: number) => `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(1)}`;

export const OUTCOME_LABELS: Readonly<Record<PairOutcome, string>> = {
  duplicate: '同一事件（重复线索）',
  related: '同一被举报对象的另一事件（关联线索）',
  new: '不相关（新线索）',
};

/** The Chinese rendering of a score: verdict, reasons by weight, and the closest sentences. */
export function renderExplanation(score: PairScore, sentences?: SentenceMatch): string {
  const reasons = score.contributions
    .filter((c) => c.state !== 'missing')
    .map((c) => {
      const phrase = describe(c);
      return phrase ? `${phrase}（${signed(c.weight)}）` : undefined;
    })
    .filter((s): s is string => !!s);
  const verdict = `判定：${OUTCOME_LABELS[score.outcome]}，同一事件概率 ${score.probability.toFixed(2)}` +
    (score.outcome === 'duplicate' ? '' : `，关联概率 ${score.relatedProbability.toFixed(2)}`);
  const basis = score.basis === 'cosine-only'
    ? `依据：双方均未提及可比对的人名、地点、单位、金额或时间，仅按语义相似度${score.features.cosine !== undefined ? ` ${score.features.cosine.toFixed(2)}` : ''}判断。`
    : `依据：${reasons.join('；') || '无可比较的信息'}。`;
  const lines = [`${verdict}。`, basis];
  if (sentences && sentences.overlap > 0) lines.push(`最相近的句子：「${sentences.a}」与「${sentences.b}」（字符重合 ${sentences.overlap.toFixed(2)}）。`);
  return lines.join('\n');
}

/** scorePair, plus the matching sentences and the Chinese rendering. */
export function explain(a: Screening, b: Screening, params: DedupParams): Explanation {
  const score = scorePair(a, b, params);
  const sentences = bestSentencePair(a, b);
  return { ...score, ...(sentences ? { sentences } : {}), text: renderExplanation(score, sentences) };
}
