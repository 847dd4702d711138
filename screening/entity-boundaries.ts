/**
 * Exact entity spans (docs/LABELLING.md §4), settled with the words jieba reads and their parts of
 * speech: the patterns of entities.ts find where an entity is, this module decides where it starts
 * and ends.
 *
 * - An organisation's or an official's unit never starts with a verb, preposition, pronoun,
 *   adverb, conjunction, particle, time or locative word: the name starts after the last of them
 *   ("打着|禹王台隆金文化传媒公司", "有|禹王台区人民检察院副检察长王文", "强占|村里|砂场"). What is
 *   left must have a name before its suffix ("村里砂场" → "砂场": no name, no organisation).
 * - A full name is a surname and one or two characters; the second given character is not part
 *   of the name when it starts a word of its own ("王文|按照", "王文|当即") or is a one-character
 *   verb with its complement ("王文|压下").
 * - Divisions written one after another are one place ("上海市" + "虹口区" → "上海市虹口区").
 * - A place or a person inside an organisation's or an official's span is part of it.
 */
import type { Entity } from '../models/lead';
import type { Segmenter } from '../models/ports/segmenter.port';

export type Tagger = Pick<Segmenter, 'tag'>;

/** What ends an organisation's name: the kind of body (公司, 村委会, 人民检察院, 银行…), longest first. */
export const ORGANISATION_SUFFIX =
  /(?:有限责任公司|有限公司|小额贷款公司|担保公司|公司|典当行|宾馆|饭店|酒吧|网吧|洗浴中心|村民委员会|村委会|居委会|派出所|公安局|分局|人民政府|政府|合作社|KTV|会所|酒店|棋牌室|砂场|石场|煤矿|厂|集团|人民检察院|检察院|人民法院|法院|医院|银行|支行|分行|小学|中学|大学|学院|学校|职校|驾校|事务所|中心|经营部|研究室|研究所|超市|书屋|残联|[^\s，。、；：]{1,4}局)/;
const SUFFIX_AT_END = new RegExp(`(?:${ORGANISATION_SUFFIX.source})$`);

