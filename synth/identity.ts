/**
 * Synthetic people and numbers: names, nicknames (外号), mobile numbers, GB 11643 ID numbers,
 * amounts and time expressions. All invented; any resemblance to a real person is chance.
 */
import { Rng } from './rng';

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
  '龙', '史', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '覃', '武', '戴', '孔', '汤', '庞', '樊', '兰', '殷',
];
/** Weighted towards the commonest surnames, as in reality. */
const SURNAME_WEIGHTS: ReadonlyArray<readonly [string, number]> = SURNAMES.map((s, i) => [s, i < 10 ? 6 : i < 30 ? 3 : 1]);

const GIVEN_MALE = [...'建国军伟强勇刚明辉华平志峰磊涛斌杰鹏超波林东海宏亮兵成龙飞庆德贵福财旺根发宝生光荣文武永长春山水金银玉红兴'];
const GIVEN_FEMALE = [...'秀英兰芳丽娟霞梅敏静燕玲艳红萍琴桂凤翠云娥莲珍慧雪'];

export interface Person {
  name: string;
  surname: string;
  given: string;
  male: boolean;
}

export function personName(rng: Rng, male = rng.chance(0.85)): Person {
  const surname = rng.weighted(SURNAME_WEIGHTS);
  const pool = male ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.72) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return { name: surname + given, surname, given, male };
}

const ORDINALS = ['大', '二', '三', '四', '五', '六', '七'];

/** A nickname derived from the name, the way villagers and gangs coin them. */
export function nickname(rng: Rng, p: Person): string {
  const last = p.given[p.given.length - 1] as string;
  const ord = rng.pick(ORDINALS);
  return rng.pick([
    `刀疤${last}`, `${p.surname}老${ord}`, `${last}哥`, `光头${last}`, `黑${last}`, `${p.surname}${ord}`, `疯${last}`,
    `${p.surname}胖子`, `阿${last}`, `${p.surname}瘸子`, `大${last}`, `${p.surname}老板`, `${last}爷`, `${p.surname}麻子`,
  ]);
}

/** "王某" / "王某某": how court documents and cautious reporters write names. */
export function masked(p: Person): string {
  return p.surname + (p.given.length > 1 ? '某某' : '某');
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188',
  '189', '191', '198', '199',
];

export function mobile(rng: Rng): string {
  let n = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) n += String(rng.int(0, 9));
  return n;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckDigit(id.slice(0, 17)) === id[17];
}

/** An 18-digit resident ID: county code of birth + birth date + sequence (odd = male) + check. */
export function idNumber(rng: Rng, countyCode: string, male: boolean): string {
  const y = rng.int(1958, 2001);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  let seq = rng.int(0, 99) * 10 + rng.int(0, 4) * 2 + (male ? 1 : 0);
  if (seq === 0) seq = 2;
  const body = `${countyCode}${y}${pad(m)}${pad(d)}${String(seq).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An amount of money as a citizen writes it: "3万元", "50余万元", "1200元", "二十多万". */
export function amount(rng: Rng, scale: 'small' | 'medium' | 'large'): string {
  const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (scale === 'small') {
    const v = rng.int(3, 99) * (rng.chance(0.5) ? 100 : 50);
    return rng.chance(0.8) ? `${v}元` : `${v}多元`;
  }
  const wan = scale === 'medium' ? rng.pick([1, 2, 3, 5, 6, 8, 10, 12, 15, 18, 20, 25, 30, 40]) : rng.pick([50, 60, 80, 100, 120, 150, 200, 300, 500, 800, 1000, 2000]);
  const r = rng.next();
  const round = wan >= 10 && wan % 10 === 0;
  if (r < 0.45 || (!round && r < 0.7)) return `${wan}万元`;
  if (r < 0.7) return `${wan}余万元`;
  if (r < 0.85) return round ? `${wan}多万` : `${wan}万多`;
  if (wan < 100 && round) return `${CN[wan / 10] === '一' ? '' : CN[wan / 10]}十多万元`;
  return `${wan}万多元`;
}

export interface TimeExpr {
  /** As written: "2022年3月", "2021年至今", "去年冬天". */
  text: string;
  /** Whether the expression is a period ("至今") rather than a point in time. */
  period: boolean;
}

const SEASONS = ['春天', '夏天', '秋天', '冬天', '春节前后', '年底', '年初', '中秋节前'];

export function timeExpr(rng: Rng, period: boolean): TimeExpr {
  const y = rng.int(2016, 2024);
  if (period) {
    const text = rng.pick([
      `${y}年至今`, `${y}年以来`, `从${y}年开始`, `${y}年${rng.int(1, 12)}月至今`, `近${rng.int(3, 12)}年来`,
      `${y - rng.int(1, 3)}年到${y}年间`, `这几年`, `${y}年起`,
    ]);
    return { text, period: true };
  }
  const text = rng.pick([
    `${y}年${rng.int(1, 12)}月`, `${y}年${rng.int(1, 12)}月${rng.int(1, 28)}日`, `去年${rng.pick(SEASONS)}`,
    `${y}年${rng.pick(SEASONS)}`, `今年${rng.int(1, 9)}月份`, `${y}年${rng.int(1, 12)}月中旬`, `前年${rng.pick(SEASONS)}`,
  ]);
  return { text, period: false };
}
