/**
 * Officials named in the text by unit and position ("镇派出所所长李某", "县公安局副局长王某某",
 * "村支书张三", "省厅某处长"), with the level of their unit. A position is taken only with a unit
 * before it, or when the position itself says the unit (村支书, 镇长, 县长…): "胡书记" alone is a
 * form of address, not a unit.
 */
import type { Entity, OfficialLevel } from '../models/lead';
import { nameAt } from './entities-names';
import { Gazetteer } from './gazetteer';

/** Longest first: the regex alternation takes the first that matches. */
const POSITIONS = [
  '党支部书记', '党工委书记', '政法委书记', '党委书记', '支部书记', '纪委书记', '村委会主任', '村支书', '村主任', '村长', '副书记', '书记',
  '副主任', '主任', '常务副县长', '常务副市长', '副镇长', '镇长', '副乡长', '乡长', '副县长', '县长', '副区长', '区长', '副市长', '市长',
  '副省长', '省长', '副州长', '州长', '副厅长', '厅长', '副局长', '局长', '副处长', '处长', '副科长', '科长', '股长', '副所长', '所长',
  '副大队长', '大队长', '中队长', '支队长', '副队长', '队长', '站长', '副院长', '院长', '庭长', '副检察长', '检察长', '副部长', '部长',
  '社长', '组长', '指导员', '教导员', '政委', '民警', '辅警', '干警', '警察', '法官', '检察官',
];
const POSITION = new RegExp(POSITIONS.join('|'), 'g');
/** Positions that name their own unit's level: 村支书, 镇长, 县长… */
const SELF_LEVELLED = /[村镇乡县区市省州]/;

