/**
 * Reading Chinese personal names in running text: common surnames, names masked as 张某, 李某某,
 * 王X, 杨1某 (how reports and judgments anonymise people), and full names (surname + one or two
 * characters) where the context says a name is there. A name is only ever read at a place the
 * caller chose (after a cue, after a position): surnames are too common to scan for blindly.
 */

/**
 * The most common single surnames (roughly the 2020 census ranking, top ~130) minus characters
 * that are far more often words than surnames (和, 时, 文, 安…). A linguistic resource.
 */
const SINGLE_SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖施洪牛樊葛邢齐伍庞颜倪庄聂章鲁岳翟殷詹申耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁蒲滕屈饶牟艾尤穆卓吉缪褚娄窦戚岑',
]);
const DOUBLE_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙', '宇文', '司徒', '申屠', '端木'];

/** Characters before which a surname-like character is really the end of a word (位于, 方向, 主任). */
const SURNAME_BLOCKERS: Readonly<Record<string, string>> = {
  于: '位关对由属至等在基处用终敢善急便过勇易鉴出限归忠甘陷乐趋免警长记任员',
  向: '方走转导去动志意指倾面偏一横纵反流取朝',
  任: '担主责信放新前现兼就委',
  常: '经非正日平异反通时',
  高: '提最升增崇',
  万: '千',
  石: '砂采',
};

/** Function words and punctuation: never part of a given name, and always end one. */
const FUNCTION = new Set([...'的了在和与及等到去来把被对向从给让也又就都还是着过吗呢吧啊我你他她它们这那其该此每各一、，。；：！？“”‘’「」『』（）()[],.;:!? \n']);
/** Characters that usually start the verb after a name (纠集, 强收, 经常…): they end a name. */
const VERB_START = new Set([...'打砸抢收逼威强非违利带伙纠指拿索要充包勾串说称开以多长曾已不没私暗亲经常为将欺霸占放垄控操组持殴砍追骗贩吸卖赌敲先后再均共分专']);
/** Words that usually follow a subject: "王强经常…" is 王强, not 王强经. */
const VERB_WORDS = new Set([
  '经常', '长期', '多次', '强行', '带领', '纠集', '伙同', '指使', '非法', '利用', '专门', '暗中', '私自', '曾经', '先后', '亲自', '欺压', '霸占',
  '收取', '强收', '殴打', '威胁', '逼迫', '为首', '充当', '包庇', '勾结', '串通', '开设', '放贷', '组织', '控制', '操纵', '敲诈', '索要', '不仅',
  '没有', '已经', '说过', '称霸', '拿走', '打伤', '打人', '霸道', '强迫', '收受', '收钱', '带人', '持刀',
]);
/** Two-character words that start with a surname but are not names (高度, 方面…). */
const NOT_NAMES = new Set([
  '高度', '高价', '高利', '高额', '万元', '于是', '方面', '方式', '江湖', '常常', '任意', '任由', '周边', '周围', '马上', '白天', '金额', '钱财', '黄赌',
  '严重', '严厉', '包庇', '石场', '田地', '程序', '何时', '陆续', '许多', '许可', '龙头', '毛钱', '钟头', '谢谢', '王法', '高利贷', '张口', '黄色', '任期', '任职', '任何', '任务', '于是', '余额', '余款', '方便', '周末', '曾经', '高兴', '高速',
]);

const HAN = /^[\u4e00-\u9fa5]$/;
/** After 张某 these start the next word (张某家中, 张某处), not a given name. */
const NOT_GIVEN_AFTER_MASK = '家处村镇店厂院楼人说称因系所时后前将并即又再也';
/** A surname and a title is a form of address (曾书记, 王老板), not a name. */
const TITLES = new Set(['书记', '主任', '局长', '所长', '县长', '市长', '镇长', '乡长', '村长', '老板', '师傅', '老师', '医生', '警官', '经理', '总经理', '队长', '科长', '处长', '支书', '老总']);
const MASK = '某Xx×*';

/** Words that read like a name but are not (高利贷, 王法), and titles after a surname (曾书记). */
export function isNotName(candidate: string, surnameLength = 1): boolean {
  return NOT_NAMES.has(candidate) || NOT_NAMES.has(candidate.slice(0, 2)) || TITLES.has(candidate.slice(surnameLength));
}

export function isSurnameAt(text: string, i: number): number {
  if (DOUBLE_SURNAMES.includes(text.slice(i, i + 2))) return 2;
  const ch = text[i] ?? '';
  if (!SINGLE_SURNAMES.has(ch)) return 0;
  const blockers = SURNAME_BLOCKERS[ch];
  return blockers && i > 0 && blockers.includes(text[i - 1]!) ? 0 : 1;
}

