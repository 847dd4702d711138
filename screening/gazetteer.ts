/**
 * Place-name lookup over the administrative divisions of models/divisions.ts: full names of
 * provinces, prefectures and counties, the short names of provinces and prefectures (甘肃省/甘肃,
 * 兰州市/兰州), the other names of gazetteer-names.ts (former names, short forms of autonomous
 * units, new areas and zones), the 41,000 townships (镇, 乡, 街道, 苏木) standing for the county
 * they lie in, names masked by the publisher (玉某县), and 本市/该县 standing for the unit named
 * before them. Short county names are left out: too many are ordinary words (和平, 新华, 城关).
 *
 * Names that follow each other form a chain (浙江省宁波市慈溪市, 本区叶榭镇): each link narrows the
 * next one's readings (鼓楼区 after 南京市 is Nanjing's), and only the narrowest link votes.
 */
import { COUNTIES, loadTownships, PREFECTURES, PROVINCES, type Division } from '../models/divisions';
import { countyAliases, FORMER_NAMES, newAreaGuess, prefectureAliases, townshipAliases, ZONES } from './gazetteer-names';
import { resolveAnaphora } from './gazetteer-anaphora';
import type { PlaceKind, PlaceMention } from './place-mention';

export type { PlaceKind, PlaceMention } from './place-mention';

const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const PREFECTURE_SUFFIX = /(市|地区|盟|(蒙古族|藏族|回族|彝族|白族|傣族|哈尼族|壮族|苗族|侗族|土家族|布依族|朝鲜族|哈萨克|傈僳族|景颇族|羌族|柯尔克孜|蒙古|黎族)*自治州)$/;
/** Township-level names worth looking for: the others (开发区, 管委会, 监狱…) repeat or are not places people name. */
const TOWNSHIP = /^.{2,}(镇|乡|街道|苏木)$/;
/** 玉某县, 黄1某市, 海××区: the first character of a county's (or city's) name kept, the rest masked. */
const MASKED = /([\u4e00-\u9fa5])(?:某|\d某|×+|X+|x+|\*+)(县|市|区|旗)/g;
/** Ordinary words that happen to contain a place name: 交易门市 (易门市), 大理石 (大理), 长沙发 (长沙), 阿里巴巴 (阿里), 白银交易, 大城市. */
const NOT_PLACES = ['交易门市', '大理石', '长沙发', '门市部', '阿里巴巴', '白银交易', '白银期货', '大城市', '上城市'];
/**
 * Division names that are also ordinary words: the parts of a town (城区, 老城区, 矿区 are counties
 * too) and short city names with another common sense (日照 sunlight, 长治久安, 朝阳, 安康, 大同小学,
 * 中山路, 玉溪 and 红河 cigarettes, 普洱 tea). Alone they say nothing; beside other names they agree.
 */
const ORDINARY_WORDS = new Set([
  '城区', '郊区', '矿区', '老城区', '新城区', '市中区', '城关区', '东区', '西区', '河东区', '河西区', '城中区', '城东区', '城西区', '城南区', '城北区',
  '朝阳', '日照', '长治', '安康', '大同', '中山', '白银', '玉溪', '普洱', '海北', '红河', '白山', '天水', '通化',
]);
/** Characters after which a place name may start when it does not follow another name. */
const NAME_MAY_FOLLOW =
  /[^\u4e00-\u9fa5]|[在于到至往从赴经过去来回返是为系的和与及同跟对向给由把被将自住位处称即共任驶逃窜以趁入出达抵临近沿朝距上下进留驻居属辖含设据依凭让使令替帮省市区县镇乡村州盟旗原现籍暨或、]/;

interface Entry {
  readonly kind: PlaceKind;
  /** Lower wins: an official name over a former one, a division over a township, a township's own name over its other statuses. */
  readonly rank: number;
  candidates: Division[];
  short: boolean;
}

const RANK = { official: 0, former: 1, alias: 2, guess: 3, township: 4, townshipAlias: 5 } as const;

