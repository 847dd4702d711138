/**
 * First-version category guess: weighted cue words per category, turned into ranked
 * probabilities with a softmax. Issue #4 replaces it with a trained model; this stays as the
 * model-free fallback.
 */
import type { CategoryCode } from '../models/categories';
import type { CategoryScore } from '../models/lead';

const CUES: Readonly<Record<Exclude<CategoryCode, 'OUT_OF_SCOPE' | 'INVALID'>, readonly string[]>> = {
  POLITICAL_INFILTRATION: ['政权', '渗透', '政治安全', '邪教', '境外势力', '煽动颠覆', '人大代表', '政协委员', '当选代表'],
  GRASSROOTS_CONTROL: ['换届', '选举', '贿选', '拉票', '集体资产', '集体土地', '侵吞', '村账', '村委会主任', '把持', '村集体', '惠农资金', '低保'],
  VILLAGE_BULLY: ['村霸', '宗族', '家族势力', '横行乡里', '称霸', '欺压', '恶势力', '霸占', '殴打村民', '无人敢管'],
  LAND_AND_DEMOLITION: ['拆迁', '征地', '强拆', '补偿款', '闹事', '阻挠施工', '租地', '煽动'],
  INDUSTRY_MONOPOLY: ['强揽', '工程', '砂霸', '矿霸', '采砂', '采矿', '盗采', '串通投标', '围标', '恶意竞标', '非法占地', '渣土', '运输', '砂石'],
  MARKET_BULLY: ['欺行霸市', '强买强卖', '保护费', '垄断', '市场', '摊位', '商户', '菜霸', '强迫交易', '行霸', '码头', '车站'],
  VICE: ['赌博', '赌场', '聚赌', '卖淫', '嫖娼', '色情', '毒品', '吸毒', '贩毒', '冰毒', '六合彩', '棋牌室', '涉黄'],
  ILLEGAL_LENDING: ['高利贷', '放贷', '套路贷', '借款', '利息', '砍头息', '催收', '暴力讨债', '讨债', '欠条', '校园贷', '裸贷'],
  VIGILANTE: ['地下执法', '插手', '纠纷', '替人讨债', '摆平', '私了', '雇佣打手', '打手', '出面调解', '收钱办事'],
  ONLINE_HARASSMENT: ['水军', '网上', '网络', '发帖', '删帖', '诽谤', '造谣', '人肉', '恶意差评', '微博', '抖音'],
  CROSS_BORDER: ['境外', '缅甸', '柬埔寨', '老挝', '偷渡', '跨境', '电诈', '诈骗园区', '东南亚', '香港黑社会', '澳门', '跨国'],
  PROTECTIVE_UMBRELLA: ['保护伞', '包庇', '通风报信', '充当', '庇护', '纵容', '不予立案', '收受', '好处费', '充当保护伞', '撑腰'],
};

const GANG_CUES = ['黑社会', '黑恶', '涉黑', '涉恶', '团伙', '打手', '威胁', '恐吓', '殴打', '砍伤', '持刀'];

/** The softmax temperature: one cue's worth of evidence multiplies the odds by e^(1/T). */
const TEMPERATURE = 0.8;

export function guessCategories(tokens: readonly string[], text: string): CategoryScore[] {
  const scores = new Map<CategoryCode, number>();
  for (const [code, cues] of Object.entries(CUES) as Array<[CategoryCode, readonly string[]]>) {
    scores.set(code, cues.reduce((s, cue) => s + (text.includes(cue) ? 1 : 0), 0));
  }
  const gang = GANG_CUES.reduce((s, cue) => s + (text.includes(cue) ? 1 : 0), 0);
  const best = Math.max(...scores.values());
  // Nothing of a gang in it: an ordinary matter, the most likely reading of a report without cues.
  scores.set('OUT_OF_SCOPE', best + gang === 0 ? 2 : Math.max(0, 1.5 - gang * 0.5));
  scores.set('INVALID', tokens.length < 4 ? 3 : 0);
  const exps = [...scores].map(([code, s]) => [code, Math.exp(s / TEMPERATURE)] as const);
  const total = exps.reduce((s, [, e]) => s + e, 0);
  return exps
    .map(([code, e]) => ({ code, probability: e / total }))
    .sort((a, b) => b.probability - a.probability || a.code.localeCompare(b.code));
}
