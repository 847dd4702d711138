/**
 * What happened, not how it is written: counts of the acts, actors, harms and protection a report
 * describes, by concept. These features are meant to carry across writing styles (a court's
 * "被告人纠集…", a generated tip-off, a citizen's angry board message): each concept is a set of
 * words for the same thing, and the model weighs the concept, not the style around it.
 *
 * Negation and hearsay are not modelled: "没有人敢管" still counts as domination, which is what it
 * reports. Changing a lexicon changes the features: bump CONCEPT_VERSION and retrain.
 */

export const CONCEPT_VERSION = 'concepts-v1';

/** Concept name → words and phrases (plain strings, matched as substrings of the normalised text). */
export const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  /** An organised group or a dominating actor. */
  group: ['团伙', '一伙', '这伙', '那伙', '一帮', '纠集', '伙同', '打手', '马仔', '小弟', '混混', '社会青年', '社会闲散', '闲散人员', '社会人员', '社会闲杂', '帮派', '黑社会', '黑恶', '恶势力', '涉黑', '涉恶', '黑势力', '地痞', '流氓', '黑老大', '大哥', '团伙成员', '组织者', '多人', '十几个人', '几十人', '一群人', '一帮人'],
  bully: ['村霸', '路霸', '市霸', '行霸', '恶霸', '霸王', '称霸', '横行', '霸道', '霸占', '欺压', '鱼肉', '作威作福', '无人敢管', '敢怒不敢言', '没人敢', '不敢举报', '一手遮天', '土皇帝', '为所欲为', '欺行霸市'],
  violence: ['殴打', '打伤', '打人', '打死', '砍伤', '砍人', '持刀', '刀具', '棍棒', '钢管', '铁棍', '围殴', '暴力', '打砸', '砸', '伤人', '轻伤', '重伤', '致伤', '故意伤害', '寻衅滋事', '聚众斗殴', '报复', '非法拘禁', '关押', '绑架'],
  threat: ['威胁', '恐吓', '扬言', '要挟', '逼迫', '强迫', '胁迫', '堵门', '泼油漆', '喷漆', '跟踪', '骚扰', '软暴力', '滋扰', '不让', '逼着'],
  extortion: ['保护费', '敲诈', '勒索', '强收', '强行收取', '收取费用', '好处费', '强买强卖', '强迫交易', '强行买', '强制购买', '强行索要', '索要', '索取', '管理费'],
  gambling: ['赌博', '赌场', '聚赌', '开赌', '设赌', '赌资', '赌博机', '老虎机', '打鱼机', '电玩', '六合彩', '抽头', '抽水', '庄家', '赌局', '地下赌'],
  drugs: ['毒品', '吸毒', '贩毒', '冰毒', '海洛因', 'K粉', '摇头丸', '麻古', '制毒', '贩卖毒品'],
  sex: ['卖淫', '嫖娼', '色情', '容留卖淫', '组织卖淫', '淫秽', '按摩店', '洗浴'],
  lending: ['高利贷', '套路贷', '放贷', '砍头息', '利滚利', '暴力催收', '催收', '讨债', '逼债', '追债', '借条', '利息', '校园贷', '裸贷', '非法集资'],
  resources: ['非法采砂', '采砂', '盗采', '滥采', '乱采', '非法开采', '采石场', '采石', '矿山', '砂石', '河砂', '非法占地', '毁林', '挖山', '填土', '砖厂', '采矿'],
  land: ['强拆', '暴力拆迁', '拆迁', '征地', '强行征收', '断水断电', '停水停电', '拆除', '强占', '占用土地', '责任田', '宅基地', '补偿款'],
  monopoly: ['垄断', '强揽', '串标', '围标', '恶意竞标', '包揽', '霸市', '独家', '不准别人', '不许别人', '划地盘', '地盘', '强行承包'],
  protection: ['保护伞', '包庇', '纵容', '庇护', '充当', '通风报信', '官商勾结', '勾结', '后台', '靠山', '关系网', '撑腰', '有关系', '不作为', '不立案', '不处理', '睁一只眼', '收受', '受贿', '入股', '干股', '充耳不闻', '置之不理'],
  officials: ['派出所', '公安', '民警', '警察', '所长', '局长', '书记', '村支书', '村主任', '村长', '镇长', '县长', '干部', '检察', '法院', '法官', '政府', '城管', '执法'],
  grassroots: ['贿选', '拉票', '操纵选举', '换届', '把持', '村委', '村集体', '集体资产', '集体土地', '侵吞', '私分', '截留', '宗族', '家族势力', '姓氏'],
  online: ['水军', '网络暴力', '人肉', '造谣', '诽谤', '删帖', '发帖威胁', '网上散布'],
  border: ['境外', '偷渡', '跨境', '缅甸', '柬埔寨', '出境', '边境', '电诈园区', '跨国'],
  harm: ['受伤', '住院', '死亡', '致死', '伤残', '损失', '被迫', '不敢', '害怕', '恐惧', '走投无路', '家破人亡', '求助无门', '投诉无门', '维权无门'],
  enforcement: ['地下执法', '私设公堂', '出面摆平', '摆平', '收账', '替人讨债', '看场子', '看场', '插手', '调解费'],
};

export const CONCEPT_NAMES: readonly string[] = Object.keys(CONCEPTS);

/** Dense features: per concept, ln(1 + number of matches), in CONCEPT_NAMES order. */
export function conceptFeatures(text: string): number[] {
  return CONCEPT_NAMES.map((name) => {
    let n = 0;
    for (const word of CONCEPTS[name]!) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
    }
    return Math.log1p(n);
  });
}