interface Divisions {
  readonly provinces: readonly Division[];
  readonly prefectures: readonly Division[];
  readonly counties: readonly Division[];
  /** The townships, or how to load them: they are indexed on the first search, off the start-up path. */
  readonly townships?: Townships | (() => Townships);
}

type Townships = readonly { readonly name: string; readonly countyCode: string }[];

export class Gazetteer {
  private readonly byName = new Map<string, Entry>();
  /** Name lengths by first character, longest first: the scan tries only lengths that exist. */
  private readonly lengths = new Map<string, number[]>();
  /** The first two characters of every name: most positions of a text start none, and are passed at once. */
  private readonly starts = new Set<string>();
  private readonly counties: readonly Division[];
  private readonly prefectures: readonly Division[];
  private readonly byCode: ReadonlyMap<string, Division>;
  private townships: Divisions['townships'];
  private static shared: Gazetteer | undefined;

  constructor(divisions: Divisions) {
    this.counties = divisions.counties;
    this.prefectures = divisions.prefectures;
    this.byCode = new Map([...divisions.provinces, ...divisions.prefectures, ...divisions.counties].map((d) => [d.code, d]));
    for (const p of divisions.provinces) this.add(p.name, p, 'division', RANK.official), this.addShort(p.name, PROVINCE_SUFFIX, p);
    for (const p of divisions.prefectures) this.add(p.name, p, 'division', RANK.official), this.addShort(p.name, PREFECTURE_SUFFIX, p);
    for (const c of divisions.counties) this.add(c.name, c, 'division', RANK.official);
    this.addOtherNames(divisions);
    // A short name that is a province's (海南, 吉林) means the province, not another province's prefecture (海南州).
    for (const entry of this.byName.values()) {
      const provinces = entry.candidates.filter((d) => d.level === 'province');
      if (entry.short && provinces.length > 0) entry.candidates = entry.candidates.filter((d) => provinces.some((p) => d.code.startsWith(p.code)));
    }
    for (const word of NOT_PLACES) this.starts.add(word.slice(0, 2));
    this.index(this.byName.keys());
    this.townships = divisions.townships;
  }

  /** The townships, on first use: a process that never screens (the API's) never pays for them. */
  private indexTownships(): void {
    const source = this.townships;
    if (!source) return;
    this.townships = undefined;
    const added: string[] = [];
    for (const t of typeof source === 'function' ? source() : source) {
      const county = this.byCode.get(t.countyCode);
      if (county && TOWNSHIP.test(t.name) && this.add(t.name, county, 'township', RANK.township)) added.push(t.name);
    }
    this.index(added);
  }

  /** Former names, the usual short forms, zones (gazetteer-names.ts). */
  private addOtherNames(divisions: Divisions): void {
    const byCode = this.byCode;
    for (const p of divisions.prefectures) for (const a of prefectureAliases(p)) this.add(a, p, 'division', RANK.alias);
    // A stem that is a prefecture's or province's short name elsewhere (大同区 of Daqing: 大同 is Shanxi's) makes no alias.
    const shortOf = new Map<string, Division[]>();
    for (const d of [...divisions.provinces, ...divisions.prefectures]) {
      const short = d.name.replace(d.level === 'province' ? PROVINCE_SUFFIX : PREFECTURE_SUFFIX, '');
      shortOf.set(short, [...(shortOf.get(short) ?? []), d]);
    }
    const foreignStem = (c: Division, alias: string): boolean => (shortOf.get(alias.slice(0, -1)) ?? []).some((d) => !c.code.startsWith(d.code));
    for (const c of divisions.counties) for (const a of countyAliases(c)) if (!foreignStem(c, a)) this.add(a, c, 'division', RANK.alias);
    for (const c of divisions.counties) {
      const guess = newAreaGuess(c);
      if (guess) this.add(guess, c, 'division', RANK.guess);
    }
    for (const [name, code] of Object.entries(FORMER_NAMES)) {
      const d = byCode.get(code);
      if (d) this.add(name, d, 'division', RANK.former);
    }
    for (const [name, codes] of Object.entries(ZONES)) {
      for (const d of codes.map((c) => byCode.get(c))) if (d) this.add(name, d, 'zone', RANK.former);
    }
  }

