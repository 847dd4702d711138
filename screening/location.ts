/**
 * Where did the facts happen? Every place mention votes, weighted by where it was written (the
 * form's "place of the facts" over the facts' text over the subject's address) and by the words
 * around it (location-context.ts), level by level: the province, then the prefecture inside it,
 * then the county inside that.
 *
 * At each level a mention whose readings agree on one unit votes for it. A name with readings in
 * several units (城关区 is both Lanzhou's and Lhasa's; 南桥镇 is in six counties) only supports units
 * that other evidence points to. Weak evidence (townships, masked names) decides a level only when
 * nothing firm is said and it agrees on one unit; inside a known prefecture it votes like a county's
 * name. Ties leave the level unresolved.
 */
import type { Division } from '../models/divisions';
import type { Location } from '../models/lead';
import type { WeightedMention } from './location-context';

export { weighMentions, type WeightedMention } from './location-context';

/**
 * Below this total the evidence is only about other things (where someone comes from, a past
 * conviction: 0.1 × 2 for one such mention in the text) and tells nothing of the facts. Where the
 * reporter lives or works (0.2 × 2) is enough when nothing else is said: "我在天津和平区一家饭店上班".
 */
export const MIN_EVIDENCE = 0.3;

/** Beijing, Tianjin and Shanghai have a single prefecture-level code, XX01 (市辖区). */
const ONE_PREFECTURE_MUNICIPALITIES = new Set(['11', '12', '31']);

/** The unit of one level that a reading lies in, or undefined when the reading is wider. */
type LevelOf = (d: Division) => string | undefined;

const provinceOf: LevelOf = (d) => d.provinceCode;
const prefectureOf: LevelOf = (d) => (d.level === 'county' ? d.prefectureCode : d.level === 'prefecture' ? d.code : undefined);
const countyOf: LevelOf = (d) => (d.level === 'county' ? d.code : undefined);

/** The office handling a case (北安市人民检察院) says the province more surely than the county: cases move between counties of a prefecture far more often than across provinces. */
const INSTITUTION_FACTOR = { province: 1.5, prefecture: 1, county: 0.75 } as const;
type Level = keyof typeof INSTITUTION_FACTOR;

/** The votes of one level, among the readings inside `within` (a code prefix). */
function decide(mentions: readonly WeightedMention[], level: Level, levelOf: LevelOf, within: string, minimum = 0): string | undefined {
  const unitsOf = (m: WeightedMention): string[] => [
    ...new Set(m.mention.candidates.filter((d) => d.code.startsWith(within)).map(levelOf).filter((u): u is string => u !== undefined)),
  ];
  const weightOf = (m: WeightedMention): number => m.weight * (m.institution ? INSTITUTION_FACTOR[level] : 1);
  const firm = new Map<string, number>();
  const rest: Array<{ units: string[]; weight: number; alone: boolean }> = [];
  for (const m of mentions) {
    const units = unitsOf(m);
    if (units.length === 0) continue;
    // Once the prefecture is known, a township unique in it is as good as a county's name (南桥镇 of Shanghai).
    const decisive = m.strength === 'firm' || (m.strength === 'weak' && level === 'county');
    if (decisive && units.length === 1) add(firm, units[0]!, weightOf(m));
    else rest.push({ units, weight: weightOf(m), alone: m.strength !== 'doubtful' && units.length === 1 });
  }
  const votes = new Map(firm);
  // Support is shared among a name's readings, as likely as each other: 上集乡, in two counties of two
  // provinces, gives half its weight to the one other evidence points to.
  for (const { units, weight, alone } of rest) {
    const agreeing = firm.size > 0 ? units.filter((u) => firm.has(u)) : alone ? units : [];
    for (const u of agreeing) add(votes, u, weight / units.length);
  }
  return best(votes, minimum);
}

export function resolveLocation(mentions: readonly WeightedMention[]): Location {
  const voting = mentions.filter((m) => m.weight > 0 && !m.mention.chained);
  const provinceCode = decide(voting, 'province', provinceOf, '', MIN_EVIDENCE);
  if (!provinceCode) return {};
  const prefectureCode = ONE_PREFECTURE_MUNICIPALITIES.has(provinceCode) ? `${provinceCode}01` : decide(voting, 'prefecture', prefectureOf, provinceCode);
  const countyCode = decide(voting, 'county', countyOf, prefectureCode ?? provinceCode);
  return {
    provinceCode,
    ...(prefectureCode ? { prefectureCode } : countyCode ? { prefectureCode: countyCode.slice(0, 4) } : {}),
    ...(countyCode ? { countyCode } : {}),
  };
}

function add(m: Map<string, number>, k: string, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** The clear winner, or undefined when two readings tie (nothing can be told). */
function best(votes: Map<string, number>, minimum: number): string | undefined {
  const sorted = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [first, second] = sorted;
  if (!first || first[1] < minimum || (second && second[1] >= first[1] - 1e-9)) return undefined;
  return first[0];
}
