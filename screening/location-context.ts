/**
 * How much a place mention says about where the facts happened, from the words around it. A
 * place is not always the scene: where someone lives or comes from (我现在在广东打工, 户籍地), a past
 * conviction (曾被山东省菏泽市牡丹区人民法院判处), where a suspect was caught far away (在海南省海口市被
 * 抓获), or the office handling the case (北安市人民检察院, which is where the case is tried and
 * usually, not always, where the acts were), a company's, a road's or a product's name (佛山市某铝业
 * 有限公司, 广州路, 玉溪 cigarettes). Licence plates (浙B) are weak evidence of the province and
 * prefecture.
 */
import { COUNTIES, PREFECTURES, PROVINCES, type Division } from '../models/divisions';
import type { PlaceMention } from './place-mention';
import { findPlates } from './gazetteer-plates';

/**
 * Firm evidence votes on its own. Weak evidence (a township, whose name often repeats across the
 * country; a masked name; a guess) votes where firm evidence agrees, or decides when nothing firm
 * is said and it points to one place. Doubtful evidence (a name glued inside a word, an ordinary
 * word, a road named after a city, 大同村) only supports what other evidence says.
 */
export type Strength = 'firm' | 'weak' | 'doubtful';

export interface WeightedMention {
  readonly mention: PlaceMention;
  readonly weight: number;
  readonly strength: Strength;
  /** Names the office handling the case (北安市人民检察院): strong on the province, weaker than the acts on the county. */
  readonly institution: boolean;
  /** The weight of the part of the report it was found in (the form's place of the facts, the text…). */
  readonly sectionWeight: number;
}

/** "我现在在广东打工": the place right after these words is where someone lives or works now. */
const RESIDENCE_CUE = /(现居|现住|现在在|目前在|现在|我在|住在|居住|定居|打工|工作)[^，。,.；;]{0,3}$/;
/** "常年在新疆昌吉州务工": the same, told around the place (migrant work: not 在某公司工作, often the scene). */
const WORKS_THERE = /^[^，。,.；;]{0,10}?(务工|打工)/;
export const RESIDENCE_WEIGHT = 0.2;
/** "户籍地湖南省…", "四川省南充市原籍地", "一新疆人": where someone comes from (not 人民, 人大, 人身…). */
const ORIGIN_BEFORE = /(户籍|原籍|籍贯|户口|出生于|出生地)[^，。,.；;]{0,3}$/;
const ORIGIN_AFTER = /^(原籍|籍贯|户籍|人(?![民大身体口事才力工造员群士物格性文气]))/;
/** "本人是遵义市仁怀市人，举报当地的…": a reporter's own home, when they report on it, is where it happens. */
const REPORTER_HOME = /(我是|本人是|我们是|俺是)$/;
const ON_HOME = /当地|老家|家乡|我们那|我们这|本地|我们村|我村/;
export const ORIGIN_WEIGHT = 0.1;
/** The justice bureau that assesses a defendant for community correction is the one where they live. */
const HOME_OFFICE = /^(?:司法局|社区矫正)/;
/** A court or prison named in a sentence about a past conviction. */
const PAST_CONVICTION_PLACE = /^(?:中级)?(?:人民法院|法院|监狱)/;
const PAST_CONVICTION = /判处|判决|刑满|释放|假释|缓刑|服刑|裁定|曾因/;
export const PAST_CONVICTION_WEIGHT = 0.1;
/** Where a suspect fled to, was caught or held, unless caught in the act (当场, 现场, 交易时被抓获). */
const FLED_TO = /(逃匿|潜逃|逃跑|逃往|逃离|逃窜|躲藏|藏匿|外逃)[至到于往]?$/;
const HELD = /^(?:看守所|拘留所|戒毒所)/;
const ARREST = /抓获|抓捕|投案|归案|自首|缉拿|羁押/;
const IN_THE_ACT = /当场|现场|在场|时被/;
export const ARREST_WEIGHT = 0.3;
/** The office that handles the case. */
const INSTITUTION = /^(?:中级)?(?:人民检察院|检察院|人民法院|法院|公安|派出所|交警|交通警察|司法鉴定|价格认证|物价局|市场监督|林业局|国土)/;
/** The place in a company's, shop's or laboratory's name (佛山市某铝业有限公司, 广东发展银行, 北京联华超市): where it is registered. */
const ORGANISATION =
  /^[^，。；、,;:：\s路街号村镇乡区县市省“”"（）()]{0,10}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|超市|商场|银行|分行|支行|酒店|宾馆|商行|经营部|中心|研究所|研究院|大学|学院|军区|海关|厂)/;
export const ORGANISATION_WEIGHT = 0.5;
const AT = /[在于至到往赴]$/;
/** A road, street or bridge named after a place (广州路, 文山路): not that place. */
const ROAD = /^[东西南北中]?(?:路|大道|大街|街(?!道)|巷|弄|公路)/;
/** A short name starting a smaller place's name (大同村, 兰州大厦, 中山派出所, 北京301医院) is not that place either. */
const SMALLER_PLACE = /^(?:村|庄|屯|社区|小区|花园|大厦|广场|新村|派出所|\d)/;
/** Nor is a short name naming a product: 玉溪 cigarettes, 泸州老窖, 南京牌. */
const PRODUCT = /^(?:牌|香烟|卷烟|烟|酒|白酒|老窖|特曲|大曲)/;
export const ROAD_WEIGHT = 0.1;
/** A name inside quotation marks is a product's, shop's or nickname's (“香港龙腾”). */
export const QUOTED_WEIGHT = 0.25;
/** A lone short name (广东, 兰州) is less certain than a full one: 长沙发, 大理石, 开封 (to unseal) are words. */
export const SHORT_NAME_WEIGHT = 0.75;
export const PLATE_WEIGHT = 0.5;
export const GLUED_WEIGHT = 0.5;

const BY_CODE = new Map<string, Division>([...PROVINCES, ...PREFECTURES, ...COUNTIES].map((d) => [d.code, d]));

/** The clause (up to the next comma or full stop) and the sentence around a span. */
function clauseAfter(text: string, end: number): string {
  const rest = text.slice(end);
  const stop = rest.search(/[，。；,;！？]/);
  return stop < 0 ? rest : rest.slice(0, stop);
}

function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(text.lastIndexOf('。', start), text.lastIndexOf('；', start)) + 1;
  const stop = text.slice(end).search(/[。；]/);
  return text.slice(from, stop < 0 ? text.length : end + stop);
}

