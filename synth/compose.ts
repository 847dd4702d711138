/**
 * Assembles a tip-off text from an incident: opening, subject introduction, the category's
 * narrative, secondary-category sentences, the protective official, harm and closing — each
 * from interchangeable phrase parts so that two reporters of one incident write differently.
 */
import { fill, type Rng, type Vars } from './rng';

export interface ComposeInput {
  vars: Record<string, string | readonly string[]>;
  body: readonly string[];
  extras: ReadonlyArray<readonly string[]>;
  umbrella: boolean;
  umbrellaPrimary: boolean;
  realName: boolean;
  migrant: boolean;
  /** Whether the text itself names the place (otherwise only facts.place does). */
  placeInText: boolean;
  selfContact: boolean;
  selfId: boolean;
}

const OPENINGS_WITH_PLACE = [
  '我要举报[place]的[boss]。',
  '{尊敬的领导|扫黑办的领导|各位领导}：{您好|你们好}！{我要反映|现反映}[place]{的|}[boss]{一伙|团伙|等人}的{问题|违法犯罪行为}。',
  '{我是|本人是}[place]{人|的村民|的一名普通群众}，{现|今天}{向你们|}举报{我们那里的|当地的}[boss]。',
  '[place]的[boss]{长期|多年来}{欺压百姓|为非作歹|横行霸道}，{特此举报|现举报如下|请领导重视}。',
  '举报[boss]（[place]）{涉黑涉恶|欺压百姓|违法犯罪}问题。',
  '{我|我们}{反映|举报}一下[place]{这边|}的{情况|问题}，{主要是|是关于}[boss]。',
];
const OPENINGS_REAL_NAME = [
  '本人实名举报[place][boss]{涉黑涉恶|黑恶势力|违法犯罪}问题。',
  '{我叫|本人}[rname]，{实名|现实名}举报[place]的[boss]。',
];
const OPENINGS_MIGRANT = [
  '我{现在|目前}在[elsewhere]{打工|做生意|上班}，老家是[place]的。{今天|}{我要|想}举报{老家|家乡}的[boss]。',
  '{本人|我}{常年|这几年}在[elsewhere]{务工|打工}，{家在|老家在}[place]，{特|现}举报{我们村|我们老家}的[boss]。',
];
const OPENINGS_NO_PLACE = [
  '我要举报[boss]。',
  '{领导好|你们好}，{我举报|举报}[boss]{涉黑涉恶|欺压百姓}。',
  '{举报|关于}[boss]{的问题|团伙的问题}。',
];
const INTROS = [
  '[name]，[sex][age]，[akaIntro]{是|}[village]{人|村民}，{有前科|曾因打架被拘留过|无业游民|整天不务正业}。',
  '{这个人|此人}{叫[name]|名叫[name]}，[akaIntro][age]。',
  '?[name]{在[loc]|在当地}{是出了名的狠人|谁都不敢惹|没人敢得罪}。',
];
const HARMS = [
  '{当地群众|老百姓|村民}{敢怒不敢言|苦不堪言|怨声载道}。',
  '{大家|周围的人}{都怕他|怕被报复}，{没人敢站出来|不敢出头}。',
  '{这种人|这样的黑恶势力}{不除|不打掉}，{老百姓没有好日子过|[loc]永无宁日}。',
  '{社会影响极坏|影响非常恶劣}，{群众对政府都失去了信心|群众意见很大}。',
];
const CLOSINGS = [
  '{恳请|请求|强烈要求}{上级|扫黑办|有关部门|上级领导}{彻查|严查|依法打击}，{还老百姓一个公道|为民除害}！',
  '{希望|盼望}{领导|政府}{重视|派人调查}，{将这伙人绳之以法|严惩黑恶势力}。',
  '{请|恳请}{领导|组织}{查清事实|深挖彻查}，{打掉他背后的保护伞|追究相关人员责任}。',
  '{以上情况属实|以上句句属实}，{本人愿意配合调查|可以当面对质}。',
  '{望|请}{早日|尽快}{处理|回复}，{谢谢|万分感谢}！',
];
const UMBRELLA_FIRST = [
  '{[nm]之所以|他们之所以}{这么嚣张|敢这么干|屡查不倒}，{就是因为|是因为}{背后有|有}[off]{给他撑腰|当保护伞}。',
  '[off]{是[nm]的[orel]|和[nm]是[orel]}，{长期|一直}{包庇纵容|罩着他}{，有事都是他出面摆平|}。',
  '{我们|群众}{多次向上反映|报警好几次|反映过多次}，{都被|全被}[off]{压了下来|按下不查}。',
];
const UMBRELLA_MORE = [
  '{每次检查|一有风声}，[offref]{都提前通风报信|都会提前打招呼}。',
  '{听说|据说|有人亲眼看到}[offref]{收了|拿过}[nm]{的好处|送的钱}[obribe]。',
  '{举报信|我们的举报材料}{转来转去|转到下面}，{最后落到了[nm]手里|被[offref]泄露给了[nm]}。',
  '[offref]{经常|时常}{和[nm]一起吃喝|出入[nm]的场子|跟[nm]一起打牌}。',
];
const SELF_CONTACT = [
  '{我的联系电话|联系电话|手机}：[phone]。',
  '{本人|举报人}[rname]，{电话|手机号}[phone]{，随时可以联系我|}。',
];
const SELF_ID = ['{本人|举报人}[rname]，{身份证号|身份证号码}[idnum]，{电话|联系电话}[phone]。'];

