/**
 * Amounts of money, in yuan: "3万元", "50余万元", "3万多元", "1.5万元", "二十万元", "每月500元",
 * "500块钱", and a bare "一百多万" when the words before it are about money (借, 欠, 涉案金额…).
 * "余"/"多" ("more than") keep the stated figure: the value is a lower bound.
 */
import type { Entity } from '../models/lead';

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_SECTIONS: Record<string, number> = { 万: 1e4, 亿: 1e8 };
const UNIT: Record<string, number> = { 亿: 1e8, 万: 1e4, 千: 1e3, 百: 1e2 };

/** Parses "十二", "三百", "一千零五十", "十二万三千"; digits are parsed as numbers. */
export function parseNumber(s: string): number {
  if (/^\d/.test(s)) return Number(s);
  let total = 0;
  let section = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch]!;
    else if (ch in CN_UNITS) (section += (current || 1) * CN_UNITS[ch]!), (current = 0);
    else if (ch in CN_SECTIONS) (total += (section + current || 1) * CN_SECTIONS[ch]!), (section = 0), (current = 0);
  }
  return total + section + current;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?|[一二两三四五六七八九十百千][零一二两三四五六七八九十百千万亿]*)\s*(余|多)?\s*(亿|万|千|百)?\s*(余|多)?`;
const PER = String.raw`(?:(每(?:个月|月|年|天|日|周|人|户|家|次|间|辆)|一个月)\s*)?`;
const AMOUNT = new RegExp(PER + NUMBER + String.raw`\s*(元|块钱|块(?![儿地田石砖肉板牌]))`, 'g');
/** "一百多万" with no 元: money only when the words just before are about money. */
const BARE = new RegExp(NUMBER.replace(String.raw`(亿|万|千|百)?`, '(亿|万)') + '(?![人户个名次件只头亩平米吨斤公里元块年])', 'g');
const MONEY_BEFORE = /(借|贷|欠|收|付|赔|骗|诈|勒索|索要|索取|给|交|罚|赚|获利|涉案|金额|资金|款|钱|现金|转账|利息|本金|价|贿|好处费|保护费|损失|共计|高达)[^，。；！？\n]{0,5}$/;

function yuan(m: RegExpMatchArray, numberAt: number): number {
  const n = parseNumber(m[numberAt]!) * (m[numberAt + 2] ? UNIT[m[numberAt + 2]!]! : 1);
  return Math.round(n * 100) / 100;
}

export function extractAmounts(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const value = yuan(m, 2);
    // "一块去", "三块石头": 块 is money only from ten up.
    if (value > 0 && (m[6] === '元' || value >= 10)) out.push({ type: 'amount', text: m[0], start: m.index, end: m.index + m[0].length, value: String(value) });
  }
  for (const m of text.matchAll(BARE)) {
    const end = m.index + m[0].length;
    if (out.some((e) => e.start < end && m.index < e.end) || !MONEY_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const value = yuan(m, 1);
    if (value > 0) out.push({ type: 'amount', text: m[0], start: m.index, end, value: String(value) });
  }
  return out.sort((a, b) => a.start - b.start);
}