  /** What the scan needs of these names: their first two characters, and the lengths by first character. */
  private index(names: Iterable<string>): void {
    for (const name of names) {
      const entry = this.byName.get(name)!;
      this.starts.add(name.slice(0, 2));
      const list = this.lengths.get(name[0]!) ?? [];
      // A township may be written under another status, one character shorter or longer (镇 / 街道).
      for (const len of entry.kind === 'township' ? [name.length - 1, name.length, name.length + 1] : [name.length]) {
        if (!list.includes(len)) list.push(len);
      }
      this.lengths.set(name[0]!, list);
    }
    for (const list of this.lengths.values()) list.sort((a, b) => b - a);
  }

  /** The whole country; built once per process and shared, its townships indexed on the first search. */
  static default(): Gazetteer {
    Gazetteer.shared ??= new Gazetteer({ provinces: PROVINCES, prefectures: PREFECTURES, counties: COUNTIES, townships: loadTownships });
    return Gazetteer.shared;
  }

  lookup(name: string): readonly Division[] {
    this.indexTownships();
    return this.byName.get(name)?.candidates ?? [];
  }

  /** Longest-match scan, left to right; mentions never overlap; then masked names, anaphora and chains. */
  find(text: string): PlaceMention[] {
    this.indexTownships();
    const mentions: PlaceMention[] = [];
    for (let i = 0; i < text.length; ) {
      if (!this.starts.has(text.slice(i, i + 2))) {
        i++;
        continue;
      }
      const word = NOT_PLACES.find((w) => text.startsWith(w, i));
      if (word) {
        i += word.length;
        continue;
      }
      const found = this.longestAt(text, i);
      if (found) {
        mentions.push(found);
        i = found.end;
      } else i++;
    }
    const all = [...mentions, ...this.masked(text, mentions)].sort((a, b) => a.start - b.start);
    return chain(text, resolveAnaphora(text, markGlued(text, all)));
  }

  private longestAt(text: string, i: number): PlaceMention | undefined {
    for (const len of this.lengths.get(text[i]!) ?? []) {
      if (i + len > text.length) continue;
      const name = text.slice(i, i + len);
      const entry = this.entryOf(name);
      if (entry) {
        const flags = { ...(entry.short ? { short: true } : {}), ...(entry.rank === RANK.guess ? { guess: true } : {}), ...(ORDINARY_WORDS.has(name) ? { ordinary: true } : {}) };
        return { text: name, start: i, end: i + len, candidates: entry.candidates, kind: entry.kind, ...flags };
      }
    }
    return undefined;
  }

  /** The entry of a name, or of a township under another status (犀浦镇, now 犀浦街道). */
  private entryOf(name: string): Entry | undefined {
    const entry = this.byName.get(name);
    if (entry || !/[镇乡道]$/.test(name)) return entry;
    const others = townshipAliases(name).map((a) => this.byName.get(a)).filter((e): e is Entry => e?.kind === 'township');
    if (others.length === 0) return undefined;
    const candidates = [...new Map(others.flatMap((e) => e.candidates).map((d) => [d.code, d])).values()];
    return { kind: 'township', rank: RANK.townshipAlias, candidates, short: false };
  }