/** What follows a "…长" that is a word or a place, not a position: 所长期, 县长安镇, 市长宁区. */
const NOT_A_POSITION_AFTER = /^(?:信箱|热线|专线|公开电话|期|时间|久|远|达|度|辈|途|假|效|篇|跑|廊|短|此|江|城|[\u4e00-\u9fa5]{1,2}(?:省|市|区|县|镇|乡|村|路|街|派出所))/;
/** Words after which a unit's name starts (cut as trimOrganisation does), longest alternatives first. */
const UNIT_BOUNDARY =
  /.*(\d+[年月日号时分]|当地|后来|随后|然后|之后|后(?!勤)|调任|仅仅|拿着|腐化|偶遇|不配|怎么|现有|只有|没有|看见|发现|等候|证明|联合|接到|前来|该|虚构|委托|冒充|谎称|自称|我们|他们|认识|担任|任职|贿赂|勾结|串通|包庇|充当|成为|作为|收买|买通|拉拢|联系|还有|以及|现任|时任|举报|纠集|伙同|通过|利用|一位|这位|那位|一个|这个|那个|的|在|是|和(?!城乡|信息化|规划|社会|旅游|改革|计划)|与|被|把|向|到|给|由|对|了|找|请|系|叫|跟|送|及|其|我|他|她|你|说|称|据|原|前|兼(?!容)|许|要|当(?!地)|任|为|问|各|每|能|遇|[，。、；：,.;:\s“”"（）()])/;
const UNIT_CHAR = /[\u4e00-\u9fa5A-Za-z0-9×*]/;
const UNIT_END = /(?:省|自治区|市|州|盟|地区|县|区|旗|镇|乡|街道|村|社区|局|所|厅|处|科|股|委|办|院|队|站|部|府|支部|党委|中心|组|庭|会|社|室)$/;
const BOUNDARY_CHAR = /[的了在和与及等到，。、；：！？,.;:!?\s（）()“”"]/;

let gazetteer: Gazetteer | undefined;

/** Division names (镇江市, 乡宁县, 兰州, 崇福镇) stand for their level, so that their characters do not. */
function maskPlaces(unit: string): string {
  gazetteer ??= Gazetteer.default();
  let out = unit;
  for (const m of gazetteer.find(unit).reverse()) {
    const levels = new Set(m.candidates.map((c) => c.level));
    // A township's candidates are the counties it lies in; it stands for its own level.
    const marker = m.kind === 'township' ? '镇' : levels.has('county') ? '县' : levels.has('prefecture') ? '市' : '省';
    out = out.slice(0, m.start) + marker + out.slice(m.end);
  }
  return out;
}

const LEVEL_MARKERS: ReadonlyArray<readonly [OfficialLevel, RegExp]> = [
  ['village', /村|社区|居委会|嘎查/],
  ['township', /镇|乡|街道|苏木|派出所|(?:国土|司法|财政|税务|工商|土管|林业|水利)所/],
  ['county', /县|旗|分局|区/],
  ['prefecture', /市|州|盟/],
  ['province', /省|厅/],
  ['national', /国家|中央|国务院|^(?:公安|司法|民政|财政|教育|商务|外交|国防|自然资源|生态环境|住房和(?:城乡)?建设|交通运输|水利|农业农村|应急管理|审计|人力资源和社会保障)部/],
];

/**
 * The level of an official from the unit and the position: the most local level named wins, since units nest ("XX市XX区公安分局" is a county-level unit).
 */
export function officialLevel(unit: string, role = ''): OfficialLevel | undefined {
  const scan = (s: string): OfficialLevel | undefined => {
    const t = s
      .replace(/城乡|乡村|市场|城市|超市|都市|小区|园区|景区|辖区|片区/g, '')
      .replace(/县级市/g, '县')
      .replace(/自治区/g, '省')
      .replace(/地区/g, '市');
    return LEVEL_MARKERS.find(([, re]) => re.test(t))?.[0];
  };
  // The position counts too: "泉塘街道泉塘村支书" is a village official.
  return scan(maskPlaces(unit) + role);
}

/** The unit written just before `end` (after the last boundary word), and where it starts. */
function unitBefore(text: string, end: number, floor: number): { unit: string; start: number } {
  let start = end;
  while (start > floor && end - start < 24 && UNIT_CHAR.test(text[start - 1]!)) start--;
  const run = text.slice(start, end);
  const unit = run.replace(UNIT_BOUNDARY, '');
  return { unit, start: end - unit.length };
}

/** Officials named in the text, each spanning unit + position (+ name when one follows). */
export function extractOfficials(text: string): Entity[] {
  const out: Entity[] = [];
  let floor = 0;
  for (const m of text.matchAll(POSITION)) {
    const role = m[0];
    const pe = m.index + role.length;
    if (role.endsWith('长') && NOT_A_POSITION_AFTER.test(text.slice(pe, pe + 6))) continue;
    if (role === '书记' && text[pe] === '员') continue;
    const nameLength = nameAt(text, pe);
    const next = text[pe];
    const boundaryAfter = next === undefined || BOUNDARY_CHAR.test(next) || nameLength > 0;

    // "县公安局副局长", "省厅某处长", "区住建局的科长": an optional 的/某 between unit and position.
    const connector = /[的某]/.test(text[m.index - 1] ?? '') && m.index - 1 >= floor ? 1 : 0;
    let { unit, start } = unitBefore(text, m.index - connector, floor);
    if (connector && !UNIT_END.test(unit)) ({ unit, start } = { unit: '', start: m.index });
    if (!connector && unit.length >= 2 && !UNIT_END.test(unit) && /^[局所厅处]/.test(role) && UNIT_END.test(unit + role[0])) {
      // "县公安局长王某": the unit and the position share 局; "开平市长沙…" is a place, told by what follows.
      if (!boundaryAfter) continue;
      unit += role[0];
    }
    const selfLevelled = SELF_LEVELLED.test(role);
    if (!UNIT_END.test(unit)) {
      if (!selfLevelled) continue;
      // "开平市长沙…" is a place, "漳浦县长张三" a position, "陈市长" a form of address: what follows tells.
      if (unit && !boundaryAfter) continue;
    }
    if (selfLevelled && unit.length === 1 && connector) ({ unit, start } = { unit: '', start: m.index });
    const end = pe + nameLength;
    const name = nameLength ? text.slice(pe, end) : undefined;
    const level = officialLevel(unit, role);
    out.push({
      type: 'official',
      text: text.slice(start, end),
      start,
      end,
      value: name ?? unit + role,
      role,
      ...(level ? { level } : {}),
    });
    floor = end;
  }
  return out;
}
