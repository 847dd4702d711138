/**
 * Screening categories: the twelve key targets of the 2018 national 扫黑除恶 campaign notice
 * (十二类重点打击对象) plus two screening outcomes. Codes and names are exactly those of
 * shared/data/categories.json so that evaluations line up (a unit test checks it).
 */
export const CATEGORIES = [
  { code: 'POLITICAL_INFILTRATION', no: 1, name: '威胁政治安全、向政权渗透' },
  { code: 'GRASSROOTS_CONTROL', no: 2, name: '把持基层政权、侵吞集体资产' },
  { code: 'VILLAGE_BULLY', no: 3, name: '村霸、宗族恶势力' },
  { code: 'LAND_AND_DEMOLITION', no: 4, name: '征地拆迁中煽动闹事' },
  { code: 'INDUSTRY_MONOPOLY', no: 5, name: '行业领域强揽工程、滥开滥采' },
  { code: 'MARKET_BULLY', no: 6, name: '欺行霸市、强买强卖、收保护费' },
  { code: 'VICE', no: 7, name: '黄赌毒' },
  { code: 'ILLEGAL_LENDING', no: 8, name: '非法放贷、暴力讨债' },
  { code: 'VIGILANTE', no: 9, name: '插手民间纠纷、地下执法队' },
  { code: 'ONLINE_HARASSMENT', no: 10, name: '网络水军滋扰' },
  { code: 'CROSS_BORDER', no: 11, name: '境外黑社会渗透、跨国跨境' },
  { code: 'PROTECTIVE_UMBRELLA', no: 12, name: '保护伞' },
  { code: 'OUT_OF_SCOPE', no: 13, name: '非涉黑涉恶' },
  { code: 'INVALID', no: 14, name: '无效举报' },
] as const;

export type CategoryCode = (typeof CATEGORIES)[number]['code'];

export const CATEGORY_CODES: readonly CategoryCode[] = CATEGORIES.map((c) => c.code);

/** The twelve in-scope target types (codes 1–12). */
export const IN_SCOPE_CATEGORIES: readonly CategoryCode[] = CATEGORIES.filter((c) => c.no <= 12).map((c) => c.code);

const NAME_BY_CODE = new Map<string, string>(CATEGORIES.map((c) => [c.code, c.name]));

export function isCategoryCode(value: unknown): value is CategoryCode {
  return typeof value === 'string' && NAME_BY_CODE.has(value);
}

export function categoryName(code: CategoryCode): string {
  return NAME_BY_CODE.get(code) ?? code;
}

export function isInScope(code: CategoryCode): boolean {
  return code !== 'OUT_OF_SCOPE' && code !== 'INVALID';
}
