/**
 * Credibility, 0–100: starts at 50 ("as likely true as not") and each reason adds or removes its
 * weight. Specific, checkable details (who, where down to the county, when, how much, which
 * official of which unit) and a reporter who can be contacted raise it; signs that there is no
 * report to act on (too short, gibberish, advertising, pure abuse) lower it. The reasons are
 * what an analyst reads, in Chinese.
 */
import { clampCredibility, type Credibility, type CredibilityReason, type Entity, type Location } from '../models/lead';
import type { ReporterProfile } from '../models/report';

export const BASELINE = 50;

interface Signals {
  readonly text: string;
  /** When the report was received: facts dated after it contradict themselves. */
  readonly receivedAt?: string;
  /** The form's place of the facts and the places in the text point to different provinces. */
  readonly placeConflict?: boolean;
  /** The segmenter's words: real text is mostly words of two or more characters. */
  readonly tokens: readonly string[];
  readonly entities: readonly Entity[];
  readonly location: Location;
  readonly reporter: ReporterProfile;
}

const ADVERTISING = /(加微信|加V|加v|微信号|代开发票|代办|优惠|咨询热线|点击链接|https?:\/\/|www\.|兼职|刷单)/;
const ABUSE = /(傻逼|傻B|妈的|去死|滚蛋|狗东西|王八蛋|操你|垃圾)/g;

export function scoreCredibility(s: Signals): Credibility {
  const reasons: CredibilityReason[] = [];
  const add = (code: string, weight: number, message: string): void => {
    reasons.push({ code, weight, message });
  };
  const has = (type: Entity['type']): boolean => s.entities.some((e) => e.type === type);
  const hanChars = (s.text.match(/\p{Script=Han}/gu) ?? []).length;

  if (has('person')) add('NAMED_PERSON', 8, '指明了被举报人姓名或外号');
  if (s.location.countyCode) add('PLACE_COUNTY', 8, '地点具体到区县');
  else if (s.location.prefectureCode) add('PLACE_PREFECTURE', 4, '地点具体到地市');
  if (has('date')) add('DATE', 5, '给出了具体时间');
  if (has('amount')) add('AMOUNT', 5, '给出了涉案金额');
  if (has('official') || has('organisation')) add('UNIT', 6, '指明了涉事单位或公职人员');
  if (has('phone')) add('PHONE', 3, '提供了可核查的电话号码');
  if (s.reporter.realName) add('REAL_NAME', 8, '实名举报');
  if (s.reporter.contactGiven) add('CONTACT', 5, '留有联系方式，便于核实');

  if (s.placeConflict) add('PLACE_CONFLICT', -8, '表单所填案发地与正文所述地点分属不同省份，前后不一致');
  if (s.receivedAt && s.entities.some((e) => e.type === 'date' && e.value !== undefined && isAfter(e.value, s.receivedAt!))) {
    add('FUTURE_DATE', -10, '所述时间晚于举报时间，前后矛盾');
  }

  if (hanChars < 15) add('TOO_SHORT', -25, '内容过短，缺少可核查的事实');
  if (isGibberish(s.text, s.tokens, hanChars)) add('GIBBERISH', -35, '内容疑似乱码或无意义字符');
  if (ADVERTISING.test(s.text)) add('ADVERTISING', -30, '内容疑似广告或推销信息');
  const abuse = (s.text.match(ABUSE) ?? []).length;
  if (abuse > 0 && abuse * 20 > hanChars) add('ABUSE', -20, '以辱骂为主，缺少事实陈述');
  if (isRepetitive(s.text)) add('REPETITIVE', -20, '内容大量重复，疑似刷屏');

  const score = clampCredibility(BASELINE + reasons.reduce((sum, r) => sum + r.weight, 0));
  return { score, reasons };
}

/** `value` is "YYYY", "YYYY-MM" or "YYYY-MM-DD" (other forms, such as periods, are not compared). */
function isAfter(value: string, receivedAt: string): boolean {
  if (!/^\d{4}(-\d{2}){0,2}$/.test(value)) return false;
  return value > receivedAt.slice(0, value.length);
}


/** Mostly non-Han, non-digit noise, or Han characters that do not form words. */
function isGibberish(text: string, tokens: readonly string[], hanChars: number): boolean {
  const visible = text.replace(/\s/g, '').length;
  if (visible === 0) return true;
  if (hanChars / visible < 0.3 && !/[a-zA-Z]{3,}\s[a-zA-Z]{3,}/.test(text)) return true;
  const han = tokens.filter((t) => /^\p{Script=Han}+$/u.test(t));
  const words = han.filter((t) => t.length >= 2).reduce((n, t) => n + t.length, 0);
  return hanChars >= 10 && words / hanChars < 0.35;
}

/**
 * Reasons that say there is no content at all (noise, or one thing said over and over): such a
 * report is INVALID whatever the model reads into it (screen.ts).
 */
export const CONTENTLESS_REASONS: readonly string[] = ['GIBBERISH', 'REPETITIVE'];

export function isContentless(credibility: Credibility): boolean {
  return credibility.reasons.some((r) => CONTENTLESS_REASONS.includes(r.code));
}

/**
 * The same 10-character run three or more times, one character making up half the text (from 8
 * characters: 啊啊啊啊啊啊啊啊), or nothing but one short phrase said three times or more (救命救命救命).
 */
function isRepetitive(text: string): boolean {
  const chars = [...text.replace(/\s/g, '')];
  if (isOnePhraseRepeated([...text.replace(/[\s\p{P}]/gu, '')])) return true;
  if (chars.length >= 8) {
    const counts = new Map<string, number>();
    for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (Math.max(...counts.values()) / chars.length > 0.5) return true;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i + 10 <= chars.length; i += 5) {
    const run = chars.slice(i, i + 10).join('');
    const n = (seen.get(run) ?? 0) + 1;
    if (n >= 3) return true;
    seen.set(run, n);
  }
  return false;
}

/** The whole text (punctuation aside) is one phrase of at most 10 characters, three times or more. */
function isOnePhraseRepeated(chars: readonly string[]): boolean {
  for (let unit = 1; unit <= 10 && unit * 3 <= chars.length; unit++) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}