interface Role {
  readonly factor: number;
  readonly institution?: boolean;
  readonly doubtful?: boolean;
}

function quoted(text: string, start: number): boolean {
  const open = text.lastIndexOf('“', start);
  return open >= 0 && start - open <= 20 && text.lastIndexOf('”', start) < open;
}

/** What the words around a chain of names (start..end) say it is: the scene, or something else. */
export function roleOf(text: string, start: number, end: number, short = false, nextStart = text.length): Role {
  const before = text.slice(Math.max(0, start - 8), start);
  const after = text.slice(end, end + 16);
  if (RESIDENCE_CUE.test(before) || HOME_OFFICE.test(after) || (before.endsWith('在') && WORKS_THERE.test(after))) return { factor: RESIDENCE_WEIGHT };
  const reportsOnHome = REPORTER_HOME.test(before) && ON_HOME.test(text.slice(end, end + 40));
  if (ORIGIN_BEFORE.test(before) || (ORIGIN_AFTER.test(after) && !reportsOnHome)) return { factor: ORIGIN_WEIGHT };
  if (PAST_CONVICTION_PLACE.test(after) && PAST_CONVICTION.test(sentenceAround(text, start, end))) return { factor: PAST_CONVICTION_WEIGHT };
  if (ROAD.test(after) || (short && (SMALLER_PLACE.test(after) || PRODUCT.test(after)))) return { factor: ROAD_WEIGHT, doubtful: true };
  const clause = clauseAfter(text, end);
  if (FLED_TO.test(before) || HELD.test(after) || (ARREST.test(clause) && !IN_THE_ACT.test(clause))) return { factor: ARREST_WEIGHT };
  if (INSTITUTION.test(after)) return { factor: 1, institution: true };
  // Not when the organisation's name starts with the next place (常州市武进区礼嘉镇北京联华超市), nor
  // when the text says the acts were there (在长春市朝阳区某汽车租赁公司，以租车为由…).
  const organisation = ORGANISATION.exec(after);
  if (organisation && end + organisation[0].length <= nextStart && !AT.test(before)) return { factor: ORGANISATION_WEIGHT };
  if (quoted(text, start)) return { factor: QUOTED_WEIGHT };
  return { factor: 1 };
}

/** Weighs the place mentions of one part of a report, and adds its licence plates. */
export function weighMentions(text: string, mentions: readonly PlaceMention[], sectionWeight: number): WeightedMention[] {
  const out: WeightedMention[] = [];
  // A chain (links marked `chained`) shares its context: the words before its first link and after its last.
  let chainStart = 0;
  let chainFull = false;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const inChain = mentions[i - 1]?.chained === true;
    if (!inChain) {
      chainStart = m.start;
      chainFull = false;
    }
    chainFull ||= !m.short;
    if (m.chained) continue;
    // A lone short name may start a road's, a village's or a product's name; a chain's last link is a place.
    const role = roleOf(text, chainStart, m.end, m.short === true && !inChain, mentions[i + 1]?.start);
    const backed = inChain && firmBefore(mentions, i);
    const kindWeak = (m.kind === 'township' || m.kind === 'masked' || m.guess === true) && !backed;
    const strength: Strength = role.doubtful || ((m.glued === true || m.ordinary === true) && !backed) ? 'doubtful' : kindWeak ? 'weak' : 'firm';
    const factor = role.factor * (m.glued ? GLUED_WEIGHT : 1) * (chainFull ? 1 : SHORT_NAME_WEIGHT);
    out.push({ mention: m, weight: sectionWeight * factor, strength, institution: role.institution === true, sectionWeight });
  }
  // One vehicle's plate, however often repeated, is one piece of evidence.
  const seen = new Set<string>();
  for (const p of findPlates(text)) {
    const d = BY_CODE.get(p.code);
    if (!d || seen.has(p.code)) continue;
    seen.add(p.code);
    const mention: PlaceMention = { text: p.text, start: p.start, end: p.end, candidates: [d], kind: 'division' };
    const role = roleOf(text, p.start, p.end);
    out.push({ mention, weight: sectionWeight * PLATE_WEIGHT * Math.min(1, role.factor), strength: 'firm', institution: false, sectionWeight });
  }
  return out;
}

/** A chain's narrowest link votes as firmly as its firmest link: 沁阳市西万镇 is firm. */
function firmBefore(mentions: readonly PlaceMention[], i: number): boolean {
  for (let j = i - 1; j >= 0 && mentions[j]!.chained; j--) {
    const k = mentions[j]!.kind;
    const { glued, guess, ordinary } = mentions[j]!;
    if (k !== 'township' && k !== 'masked' && !glued && !guess && !ordinary) return true;
  }
  return false;
}
