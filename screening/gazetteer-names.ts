/**
 * The names people write for divisions beyond the official ones of models/divisions.ts:
 * former names that the data no longer lists (郫县 is now 郫都区, 海门市 is 海门区, 闸北区 merged
 * into 静安区), the usual short forms of autonomous units (肃南县 for 肃南裕固族自治县, 恩施州),
 * township names before their last change of status (a 镇 that became a 街道), and the national
 * and city new areas and development zones, with their real administrative parents. All of it is
 * general knowledge of Chinese places, nothing taken from a data set under evaluation.
 */
import type { Division } from '../models/divisions';

const ETHNIC =
  '(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族?';
/** 城东, 新城, 河西: names many towns and new areas share; no alias is made from them. */
const GENERIC_STEM = /^(?:[东西南北中]城|城[东西南北中关厢郊]|新城|老城|[东西南北中][区湖河山]|[河湖江山][东西南北])$/;
const AUTONOMOUS = new RegExp(`^(.+?)(?:${ETHNIC})+自治(县|旗|州)$`);

/**
 * Other names of a current county-level division: the same stem under another suffix (双流县 →
 * 双流区, 邵东县 → 邵东市, 莱芜市 → 莱芜区: the usual path of 撤县设市/设区), the one-character
 * county that grew a 州 or 都 (彬县 → 彬州市, 开县 → 开州区, 郫县 → 郫都区), and the short form of an
 * autonomous county (前郭尔罗斯蒙古族自治县 → 前郭县).
 */
export function countyAliases(c: Division): string[] {
  const out: string[] = [];
  const auto = AUTONOMOUS.exec(c.name);
  if (auto) {
    const [, stem, suffix] = auto as unknown as [string, string, string];
    out.push(stem + suffix);
    if (stem.length >= 4) out.push(stem.slice(0, 2) + suffix);
    return out;
  }
  const m = /^(.+)(县|市|区|旗)$/.exec(c.name);
  if (!m) return out;
  const [, stem, suffix] = m as unknown as [string, string, string];
  if (stem.length >= 2 && !GENERIC_STEM.test(stem)) {
    for (const s of ['县', '市', '区']) if (s !== suffix) out.push(stem + s);
  }
  if (stem.length === 2 && /[州都]$/.test(stem) && (suffix === '市' || suffix === '区')) out.push(`${stem[0]}县`);
  return out;
}

/**
 * The new area a district may have grown out of (龙华新区 → 龙华区, 红谷滩新区 → 红谷滩区): a guess,
 * since cities name new areas after anything (绍兴's 镜湖新区 is not Wuhu's 镜湖区).
 */
export function newAreaGuess(c: Division): string | undefined {
  const m = /^(.{2,})区$/.exec(c.name);
  return m && !m[1]!.endsWith('新') && !GENERIC_STEM.test(m[1]!) ? `${m[1]}新区` : undefined;
}

/** Other names of a prefecture: 恩施州 and 湘西州 for the autonomous prefectures, 日喀则地区 for today's 日喀则市. */
export function prefectureAliases(p: Division): string[] {
  const auto = AUTONOMOUS.exec(p.name);
  if (auto) return [`${auto[1]}州`];
  const m = /^(.{2,})(市|地区)$/.exec(p.name);
  if (!m) return [];
  return [m[2] === '市' ? `${m[1]}地区` : `${m[1]}市`];
}

/** A township's name under its other statuses (犀浦镇 became 犀浦街道; many 乡 became 镇). */
export function townshipAliases(name: string): string[] {
  const m = /^(.{2,})(镇|乡|街道)$/.exec(name);
  if (!m) return [];
  return ['镇', '乡', '街道'].filter((s) => s !== m[2]).map((s) => m[1] + s);
}

/**
 * Former divisions whose name lives on in court records and in people's mouths, merged into or
 * renamed as a division of another name: former name → today's GB/T 2260 code.
 */
export const FORMER_NAMES: Readonly<Record<string, string>> = {
  崇文区: '110101', 宣武区: '110102',
  塘沽区: '120116', 汉沽区: '120116', 大港区: '120116',
  闸北区: '310106', 卢湾区: '310101', 南汇区: '310115',
  唐海县: '130209', 北市区: '130606', 南市区: '130606', 新市区: '130602',
  东陵区: '210112',
  动力区: '230110',
  白下区: '320104', 下关区: '320106', 沧浪区: '320508', 平江区: '320508', 金阊区: '320508', 吴县市: '3205',
  崇安区: '320213', 南长区: '320213', 北塘区: '320213', 楚州区: '320803', 清河区: '320812', 清浦区: '320812',
  港闸区: '320613', 维扬区: '321003', 戚墅堰区: '320412',
  江干区: '330102', 下城区: '330105', 江东区: '330212', 绍兴县: '330603',
  开元区: '350203', 鼓浪屿区: '350203', 杏林区: '350205',
  湾里区: '360113',
  四方区: '370203', 胶南市: '370211', 长岛县: '370614',
  襄樊市: '4206', 襄樊: '4206', 襄阳区: '420607',
  萝岗区: '440112', 东山区: '440104', 芳村区: '440103',
  双桥区: '500111', 万盛区: '500110',
  宜宾县: '511504', 达县: '511703',
  小河区: '520111',
  思茅市: '5308', 思茅地区: '5308', 思茅: '5308',
  林芝县: '540402', 昌都县: '540302', 那曲县: '540602',
  中卫县: '640502', 大同县: '140215',
};

/**
 * New areas (国家级新区 and the best-known city ones) and zones people name without their city:
 * name → the codes of the divisions they lie in (a new area across two prefectures lists both).
 */
export const ZONES: Readonly<Record<string, readonly string[]>> = {
  两江新区: ['50'],
  贵安新区: ['5201', '5204'],
  雄安新区: ['130638', '130629', '130632'],
  西咸新区: ['6101', '6104'],
  天府新区: ['5101', '5114'],
  舟山群岛新区: ['3309'],
  南沙新区: ['440115'],
  西海岸新区: ['370211'],
  金普新区: ['210213'],
  湘江新区: ['4301'],
  江北新区: ['3201'],
  福州新区: ['3501'],
  滇中新区: ['5301', '5323'],
  哈尔滨新区: ['2301'],
  长春新区: ['2201'],
  赣江新区: ['3601', '3604'],
  郑东新区: ['4101'],
  郑州航空港: ['410173'],
  曹妃甸新区: ['130209'],
  大鹏新区: ['4403'],
  前海合作区: ['440305'],
  横琴新区: ['440402'],
  平潭综合实验区: ['350128'],
  杨凌示范区: ['610403'],
  东湖高新区: ['4201'],
  苏州工业园区: ['3205'],
  无锡新区: ['320214'],
  大亚湾: ['4413'],
};