const isGivenChar = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch) && !FUNCTION.has(ch) && !MASK.includes(ch);
const endsName = (ch: string | undefined): boolean => ch === undefined || !HAN.test(ch) || FUNCTION.has(ch) || VERB_START.has(ch);

/** What follows a lone 某 when it is a determiner, not a name (某些, 某村, 某天…). */
const DETERMINER_AFTER = /^(?:些|种|个|一|领导|官员|干部|机关|方面|处|地|天|日|年|月|次|位|项|件|样|段|时|村|镇|乡|县|市|区|省|局|所|厂|店|场|公司|单位|部门|小区|街|路|号)/;

/**
 * Length of a masked name starting at `i` (张某, 李某某, 王X, 王XX, 李×1, 杨1某, 向某甲), or 0.
 */
export function maskedNameAt(text: string, i: number): number {
  const s = isSurnameAt(text, i);
  if (!s) return 0;
  const rest = text.slice(i + s);
  const m = /^(?:\d某|(某某?|[Xx×*]{1,2})(\d|[甲乙丙丁](?!方))?)/.exec(rest);
  if (!m) return 0;
  if (m[1] === '某' && !m[2] && DETERMINER_AFTER.test(rest.slice(1))) return 0;
  // 王XX is a name; "XXX" or Latin words are not.
  if (m[1] && /^[Xx]/.test(m[1]) && /^[A-Za-z]/.test(rest.slice(m[0].length))) return 0;
  // "柳某响，", "李*宸": the given name kept after the mask, when a boundary closes it.
  const given = rest[m[0].length];
  if (!m[2] && m[1] && m[1].length === 1 && isGivenChar(given) && !VERB_START.has(given!) && !NOT_GIVEN_AFTER_MASK.includes(given!)) {
    const after = rest[m[0].length + 1];
    if (!/[某Xx]/.test(m[1]) || after === undefined || /[，。、；：！？,.;:!?\s（(]/.test(after)) return s + m[0].length + 1;
  }
  return s + m[0].length;
}

/** Length of a full name (surname + one or two characters) starting at `i`, or 0. */
export function fullNameAt(text: string, i: number): number {
  const s = isSurnameAt(text, i);
  if (!s) return 0;
  const g1 = text[i + s];
  const g2 = text[i + s + 1];
  if (!isGivenChar(g1)) return 0;
  let length: number;
  if (!isGivenChar(g2)) length = s + 1;
  else if (VERB_WORDS.has(text.slice(i + s + 1, i + s + 3))) length = s + 1;
  else if (endsName(text[i + s + 2])) length = s + 2;
  else length = VERB_START.has(g2!) ? s + 1 : s + 2;
  return isNotName(text.slice(i, i + length), s) ? 0 : length;
}

/** A masked or full name starting at `i`: its length, or 0. */
export function nameAt(text: string, i: number): number {
  return maskedNameAt(text, i) || fullNameAt(text, i);
}

const PREPOSITIONS = '于向和与对同跟被让给叫找由从以将把及带';

/** Start of a name ending at `end` (…王大虎|为首), or -1: three characters preferred over two. */
export function nameEndingAt(text: string, end: number): number {
  for (let i = end - 6; i < end - 1; i++) {
    if (i < 0) continue;
    const m = maskedNameAt(text, i);
    if (m && i + m === end) return i;
  }
  const candidates: number[] = [];
  if (DOUBLE_SURNAMES.includes(text.slice(end - 4, end - 2)) || DOUBLE_SURNAMES.includes(text.slice(end - 3, end - 1))) {
    candidates.push(DOUBLE_SURNAMES.includes(text.slice(end - 4, end - 2)) ? end - 4 : end - 3);
  }
  // "对于李四" reads 李四, not 于李四: a preposition before a surname is the preposition.
  const three = end - 3;
  if (three >= 0 && !(PREPOSITIONS.includes(text[three]!) && isSurnameAt(text, three + 1))) candidates.push(three);
  candidates.push(end - 2);
  for (const start of candidates) {
    if (start < 0) continue;
    const s = isSurnameAt(text, start);
    if (!s) continue;
    const given = text.slice(start + s, end);
    if (given.length < 1 || given.length > 2 || ![...given].every((c) => isGivenChar(c))) continue;
    if (!isNotName(text.slice(start, end), s)) return start;
  }
  return -1;
}
