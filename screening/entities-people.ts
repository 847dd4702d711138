/**
 * People named in the text itself, not only on the form: masked names (张某, 李某某, 王X),
 * nicknames after 外号/绰号/人称… (quoted or not), and full names where a strong cue says a
 * name is there (以王大虎为首, 纠集李四, 张三等人, 名叫…). Precision over recall: a bare
 * "张三" with no cue is left alone, since any surname character also starts ordinary words.
 */
import type { Entity } from '../models/lead';
import { isNotName, maskedNameAt, nameAt, nameEndingAt } from './entities-names';

/** Cues after which a name follows: 纠集李四, 名叫张三. */
const BEFORE_CUE =
  /(名叫|叫做|被举报人[：:]?|纠集|伙同|带领|指使|勾结|村霸|恶霸|黑老大|老大|大哥|老板|头目|一个叫|(?:其|的)(?:儿子|弟弟|哥哥|侄子|外甥|女婿|表哥|表弟|堂弟|堂哥|小舅子|姐夫|妹夫|手下|马仔|小弟))/g;
const PLACE_AFTER = /^(?:幼儿园|宾馆|酒店|公司|学校|小区|村|镇|乡|市场|大道|路|街|广场|花园|饭店|超市|厂)/;
/** Cues before which a name stands: 王大虎为首, 张三等人, 李四（外号…）. */
const AFTER_CUE =
  /(等人(?![口员群士])|等一伙|等多人|等[\d一二三四五六七八九十几]+人|一伙|团伙|为首|纠集|伙同|带领|指使|(?:[（(，,]\s*)?(?:外号|绰号|人称|人送外号|江湖人称)|的(?:儿子|弟弟|哥哥|父亲|侄子|外甥|女婿|妻子|老婆|丈夫|表哥|表弟|堂弟|堂哥|小舅子|姐夫|妹夫|亲戚|兄弟|手下|马仔|小弟))/g;
/** 人称 X, 外号叫 "X": the nickname that follows, quoted or not. */
const NICKNAME_CUE = /(人送外号|江湖人称|外号|绰号|诨号|人称|号称)(?:叫做|叫|是|为|作)?[：:\s]*/g;
const QUOTED = /^(?:“([^”\n]{1,8})”|"([^"\n]{1,8})"|「([^」\n]{1,8})」|『([^』\n]{1,8})』|‘([^’\n]{1,8})’|'([^'\n]{1,8})')/;
/** Ends an unquoted nickname: punctuation, 的, and the usual verbs after a subject. */
const NICKNAME_END = /[的在是和与等，。、；：！？,.;:!?\s（）()“”"]|经常|长期|多次|一直|带领|纠集|伙同|强行|专门|手下|为首|等人/;

function person(text: string, start: number, end: number, value?: string): Entity {
  return { type: 'person', text: text.slice(start, end), start, end, value: value ?? text.slice(start, end) };
}

function maskedNames(text: string): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < text.length; i++) {
    const n = maskedNameAt(text, i);
    if (!n) continue;
    out.push(person(text, i, i + n));
    i += n - 1;
  }
  return out;
}

function cuedNames(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(BEFORE_CUE)) {
    const at = m.index + m[0].length;
    let n = nameAt(text, at);
    // "一个叫张三的人": the bare 叫 is a cue only when 的 closes the name.
    if (n && m[1] === '一个叫' && text[at + n] !== '的') n = 0;
    // "我的真名叫刘方", "本人名叫…": the reporter, who is never an entity of the lead.
    if (n && /我|本人/.test(text.slice(Math.max(0, m.index - 5), m.index))) n = 0;
    // "名叫石灰嘴幼儿园": a place or a business, not a person.
    if (n && PLACE_AFTER.test(text.slice(at + n, at + n + 3))) n = 0;
    if (n) out.push(person(text, at, at + n));
  }
  for (const m of text.matchAll(AFTER_CUE)) {
    let end = m.index;
    // "张三、李四等人": walk back over the enumeration.
    for (let guard = 0; guard < 6; guard++) {
      const start = nameEndingAt(text, end);
      if (start < 0) break;
      out.push(person(text, start, end));
      if (!/[、和与及]/.test(text[start - 1] ?? '') || !/等|一伙|为首/.test(m[0])) break;
      end = start - 1;
    }
  }
  return out;
}

function nicknames(text: string, named: readonly Entity[]): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(NICKNAME_CUE)) {
    const at = m.index + m[0].length;
    const rest = text.slice(at, at + 12);
    let start: number;
    let nick: string;
    const quoted = QUOTED.exec(rest);
    if (quoted) {
      nick = quoted.slice(1).find((g) => g !== undefined)!;
      start = at + 1;
    } else {
      // "号称" without quotes is mostly a boast ("号称全市第一"), not a nickname.
      if (m[1] === '号称') continue;
      const run = /^[\u4e00-\u9fa5A-Za-z0-9]{1,6}/.exec(rest)?.[0] ?? '';
      const stop = run.search(NICKNAME_END);
      nick = stop >= 0 ? run.slice(0, stop) : run.length > 4 ? run.slice(0, 3) : run;
      start = at;
    }
    if (nick.length < 1 || /^[的是有个一]/.test(nick) || isNotName(nick)) continue;
    // "王大虎（外号虎哥）", "王大虎，人称虎哥": the nickname belongs to the name just before.
    const owner = named.find((e) => e.end === m.index || (e.end === m.index - 1 && /[（(，,、]/.test(text[e.end]!)));
    out.push(person(text, start, start + nick.length, owner?.value ?? nick));
  }
  return out;
}

/** Drops entities overlapping an earlier one; earlier entries win. */
export function withoutOverlaps(entities: readonly Entity[]): Entity[] {
  const kept: Entity[] = [];
  for (const e of entities) if (!kept.some((k) => k.start < e.end && e.start < k.end)) kept.push(e);
  return kept;
}

/** People named in the text: masked names, cued full names and nicknames, without overlaps. */
export function extractPeople(text: string): Entity[] {
  const names = withoutOverlaps([...maskedNames(text), ...cuedNames(text)]);
  return withoutOverlaps([...names, ...nicknames(text, names)]).sort((a, b) => a.start - b.start);
}

