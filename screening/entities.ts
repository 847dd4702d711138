/**
 * Entity extraction by pattern and by what the form says: phones, ID numbers (check digit
 * validated), amounts in yuan, dates, organisations by their suffix, people and officials named
 * in the subject and umbrella parts, and places (see gazetteer.ts). Every entity keeps its span
 * in the screened text so that the UI can highlight it.
 */
import type { Entity } from '../models/lead';
import { isValidIdNumber } from '../models/id-number';
import type { ReportReceived } from '../models/messages';
import type { PlaceMention } from './gazetteer';

const PHONE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d{9})(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])(\d{17}[\dXx])(?![\dXx])/g;
const AMOUNT = /(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(余|多)?\s*(亿|万|千|百)?\s*(余|多)?\s*元/g;
const DATE = /(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*[日号])?/g;
const ORGANISATION =
  /[\u4e00-\u9fa5A-Za-z0-9]{2,12}?(?:有限责任公司|有限公司|公司|村民委员会|村委会|居委会|派出所|公安局|分局|人民政府|政府|合作社|KTV|会所|酒店|棋牌室|砂场|石场|厂|集团|小额贷款公司|担保公司)/g;
/** Words that end the phrase before an organisation's name: its name starts after the last of them. */
const BOUNDARY = /.*(的|在|是|和|与|被|把|向|到|给|由|对|了|开设|开办|经营|成立|注册|举报|纠集|伙同|勾结|通过|利用|找来|雇佣|[，。、；：,.;:\s])/;

/** "市普宁市的陈志强开设鑫达小额贷款公司" → "鑫达小额贷款公司". */
export function trimOrganisation(raw: string): string {
  const cut = raw.replace(BOUNDARY, '');
  // A match that began inside a place name ("…长沙市岳麓区…") keeps the whole names only.
  return cut.replace(/^[省市区县镇乡村](?=.{3,})/, '');
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 亿: 1e8, 万: 1e4, 千: 1e3, 百: 1e2 };

/** Parses "十二", "三百" and the like; digits are parsed as numbers. */
export function parseNumber(s: string): number {
  if (/^\d/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch]!;
    else if (ch === '十') (total += (current || 1) * 10), (current = 0);
    else if (ch === '百') (total += (current || 1) * 100), (current = 0);
    else if (ch === '千') (total += (current || 1) * 1000), (current = 0);
  }
  return total + current;
}

function matchAll(text: string, re: RegExp, build: (m: RegExpExecArray) => Entity | undefined): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(re)) {
    const e = build(m as RegExpExecArray);
    if (e) out.push(e);
  }
  return out;
}

export function extractPatternEntities(text: string): Entity[] {
  const phones = matchAll(text, PHONE, (m) => ({ type: 'phone', text: m[0], start: m.index, end: m.index + m[0].length, value: m[1] }));
  const ids = matchAll(text, ID_NUMBER, (m) =>
    isValidIdNumber(m[1]!) ? { type: 'id_number', text: m[0], start: m.index, end: m.index + m[0].length, value: m[1]!.toUpperCase() } : undefined,
  );
  const amounts = matchAll(text, AMOUNT, (m) => {
    const yuan = parseNumber(m[1]!) * (m[3] ? UNIT[m[3]]! : 1);
    return yuan > 0 ? { type: 'amount', text: m[0], start: m.index, end: m.index + m[0].length, value: String(yuan) } : undefined;
  });
  const dates = matchAll(text, DATE, (m) => {
    const year = Number(m[1]);
    if (year < 1949 || year > 2100) return undefined;
    const value = [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
    return { type: 'date', text: m[0], start: m.index, end: m.index + m[0].length, value };
  });
  const organisations = matchAll(text, ORGANISATION, (m) => {
    const trimmed = trimOrganisation(m[0]);
    if (trimmed.length < 3) return undefined;
    const start = m.index + (m[0].length - trimmed.length);
    return { type: 'organisation', text: trimmed, start, end: start + trimmed.length, value: trimmed };
  });
  return [...phones, ...ids, ...amounts, ...dates, ...organisations];
}

/** People and officials named on the form, found where they occur in the text. */
export function extractNamedEntities(text: string, report: Pick<ReportReceived, 'subject' | 'umbrella'>): Entity[] {
  const out: Entity[] = [];
  const seen = new Set<string>();
  const mark = (type: Entity['type'], name: string | undefined, value: string | undefined): void => {
    if (!name || name.length < 2 || seen.has(`${type}:${name}`)) return;
    seen.add(`${type}:${name}`);
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      out.push({ type, text: name, start: i, end: i + name.length, ...(value ? { value } : {}) });
    }
  };
  for (const p of report.subject.people) {
    mark('person', p.name, p.name);
    for (const nick of p.nicknames ?? []) mark('person', nick, p.name ?? nick);
  }
  for (const o of report.umbrella?.officials ?? []) {
    mark('official', o.name, [o.unit, o.position].filter(Boolean).join(' ') || o.name);
  }
  return out;
}

export function placeEntities(mentions: readonly PlaceMention[], offset = 0): Entity[] {
  return mentions.map((m) => ({
    type: 'place',
    text: m.text,
    start: m.start + offset,
    end: m.end + offset,
    // An ambiguous name keeps all its codes, comma-separated.
    value: m.candidates.map((c) => c.code).join(','),
  }));
}
