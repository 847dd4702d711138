/**
 * Dates and periods: single dates ("2023年5月6日" → "2023-05-06"), ranges ("2019年至2022年" →
 * "2019/2022", "2021年3月至今" → "2021-03/now", "2020年5月到10月" → "2020-05/2020-10"), dates
 * relative to the report ("去年冬天" → "relative:去年冬天") and durations up to now ("近三年来" →
 * "duration:3y"). Vague words ("长期", "多年") are not periods: they give nothing to check.
 */
import type { Entity } from '../models/lead';
import { parseNumber } from './entities-amounts';

const DATE = /(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*[日号])?/g;
const YMD = String.raw`(\d{4})\s*年(?:\s*(\d{1,2})\s*月份?)?(?:\s*(\d{1,2})\s*[日号])?`;
const RANGE = new RegExp(
  YMD +
    String.raw`\s*(?:(?:起|开始)?\s*(?:至|到|[-—–~～－]{1,2})\s*(?:(今|现在|目前|今天)|(?:(\d{4})\s*年)?(?:\s*(\d{1,2})\s*月份?)?(?:\s*(\d{1,2})\s*[日号])?)|(?:起|开始)?(以来|至今))`,
  'g',
);
const CN_NUM = '一二两三四五六七八九十';
/** 去年冬天, 今年3月, 前年, 今年上半年; not 过去年 nor 三年前年底. */
const RELATIVE = new RegExp(
  String.raw`(?<![过年第\d${CN_NUM}几多数])(?:大前年|前年|去年|今年|上个月|上月)(?![纪龄轻代])` +
    String.raw`(?:春天|夏天|秋天|冬天|[春夏秋冬]季|春节(?:前后|期间|前|后)?|年初|年底|年末|年中|上半年|下半年|底|初|(?:\d{1,2}|[${CN_NUM}]{1,2})月份?(?:\s*\d{1,2}\s*[日号])?)?(?:以来|至今)?`,
  'g',
);
/** 近三年来, 三年多来, 最近两个月, 半年以来; "有期徒刑三年" has neither 近 nor 来. */
const DURATION = new RegExp(
  String.raw`(近|最近|过去)?(?<![\d第])(\d{1,2}|[${CN_NUM}]+|半)(?:多|余)?个?(?:多|余)?(年|月|天|周|星期)(?:多|余)?(以来|来|时间里|时间以来|之久)?`,
  'g',
);
const DURATION_UNIT: Readonly<Record<string, string>> = { 年: 'y', 月: 'm', 天: 'd', 周: 'w', 星期: 'w' };

const pad = (s: string | undefined): string | undefined => s?.padStart(2, '0');
const ymd = (y?: string, m?: string, d?: string): string => [y, pad(m), pad(d)].filter(Boolean).join('-');
const validYear = (y: string): boolean => Number(y) >= 1949 && Number(y) <= 2100;

function dateEntity(m: RegExpMatchArray, value: string): Entity {
  return { type: 'date', text: m[0], start: m.index!, end: m.index! + m[0].length, value };
}

function singleDates(text: string): Entity[] {
  return [...text.matchAll(DATE)].filter((m) => validYear(m[1]!)).map((m) => dateEntity(m, ymd(m[1], m[2], m[3])));
}

function ranges(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(RANGE)) {
    const [, y, mo, d, now, ey, em, ed, since] = m;
    if (!validYear(y!) || (ey && !validYear(ey))) continue;
    const from = ymd(y, mo, d);
    if (now || since) out.push(dateEntity(m, `${from}/now`));
    // "2020年5月到10月": the end borrows what it leaves out from the start.
    else if (ey || em || ed) out.push(dateEntity(m, `${from}/${ey ? ymd(ey, em, ed) : em ? ymd(y, em, ed) : ymd(y, mo, ed)}`));
  }
  return out;
}

function durations(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(DURATION)) {
    const [, near, count, unit, since] = m;
    if (!near && !since) continue;
    // "五六年": an approximate range, read as its lower end.
    const n = count === '半' ? 0.5 : parseNumber(/^[一二三四五六七八九]{2}$/.test(count!) ? count![0]! : count!);
    if (!(n > 0)) continue;
    out.push(dateEntity(m, `duration:${n}${DURATION_UNIT[unit!]}`));
  }
  return out;
}

/** Keeps the longest of overlapping spans (a period over the dates inside it), then sorts by start. */
export function longestFirst(entities: readonly Entity[]): Entity[] {
  const kept: Entity[] = [];
  for (const e of [...entities].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((k) => k.start < e.end && e.start < k.end)) kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Dates and periods of the text, never two over the same characters. */
export function extractDates(text: string): Entity[] {
  const relative = [...text.matchAll(RELATIVE)].map((m) => dateEntity(m, `relative:${m[0]}`));
  return longestFirst([...ranges(text), ...durations(text), ...relative, ...singleDates(text)]);
}