  private masked(text: string, taken: readonly PlaceMention[]): PlaceMention[] {
    const out: PlaceMention[] = [];
    for (const m of text.matchAll(MASKED)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((t) => t.start < end && start < t.end)) continue;
      const [first, suffix] = [m[1]!, m[2]!];
      const pool = suffix === '市' ? [...this.counties, ...this.prefectures] : this.counties;
      const candidates = pool.filter((c) => c.name.startsWith(first) && c.name.endsWith(suffix) && c.name.length <= 4);
      if (candidates.length > 0) out.push({ text: m[0], start, end, candidates, kind: 'masked' });
    }
    return out;
  }

  /** Adds a reading of a name; false when the name already stands for something that outranks it. */
  private add(name: string, d: Division, kind: PlaceKind, rank: number, short = false): boolean {
    const entry = this.byName.get(name);
    if (entry && entry.rank < rank) return false;
    if (!entry || entry.rank > rank) {
      this.byName.set(name, { kind, rank, candidates: [d], short });
      return true;
    }
    entry.short &&= short;
    if (!entry.candidates.some((x) => x.code === d.code)) entry.candidates.push(d);
    return true;
  }

  private addShort(name: string, suffix: RegExp, d: Division): void {
    const short = name.replace(suffix, '');
    if (short !== name && short.length >= 2) this.add(short, d, 'division', RANK.official, true);
  }
}

/** `inner` lies in (or, for a township's county, is) `outer`. */
function within(inner: Division, outer: Division, innerIsContainer: boolean): boolean {
  return inner.code.startsWith(outer.code) && (inner.code.length > outer.code.length || innerIsContainer);
}

/**
 * Two-character county names, three-character township names and 东城区/西城区 often occur by
 * accident inside longer words (南县 in 肃南县, 和县 in 人员和县政府, 地城镇 in 本地城镇, 河东城区):
 * such a name is glued when it starts right after a character no place name follows, and not inside
 * the name before it. So is a district named by a direction before a house number: an estate's
 * section (贝港南区XXX号), not the county 港南区.
 */
const ESTATE_SECTION = /^.{1,2}[东西南北中]区$/;
const HOUSE_NUMBER = /^(?:[\dXx×*]+|[一二三四五六七八九十]+)(?:号|栋|幢|单元|期)|^\d/;

function markGlued(text: string, mentions: readonly PlaceMention[]): PlaceMention[] {
  return mentions.map((m, i) => {
    if (m.start === 0 || !m.candidates.every((d) => d.level === 'county')) return m;
    if (m.kind === 'division' && ESTATE_SECTION.test(m.text) && HOUSE_NUMBER.test(text.slice(m.end, m.end + 8))) return { ...m, glued: true };
    const mayBeGlued = (m.kind === 'division' && (m.text.length === 2 || /^[东西南北]城区$/.test(m.text))) || (m.kind === 'township' && m.text.length === 3);
    if (!mayBeGlued) return m;
    const previous = mentions[i - 1];
    if (previous && previous.end === m.start && m.candidates.some((x) => previous.candidates.some((y) => within(x, y, false)))) return m;
    return NAME_MAY_FOLLOW.test(text[m.start - 1]!) ? m : { ...m, glued: true };
  });
}

/** Adjacent names narrow each other: 南京市鼓楼区 is Nanjing's 鼓楼区, and 南京市 then votes through it. */
function chain(text: string, mentions: PlaceMention[]): PlaceMention[] {
  const out = [...mentions];
  for (let i = 1; i < out.length; i++) {
    const outer = out[i - 1]!;
    const inner = out[i]!;
    if (text.slice(outer.end, inner.start).trim() !== '' || inner.glued) continue;
    const container = inner.kind === 'township';
    let narrowed = inner.candidates.filter((x) => outer.candidates.some((y) => within(x, y, container)));
    // A township or a guessed new area right after a unit the data does not place it in (renamed,
    // merged, or a village's name) is still that unit's: 宁德市周宁县上集乡, 绍兴市镜湖新区.
    const weak = container || inner.guess === true;
    if (narrowed.length === 0 && weak && outer.kind !== 'township' && outer.candidates.every((y) => y.level !== 'province')) narrowed = [...outer.candidates];
    if (narrowed.length === 0) continue;
    out[i] = { ...inner, candidates: narrowed };
    out[i - 1] = { ...outer, candidates: outer.candidates.filter((y) => narrowed.some((x) => within(x, y, weak))), chained: true };
  }
  return out;
}
