/**
 * Completion of a typed place against the administrative divisions (models/divisions.ts) for the
 * province labels: a code prefix ("33", "3302") or a name prefix ("浙江", "慈溪", "上海市虹口").
 * Choosing a county gives province, prefecture and county codes; a prefecture gives the first
 * two; a province only the province (docs/LABELLING.md §3: the finer codes when certain).
 */
import { COUNTIES, PREFECTURES, PROVINCES, prefectureName, provinceName, type Division } from '../../models/divisions';

export interface DivisionChoice {
  readonly level: Division['level'];
  readonly provinceCode: string;
  readonly prefectureCode: string | null;
  readonly countyCode: string | null;
  readonly name: string;
  /** Province › prefecture › county names, as shown; placeholder prefectures (市辖区) are left out. */
  readonly path: readonly string[];
}

const SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|盟)$/;
const LEVEL_ORDER = { province: 0, prefecture: 1, county: 2 } as const;

let choices: DivisionChoice[] | undefined;

function allChoices(): DivisionChoice[] {
  choices ??= [
    ...PROVINCES.map((p) => ({ level: p.level, provinceCode: p.code, prefectureCode: null, countyCode: null, name: p.name, path: [p.name] })),
    ...PREFECTURES.map((p) => ({ level: p.level, provinceCode: p.provinceCode, prefectureCode: p.code, countyCode: null, name: p.name, path: [provinceName(p.provinceCode), p.name] })),
    ...COUNTIES.map((c) => {
      const prefecture = c.prefectureCode ? prefectureName(c.prefectureCode) : undefined;
      return {
        level: c.level,
        provinceCode: c.provinceCode,
        prefectureCode: c.prefectureCode ?? null,
        countyCode: c.code,
        name: c.name,
        path: [provinceName(c.provinceCode), ...(prefecture ? [prefecture] : []), c.name],
      };
    }),
  ];
  return choices;
}

const codeOf = (c: DivisionChoice): string => c.countyCode ?? c.prefectureCode ?? c.provinceCode;

/** How well `c` matches `query`: lower is better, undefined when it does not match. */
function rank(c: DivisionChoice, query: string): number | undefined {
  if (/^\d+$/.test(query)) {
    const code = codeOf(c);
    return code === query ? 0 : code.startsWith(query) ? 1 : undefined;
  }
  if (c.name === query || c.path.join('') === query) return 0;
  if (c.name.startsWith(query)) return 1;
  // "上海市虹口", "张家口桥东", "吴忠市利通": the path from any level down, short names above the last.
  const short = c.path.map((n, i) => (i < c.path.length - 1 ? n.replace(SUFFIX, '') : n));
  for (let k = 0; k < c.path.length - 1; k++) {
    if (c.path.slice(k).join('').startsWith(query) || short.slice(k).join('').startsWith(query)) return 2;
  }
  return undefined;
}

/** The best `limit` divisions for `query`: exact matches first, then provinces, prefectures, counties. */
export function completeDivision(query: string, limit = 8): DivisionChoice[] {
  const q = query.trim();
  if (!q) return [];
  return allChoices()
    .map((c) => ({ c, r: rank(c, q) }))
    .filter((x): x is { c: DivisionChoice; r: number } => x.r !== undefined)
    .sort((x, y) => x.r - y.r || LEVEL_ORDER[x.c.level] - LEVEL_ORDER[y.c.level] || codeOf(x.c).localeCompare(codeOf(y.c)))
    .slice(0, limit)
    .map((x) => x.c);
}
