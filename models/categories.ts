/**
 * Screening categories: the twelve key targets of the 2018 national 扫黑除恶 campaign notice
 * (十二类重点打击对象) plus two screening outcomes. Codes, names and descriptions are exactly those
 * of shared/data/categories.json so that evaluations line up (a data-tier test checks it); the
 * descriptions are also the prototypes the screening model learns rare categories from.
 */
export const CATEGORIES = [
  { code: 'POLITICAL_INFILTRATION', no: 1, name: '威胁政治安全、向政权渗透', description: '威胁政治安全特别是制度安全、政权安全以及向政权渗透的黑恶势力' },
  { code: 'GRASSROOTS_CONTROL', no: 2, name: '把持基层政权、侵吞集体资产', description: '把持基层政权、操纵破坏基层换届选举、垄断农村资源、侵吞集体资产的黑恶势力' },
  { code: 'VILLAGE_BULLY', no: 3, name: '村霸、宗族恶势力', description: '利用家族、宗族势力横行乡里、称霸一方，欺压残害百姓的“村霸”等黑恶势力' },
  { code: 'LAND_AND_DEMOLITION', no: 4, name: '征地拆迁中煽动闹事', description: '在征地、租地、拆迁、工程项目建设等过程中煽动闹事的黑恶势力' },
  { code: 'INDUSTRY_MONOPOLY', no: 5, name: '行业领域强揽工程、滥开滥采', description: '在建筑工程、交通运输、矿产资源、渔业捕捞等行业、领域，强揽工程、恶意竞标、非法占地、滥开滥采的黑恶势力' },
  { code: 'MARKET_BULLY', no: 6, name: '欺行霸市、强买强卖、收保护费', description: '在商贸集市、批发市场、车站码头、旅游景区等场所欺行霸市、强买强卖、收保护费的市霸、行霸等黑恶势力' },
  { code: 'VICE', no: 7, name: '黄赌毒', description: '操纵、经营“黄赌毒”等违法犯罪活动的黑恶势力' },
  { code: 'ILLEGAL_LENDING', no: 8, name: '非法放贷、暴力讨债', description: '非法高利放贷、暴力讨债的黑恶势力' },
  { code: 'VIGILANTE', no: 9, name: '插手民间纠纷、地下执法队', description: '插手民间纠纷，充当“地下执法队”的黑恶势力' },
  { code: 'ONLINE_HARASSMENT', no: 10, name: '网络水军滋扰', description: '组织或者雇佣网络“水军”在网上威胁、恐吓、侮辱、诽谤、滋扰的黑恶势力' },
  { code: 'CROSS_BORDER', no: 11, name: '境外黑社会渗透、跨国跨境', description: '境外黑社会入境发展渗透以及跨国跨境的黑恶势力' },
  { code: 'PROTECTIVE_UMBRELLA', no: 12, name: '保护伞', description: '黑恶势力“保护伞”：为黑恶势力提供庇护、通风报信、包庇纵容的公职人员' },
  { code: 'OUT_OF_SCOPE', no: 13, name: '非涉黑涉恶', description: '不属于涉黑涉恶的问题（普通民事纠纷、一般违法犯罪、政务诉求等），应转其他渠道' },
  { code: 'INVALID', no: 14, name: '无效举报', description: '无实质内容、乱码、广告、纯辱骂或重复刷屏' },
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

export function categoryDescription(code: CategoryCode): string {
  return CATEGORIES.find((c) => c.code === code)?.description ?? '';
}

export function isInScope(code: CategoryCode): boolean {
  return code !== 'OUT_OF_SCOPE' && code !== 'INVALID';
}