interface Word {
  readonly word: string;
  readonly tag: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Parts of speech that never begin or continue a unit's name: verbs (v, vd, vg), prepositions,
 * pronouns, adverbs, conjunctions, particles, interjections, onomatopoeia, time and locative
 * words, and direction words. Nominal verbs (vn: 管理, 建设) do occur in names and are not here.
 */
const NOT_IN_NAME = /^(?:v|vd|vg|vi|vq|p|r|rr|rz|rg|d|dg|c|u|uj|ul|uz|uv|ud|ug|y|e|o|t|tg|s|f|l)$/;
/** What follows a one-character verb as its complement or object: 压|下, 按|住, 拿|走, 压|此事. */
const COMPLEMENT = /^[下上了着过住起出走到来去此这那他她我]/;
const MASK = /[某Xx×*\d甲乙丙丁]/;

function wordsOf(text: string, tagger: Tagger): Word[] {
  const out: Word[] = [];
  let at = 0;
  for (const { word, tag } of tagger.tag(text)) {
    const start = text.indexOf(word, at);
    if (start < 0) break;
    out.push({ word, tag, start, end: start + word.length });
    at = start + word.length;
  }
  return out;
}

/** Tags of proper names and places: a verb right before one of them ends the phrase before a name. */
const NAME_START = /^(?:ns|nr|nrt|nrfg|nt|nz|s|r|m|x|eng|j)$/;

/**
 * Where the unit's name starts: after the last word before `limit` that cannot be part of a name.
 * A verb of two or more characters inside a name is kept when a common noun follows it (打印耗材,
 * 创新铝业); before a place, a proper name or a locative it is the predicate (打着|禹王台…, 强占|村里).
 */
function nameStart(words: readonly Word[], start: number, limit: number): number {
  let cut = start;
  const inside = words.filter((w) => w.start >= start && w.end <= limit);
  inside.forEach((w, i) => {
    if (!NOT_IN_NAME.test(w.tag)) return;
    const next = inside[i + 1];
    const predicate = !/^v/.test(w.tag) || w.word.length === 1 || w.start === start || (!!next && NAME_START.test(next.tag));
    if (predicate) cut = w.end;
  });
  return cut;
}

/** True when the last given character of the name ending at `end` begins the next word instead. */
function overruns(text: string, end: number, tagger: Tagger): boolean {
  const [first, second] = tagger.tag(text.slice(end - 1, end + 3));
  if (!first) return false;
  if (first.word.length >= 2) return NOT_IN_NAME.test(first.tag);
  return /^v/.test(first.tag) && !!second && COMPLEMENT.test(second.word);
}

/** A full name of three characters (no mask) whose last character belongs to the next word: the name without it. */
function trimmedName(text: string, start: number, end: number, tagger: Tagger): number {
  const name = text.slice(start, end);
  if (name.length !== 3 || MASK.test(name)) return end;
  return overruns(text, end, tagger) ? end - 1 : end;
}

function withSpan(e: Entity, text: string, start: number, end: number): Entity {
  const old = e.text;
  const next = text.slice(start, end);
  return { ...e, text: next, start, end, ...(e.value === old ? { value: next } : {}) };
}

/** Organisation suffixes that are no name by themselves: "公司", "砂场" alone name nothing. */
const BARE = /^(?:有限责任公司|有限公司|公司|砂场|石场|煤矿|厂|集团|会所|酒店|棋牌室|政府|派出所|村委会|居委会|[^\s]?局)$/;

function settleOrganisation(e: Entity, text: string, words: readonly Word[]): Entity | undefined {
  const suffix = SUFFIX_AT_END.exec(e.text)?.[0].length ?? 0;
  let start = nameStart(words, e.start, e.end - suffix);
  // "一家公司", "几年村委会": a count before the name is no part of it.
  for (const w of words) if (w.start === start && w.end <= e.end - suffix && /^[mq]$/.test(w.tag)) start = w.end;
  if (start >= e.end) return undefined;
  const settled = withSpan(e, text, start, e.end);
  return BARE.test(settled.text) ? undefined : settled;
}

function settleOfficial(e: Entity, text: string, words: readonly Word[], tagger: Tagger): Entity {
  const roleAt = e.role ? text.lastIndexOf(e.role, e.end - 1) : -1;
  const nameFrom = roleAt >= e.start ? roleAt + e.role!.length : e.end;
  const end = nameFrom < e.end ? trimmedName(text, nameFrom, e.end, tagger) : e.end;
  // "水利局的副局长": the 的 between unit and position joins them, it does not end the unit.
  let unitEnd = roleAt > e.start && /[的某]/.test(text[roleAt - 1]!) ? roleAt - 1 : roleAt;
  // The word right before the position is the unit's kind (国土|所|所长), never a boundary.
  unitEnd = words.find((w) => w.end === unitEnd && w.start >= e.start)?.start ?? unitEnd;
  const start = roleAt > e.start ? nameStart(words, e.start, unitEnd) : e.start;
  const out = withSpan(e, text, start, end);
  const oldName = text.slice(nameFrom, e.end);
  return end < e.end && e.value === oldName ? { ...out, value: text.slice(nameFrom, end) } : out;
}

/** The places written right before a unit are part of its name: "南江县" + "下两镇党委书记". */
function withPlaceNames(entities: readonly Entity[], places: readonly Entity[], text: string): Entity[] {
  return entities.map((e) => {
    if (e.type !== 'organisation' && e.type !== 'official') return e;
    let start = e.start;
    for (let p = places.find((x) => x.end === start); p; p = places.find((x) => x.end === start)) start = p.start;
    return start === e.start ? e : withSpan(e, text, start, e.end);
  });
}

/** An organisation written right after another is a part of it: "上海市公安局" + "杨浦分局" is one body. */
function mergeChains(entities: readonly Entity[], text: string): Entity[] {
  const out: Entity[] = [];
  for (const e of entities) {
    const last = out[out.length - 1];
    if (e.type === 'organisation' && last?.type === 'organisation' && last.end === e.start) {
      const joined = text.slice(last.start, e.end);
      out[out.length - 1] = { ...last, text: joined, end: e.end, value: joined };
    } else out.push(e);
  }
  return out;
}

/**
 * Below the gazetteer's divisions, a run continues with named localities of the usual kinds
 * (…镇, …村, …社区, …路): "合肥长丰" + "岭山镇", "日照市" + "东关南路". Function words never
 * belong to a locality's name, so the run stops at the first of them.
 */
const LOCALITY = /^(?:[^\s的了在和与及等到去把被对向从给让是有这那其该每各一个，。、；：！？“”‘’（）()]{1,5}?(?:街道|社区|小区|大道|镇|乡|村|路|街|组))+/;

/** Adjacent places become one run, its value the most specific (last) part's codes. */
function mergePlaces(entities: readonly Entity[], text: string): Entity[] {
  const out: Entity[] = [];
  for (const e of entities) {
    const last = out[out.length - 1];
    if (e.type === 'place' && last?.type === 'place' && last.end === e.start) {
      out[out.length - 1] = { ...last, text: text.slice(last.start, e.end), end: e.end, value: e.value };
    } else out.push(e);
  }
  return out.map((e, i) => {
    if (e.type !== 'place') return e;
    const next = out[i + 1]?.start ?? text.length;
    const more = LOCALITY.exec(text.slice(e.end, next))?.[0].length ?? 0;
    return more ? { ...e, text: text.slice(e.start, e.end + more), end: e.end + more } : e;
  });
}

/**
 * Entities with their exact spans: organisations and officials start at their name, names end
 * where the next word begins, runs of places are one place, and what lies inside an organisation
 * or an official is part of it. `entities` are those of entities.ts and the gazetteer's places.
 */
export function settleEntities(text: string, entities: readonly Entity[], tagger: Tagger): Entity[] {
  const places = entities.filter((e) => e.type === 'place');
  // A word inside a place the gazetteer knows is part of a proper name, whatever jieba says of it (南江县|下|两镇).
  const words = wordsOf(text, tagger).map((w) => (places.some((p) => p.start < w.end && w.start < p.end) ? { ...w, tag: 'ns' } : w));
  const settled: Entity[] = [];
  for (const e of entities) {
    if (e.type === 'organisation') {
      const o = settleOrganisation(e, text, words);
      if (o) settled.push(o);
    } else if (e.type === 'official') settled.push(settleOfficial(e, text, words, tagger));
    else if (e.type === 'person') settled.push(withSpan(e, text, e.start, trimmedName(text, e.start, e.end, tagger)));
    else settled.push(e);
  }
  const sorted = withPlaceNames(settled, places, text).sort((a, b) => a.start - b.start || b.end - a.end);
  const outer = sorted.filter((e) => e.type === 'organisation' || e.type === 'official');
  const nested = (e: Entity) =>
    (e.type === 'place' || e.type === 'person' || e.type === 'organisation') &&
    outer.some((o) => o !== e && o.start <= e.start && e.end <= o.end && (e.type !== 'organisation' || o.end - o.start > e.end - e.start));
  return mergePlaces(mergeChains(sorted.filter((e) => !nested(e)), text), text);
}
