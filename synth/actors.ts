/**
 * Officials (with unit and position at village, town, county and prefecture level) and
 * organisations (companies, venues, village committees) attached to a place.
 */
import type { Official } from '../models/report';
import { personName, type Person } from './identity';
import type { Place } from './places';
import { Rng } from './rng';

export interface OfficialActor extends Official {
  readonly person: Person;
  readonly unit: string;
  readonly position: string;
  /** How the text names them: "城关区公安分局副局长李强". */
  readonly label: string;
}

type Level = 'village' | 'town' | 'county' | 'prefecture';

/** [unit suffix, positions] by level; the unit name is prefixed with the place's name. */
const POSTS: Readonly<Record<Level, ReadonlyArray<readonly [string, readonly string[]]>>> = {
  village: [
    ['村党支部', ['书记', '副书记']],
    ['村民委员会', ['主任', '副主任', '会计']],
  ],
  town: [
    ['人民政府', ['镇长', '副镇长']],
    ['党委', ['书记', '副书记']],
    ['派出所', ['所长', '副所长', '指导员', '民警', '辅警']],
    ['国土所', ['所长']],
    ['司法所', ['所长']],
  ],
  county: [
    ['公安局', ['副局长', '刑侦大队大队长', '治安大队大队长', '局长', '交警大队副大队长']],
    ['自然资源局', ['局长', '副局长', '执法大队队长']],
    ['人民法院', ['执行局局长', '副院长', '法官']],
    ['人民检察院', ['副检察长', '科长']],
    ['住建局', ['副局长', '质监站站长']],
    ['纪委监委', ['副书记', '室主任']],
    ['水利局', ['河道管理所所长', '副局长']],
    ['市场监督管理局', ['副局长', '稽查大队队长']],
    ['人民政府', ['副县长', '办公室主任']],
  ],
  prefecture: [
    ['公安局', ['副局长', '治安支队支队长', '科长']],
    ['自然资源和规划局', ['科长', '副局长']],
    ['中级人民法院', ['庭长', '法官']],
    ['住房和城乡建设局', ['处长', '科长']],
  ],
};

export function official(rng: Rng, place: Place, level?: Level): OfficialActor {
  const lv = level ?? rng.weighted<Level>([['village', 2], ['town', 4], ['county', 5], ['prefecture', 1.5]]);
  const [suffix, positions] = rng.pick(POSTS[lv]);
  const position = rng.pick(positions);
  let unit: string;
  if (lv === 'village') {
    const community = place.village.endsWith('社区');
    unit = place.village + (suffix === '村党支部' ? '党支部' : community ? '居民委员会' : '村民委员会');
  } else if (lv === 'town') {
    const street = place.town.endsWith('街道');
    if (suffix === '人民政府') unit = place.town + (street ? '办事处' : '人民政府');
    else if (suffix === '党委') unit = place.town + (street ? '党工委' : '党委');
    else unit = place.town.replace(/(镇|乡|街道)$/, '') + suffix;
  } else if (lv === 'county') {
    const district = /区$/.test(place.county.name);
    unit = place.county.name + (suffix === '公安局' && district ? '公安分局' : suffix);
  } else unit = (place.municipality || !place.prefecture ? place.province.name : place.prefecture.name) + suffix;
  let pos = position;
  if (lv === 'town' && suffix === '人民政府' && place.town.endsWith('乡')) pos = position.replace('镇', '乡');
  if (lv === 'town' && suffix === '人民政府' && place.town.endsWith('街道')) pos = position.replace('镇长', '主任');
  if (lv === 'county' && suffix === '人民政府' && !/县$/.test(place.county.name)) pos = position.replace('县', /区$/.test(place.county.name) ? '区' : '市');
  const person = personName(rng, rng.chance(0.9));
  return { person, name: person.name, unit, position: pos, label: `${unit}${pos}${person.name}` };
}

const BRAND = [...'鑫盛宏达兴旺恒通金鼎华泰天顺发永利福源聚财隆昌富豪凯锦辉腾龙'];

export function brand(rng: Rng): string {
  const a = rng.pick(BRAND);
  let b = rng.pick(BRAND);
  while (b === a) b = rng.pick(BRAND);
  return a + b;
}

export type OrgKind = 'construction' | 'sand' | 'mine' | 'transport' | 'loan' | 'ktv' | 'chess' | 'bath' | 'market' | 'debt' | 'media' | 'trade' | 'demolition';

const ORG_FORMS: Readonly<Record<OrgKind, readonly string[]>> = {
  construction: ['建筑工程有限公司', '建设工程有限公司', '土石方工程有限公司', '建筑劳务有限公司'],
  sand: ['砂场', '砂石料场', '建材有限公司', '河砂经营部'],
  mine: ['石料厂', '采石场', '矿业有限公司', '煤矿'],
  transport: ['物流有限公司', '运输有限公司', '渣土运输车队', '客运公司'],
  loan: ['小额贷款公司', '投资咨询有限公司', '金融信息服务有限公司', '担保有限公司', '典当行'],
  ktv: ['KTV', '量贩KTV', '夜总会', '会所', '酒吧'],
  chess: ['棋牌室', '茶楼', '休闲会所', '麻将馆', '电玩城'],
  bath: ['洗浴中心', '足浴城', '养生会所', '宾馆'],
  market: ['农贸市场', '批发市场', '水果批发市场', '建材市场', '海鲜市场'],
  debt: ['商务咨询有限公司', '文化传媒公司', '保安服务公司', '调解服务中心'],
  media: ['网络科技有限公司', '文化传媒有限公司', '信息咨询工作室'],
  trade: ['贸易有限公司', '商贸有限公司', '实业有限公司'],
  demolition: ['拆迁服务有限公司', '拆除工程有限公司', '物业管理有限公司'],
};

/** "城关区鑫盛建筑工程有限公司", "金鼎KTV", "柳河村砂场". */
export function organisation(rng: Rng, kind: OrgKind, place: Place): string {
  const form = rng.pick(ORG_FORMS[kind]);
  const loc = rng.pick([place.county.name.replace(/(县|区|市|旗)$/, ''), place.town.replace(/(镇|乡|街道)$/, ''), '']);
  if (kind === 'market' || kind === 'sand' || kind === 'mine') return (loc || place.town.replace(/(镇|乡|街道)$/, '')) + (rng.chance(0.5) ? brand(rng) : '') + form;
  return (form.endsWith('公司') || form.endsWith('中心') ? loc : '') + brand(rng) + form;
}
