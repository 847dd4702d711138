/**
 * Out-of-scope reports (ordinary matters a citizen board receives: property management, noise,
 * unpaid wages without violence, traffic, schools, social insurance, neighbours, single frauds),
 * some naming places and people so that they are hard negatives; and invalid reports (乱码,
 * advertising, pure abuse, far too short, copy-paste floods).
 */
import { brand } from './actors';
import { amount, masked, mobile, personName } from './identity';
import { fill, type Rng } from './rng';

export interface OtherDraft {
  text: string;
  people: Array<{ name?: string; position?: string }>;
  organisation?: string;
}

const OOS: ReadonlyArray<{ org?: (r: Rng) => string; lines: readonly string[] }> = [
  { org: (r) => brand(r) + '物业管理有限公司', lines: [
    '{我是|我们是}[place]{[estate]小区的业主|[estate]的住户}，{小区物业|[org]}{服务太差|不作为}，{电梯坏了|楼道灯坏了}{半年|好几个月}{都没人修|没人管}。',
    '{物业经理|物业负责人}[pname]{态度很蛮横|很霸道}，{还说|说}{不交物业费就停水|爱找谁找谁}。',
    '{请|希望}{有关部门|住建局}{管一管|督促整改}。',
  ] },
  { lines: [
    '[place]{[estate]小区|我家}楼下{新开了一家|有一家}{烧烤店|广场舞队|KTV}，{每天|天天}{晚上|半夜}{吵到一两点|噪音很大}，{老人孩子|一家人}{都睡不着|休息不好}。',
    '{打过|拨打过}{12345|110}{好几次|多次}，{来了说一说|管两天}{就又恢复原样|又照旧}。',
    '{希望|请}{相关部门|城管}{依法处理|彻底解决}。',
  ] },
  { org: (r) => brand(r) + '建筑劳务有限公司', lines: [
    '{我们|我们一共}[nworkers]个{农民工|工人}{在|给}[place]{一个工地|[org]}{干活|打工}，{老板|包工头}[pname]{拖欠|欠着}{我们|}工资[amount]{一直不给|拖了一年多}。',
    '{每次去要|找他要钱}，{他都说|他总说}{上面没拨款|再等等}，{电话也不接了|后来干脆躲起来}。',
    '{请|恳请}{劳动监察部门|政府}{帮我们讨回血汗钱|帮忙协调}，{快过年了|家里等着用钱}。',
  ] },
  { lines: [
    '{[place]|我们这里}{[road]|[road]路口}{的红绿灯|的路灯}{设置不合理|坏了很久}，{早晚高峰|上下班的时候}{堵得厉害|经常出事}。',
    '{建议|希望}{交警部门|有关部门}{调整|尽快修好}，{方便群众出行|保障安全}。',
  ] },
  { lines: [
    '{我孩子在|我家孩子就读的}[place]{[school]|的[school]}{乱收费|强制补课}，{每学期|每个月}{要交|收}[small]{的|}{“资料费”|补课费}。',
    '{老师|班主任}[pname]{还暗示|说}{不参加的话|不交钱}{座位就往后排|成绩会受影响}，{家长们|大家}{敢怒不敢言|很有意见}。',
    '{请|希望}{教育局|上级}{查处|管管}。',
  ] },
  { lines: [
    '{我|本人}[at]{辞职回老家|换了工作}，{社保|医保}{转移手续|关系}{办了|跑了}{三个月|好几趟}{还没办下来|都说材料不全}。',
    '{窗口工作人员|经办人}{互相推诿|态度冷淡}，{希望|请}{能|}{简化流程|给个明确答复}。',
  ] },
  { lines: [
    '{我家|我}{和邻居|跟隔壁}[pname]{因为|为了}{宅基地界线|排水沟|楼道堆放杂物}{闹矛盾|发生争吵}，{他家|对方}{把院墙往我家这边砌了半米|把杂物堆在公共过道}。',
    '{村里|社区}{调解了几次|来过几回}{都没用|也没结果}，{双方|两家}{还吵过架|差点动手}。',
    '{希望|请}{政府|有关部门}{主持公道|依法处理}。',
  ] },
  { lines: [
    '[time]{我|本人}在网上{买东西|刷单|投资}{被骗了|被人骗了}[small]，{对方|骗子}{加我微信后|收钱后}{就把我拉黑了|就联系不上了}。',
    '{已经在|在}[place]{派出所|公安局}{报了案|报过警}，{一直没有进展|说会立案调查}，{请帮忙|请尽快}{追回损失|督促一下}。',
  ] },
  { org: (r) => brand(r) + '化工有限公司', lines: [
    '[place]{的|}[org]{偷偷|晚上}{往河里|往沟里}{排放污水|排废水}，{气味刺鼻|河水都变黑了}，{附近村民|我们}{很多人|不少人}{咳嗽|身上起疹子}。',
    '{环保部门|相关部门}{来查过|检查时}{他们就停产|工厂就关门}，{走了又开始排|晚上照样排}，{请|希望}{严肃查处|彻底整治}。',
  ] },
  { lines: [
    '{我父亲|我母亲|我家老人}[time]在[place][hospital]{做手术|住院}，{因为|由于}{医生|值班医生}{处理不当|延误治疗}{导致|造成}{病情加重|落下后遗症}。',
    '{医院|院方}{推卸责任|拒绝赔偿}，{只答应|只愿意}{赔|给}[small]，{请|希望}{卫健委|上级}{主持公道|组织鉴定}。',
  ] },
  { lines: [
    '[place]{[estate]|我们小区}{旁边|门口}{有人|有一户}{私搭乱建|违规加盖}{两层|彩钢房}，{挡住了|影响}{采光|消防通道}。',
    '{城管|街道}{说|答复}{会处理|已经立案}，{但|可是}{几个月过去了|到现在}{还是没拆|没有动静}。',
  ] },
  { lines: [
    '{我|本人}{在[place]一家|在[place]的一家}{饭店|超市|公司}{上班|打工}{三年|两年多}，{老板|负责人}[pname]{不给交社保|辞退我不给补偿}，{还扣了|扣}{我|}{一个月工资|押金}[small]。',
    '{申请劳动仲裁|找劳动局}{太慢了|要排很久}，{请|希望}{领导|相关部门}{帮忙|督促}{解决|处理}。',
  ] },
];