function sentences(rng: Rng, list: readonly string[], vars: Vars): string[] {
  const out: string[] = [];
  for (const t of list) {
    if (t.startsWith('?')) {
      if (rng.chance(0.55)) out.push(fill(rng, t.slice(1), vars));
    } else out.push(fill(rng, t, vars));
  }
  return out;
}

export function compose(rng: Rng, input: ComposeInput): string {
  const v = input.vars;
  const parts: string[] = [];
  let opening: readonly string[];
  if (!input.placeInText) opening = OPENINGS_NO_PLACE;
  else if (input.migrant) opening = OPENINGS_MIGRANT;
  else if (input.realName && rng.chance(0.5)) opening = OPENINGS_REAL_NAME;
  else opening = OPENINGS_WITH_PLACE;
  parts.push(fill(rng, rng.pick(opening), v));
  if (!input.umbrellaPrimary && rng.chance(0.45)) parts.push(...sentences(rng, [rng.pick(INTROS)], v));

  const body = sentences(rng, input.body, v);
  // Some reporters tell the middle of the story in another order.
  if (body.length > 3 && rng.chance(0.3)) {
    const [a, b, ...rest] = body;
    parts.push(...(rng.chance(0.5) ? [b as string, a as string, ...rest] : [a as string, ...rng.shuffle(rest), b as string]));
  } else parts.push(...body);
  for (const e of input.extras) parts.push(fill(rng, rng.pick(e), v));
  if (input.umbrella) {
    parts.push(fill(rng, rng.pick(UMBRELLA_FIRST), v));
    if (rng.chance(0.7)) parts.push(fill(rng, rng.pick(UMBRELLA_MORE), v));
  }
  if (rng.chance(0.6)) parts.push(fill(rng, rng.pick(HARMS), v));
  parts.push(fill(rng, rng.pick(CLOSINGS), v));
  if (input.selfId) parts.push(fill(rng, rng.pick(SELF_ID), v));
  else if (input.selfContact) parts.push(fill(rng, rng.pick(SELF_CONTACT), v));
  return join(rng, parts);
}

/** Joins sentences, sometimes as one run-on paragraph, sometimes with line breaks. */
function join(rng: Rng, parts: readonly string[]): string {
  const r = rng.next();
  if (r < 0.6) return parts.join('');
  if (r < 0.85) return parts.join('\n');
  return parts.map((p, i) => (i > 0 && i < parts.length - 1 ? `${i}、${p}` : p)).join('\n');
}

const RESUBMIT_ADDS = [
  '{之前已经举报过|上个月就反映过}，{一直没有人处理|至今没有回音}，{现再次举报|再次反映}。',
  '补充一点：{他最近又|这几天他们又}{到处放话|开始活动了}，{请尽快处理|希望尽快处理}。',
  '{重复举报，|}{请领导务必重视|请一定要查}！',
  '{我上次提交的|之前提交的}{材料|内容}{不全|有遗漏}，现补充提交。',
];
const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['长期', '一直'], ['恳请', '请求'], ['殴打', '打'], ['群众', '老百姓'], ['领导', '上级'], ['举报', '反映'], ['严查', '彻查'],
];

/** The same reporter re-sending nearly the same text: small edits and an added sentence. */
export function resubmit(rng: Rng, text: string): string {
  let t = text;
  const ops = rng.int(1, 3);
  for (let i = 0; i < ops; i++) {
    const op = rng.int(0, 3);
    if (op === 0) t = rng.chance(0.5) ? fill(rng, rng.pick(RESUBMIT_ADDS), {}) + t : t + fill(rng, rng.pick(RESUBMIT_ADDS), {});
    else if (op === 1) {
      const [a, b] = rng.pick(SYNONYMS);
      t = t.replace(a, b);
    } else if (op === 2) t = t.replace(/，/g, rng.chance(0.5) ? ',' : '，').replace(/！/g, '!');
    else t = t.replace(/\n/g, '');
  }
  return t === text ? t + fill(rng, rng.pick(RESUBMIT_ADDS), {}) : t;
}