export function outOfScopeDraft(rng: Rng, place: string | null, time: string): OtherDraft {
  const t = rng.pick(OOS);
  const p = personName(rng);
  const showName = rng.chance(0.6);
  const org = t.org ? t.org(rng) : undefined;
  const vars = {
    place: place ?? '',
    at: place ? `在${place}` : '',
    pname: showName ? p.name : masked(p),
    org: org ?? '',
    estate: brand(rng) + rng.pick(['花园', '小区', '家园', '名苑', '新城']),
    road: rng.pick(['人民路', '解放路', '建设路', '中山路', '新华路']) + rng.pick(['与', '和']) + rng.pick(['环城路', '滨河路', '东风路', '长江路']),
    school: rng.pick(['第一中学', '实验小学', '第三中学', '中心小学']),
    hospital: rng.pick(['人民医院', '中医院', '妇幼保健院']),
    nworkers: String(rng.int(5, 40)),
    amount: amount(rng, 'medium'),
    small: amount(rng, 'small'),
    time,
  };
  const text = t.lines.map((l) => fill(rng, l, vars)).join(rng.chance(0.7) ? '' : '\n');
  const mentioned = t.lines.some((l) => l.includes('[pname]'));
  return { text, people: mentioned ? [{ name: vars.pname }] : [], organisation: org };
}

const ABUSE = [
  '{你们|这些当官的}{都是|全是}{废物|一群饭桶}，{什么事都不干|就知道拿工资}！！！',
  '{垃圾网站|什么破平台}，{举报了也没用|骗人的}，{全都是骗子|一帮混蛋}！',
  '{去死吧|滚}，{没一个好东西|都不是好人}！！！',
];
const SHORT = ['有黑社会', '举报', '我要举报', '救命', '有人欺负我', '黑社会很嚣张', '请回复', '测试', '111', '你好'];
const FLOOD = ['严惩黑恶势力！', '扫黑除恶！', '还我公道！', '冤枉啊！', '打倒黑社会！'];
const ADS = [
  '{专业|正规}代开{各类|全国}发票，{增值税|普票专票}{均可|都能开}，{加微信|联系微信}[wx]，{电话|手机}[phone]。',
  '{兼职刷单|在家兼职}，{日赚|每天轻松赚}{三百|五百}{元|块}，{加V|加微信}[wx]{咨询|了解详情}。',
  '{无抵押|不看征信}{贷款|借款}，{当天到账|秒批}，{电话|联系}[phone]。',
  '{高价回收|收购}{银行卡|手机卡}，{一张|每套}{五百|八百}，{加微信|V}[wx]。',
];

/** An invalid report; `placeName` is used only by the "too short" kind ("XX县有黑社会"). */
export function invalidDraft(rng: Rng, placeName: string): { text: string; placeUsed: boolean } {
  const kind = rng.weighted([['gibberish', 2], ['ad', 3], ['abuse', 2], ['short', 3], ['flood', 2]] as const);
  switch (kind) {
    case 'gibberish': {
      const pool = 'abcdefghijklmnopqrstuvwxyz0123456789ASDFJKL;,./??!！。啊的了是在有和哦嗯呃囧烎';
      let s = '';
      const n = rng.int(5, 60);
      for (let i = 0; i < n; i++) s += pool[rng.int(0, pool.length - 1)];
      return { text: s, placeUsed: false };
    }
    case 'ad': {
      const wx = rng.pick(['abc', 'kf', 'fp', 'vip']) + String(rng.int(1000, 99999));
      return { text: fill(rng, rng.pick(ADS), { wx, phone: mobile(rng) }), placeUsed: false };
    }
    case 'abuse':
      return { text: fill(rng, rng.pick(ABUSE), {}), placeUsed: false };
    case 'short':
      if (rng.chance(0.3)) return { text: `${placeName}${rng.pick(['有黑社会', '黑恶势力猖獗', '有人收保护费'])}`, placeUsed: true };
      return { text: rng.pick(SHORT), placeUsed: false };
    case 'flood':
      return { text: rng.pick(FLOOD).repeat(rng.int(8, 40)), placeUsed: false };
  }
}
