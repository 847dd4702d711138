/**
 * Templates of categories 1–6. Variables: [ref] the subject (varies per use), [name], [nick],
 * [place], [village], [town], [county], [loc], [time], [amount], [org], [victim], [hench], [n],
 * [gang], [beat], plus each category's own key facts from setup().
 */
import { amount } from './identity';
import { maybe, type CategorySpec } from './spec';

export const POLITICAL_INFILTRATION: CategorySpec = {
  code: 'POLITICAL_INFILTRATION',
  related: ['POLITICAL_INFILTRATION', 'GRASSROOTS_CONTROL', 'INDUSTRY_MONOPOLY'],
  umbrellaRate: 0.32,
  setup(rng, s) {
    const title = rng.pick([`${s.place.county.name}人大代表`, `${s.place.county.name}政协委员`, `${s.place.town}人大代表`, '市政协委员', '市人大代表']);
    return {
      orgKind: rng.pick(['construction', 'trade', 'mine'] as const),
      amountScale: 'large',
      period: rng.chance(0.6),
      vars: { title, votes: String(rng.int(20, 90)), bribe: amount(rng, 'medium') },
      extras: maybe(rng, 0.3, 'GRASSROOTS_CONTROL', [
        '{他|[ref]}还把自己的{亲信|侄子|小舅子}安插进[village]两委班子，村里大小事都得他点头。',
        '[village]的村干部{都是他扶持上去的|全听他的|换届时都是他指定的}，村务完全被他把持。',
      ]),
    };
  },
  bodies: [
    [
      '[ref]{有前科|曾因故意伤害被判过刑|早年靠打打杀杀起家}，{靠|通过}[org]{积累了大量不义之财|发了家}。',
      '[time]，[ref]{花钱|通过贿赂}{当上了|混进了}[title]，{从此|此后}{有恃无恐|更加嚣张}。',
      '{他|[ref]}{拿着|顶着}[title]的{身份|光环}{到处拉拢干部|结交官员}，{请吃请喝|逢年过节送钱送物}，据说{一次就送了|前后送出}[bribe]。',
      '?{他公开说|他经常放话}“{在[county]没有我摆不平的事|谁敢动我，我上面有人}”。',
    ],
    [
      '{据我们了解|大家都知道}，[ref]为了{当上|保住}[title]，{在选举前|[time]}{挨家挨户送钱|给代表们每人发红包}，{一共花了|前后花了}[amount]。',
      '选举时{他手下[n]人|他的人}{守在会场门口|盯着投票}，{谁不投他就威胁谁|不配合的人事后被找麻烦}，最后{他|[ref]}得了[votes]票。',
      '当上[title]以后，{[ref]|他}{插手|干预}政府{项目|工程}{审批|招标}，[org]{几乎包揽了|拿下了}{全县|当地}的{重点工程|政府项目}。',
      '?{这样的人混进人大政协，是对我们老百姓的侮辱|黑恶势力渗透到政权里，后果不堪设想}。',
    ],
    [
      '[ref]是[org]的{老板|实际控制人}，{表面上是企业家|对外称是成功商人}，{实际上|背地里}{养着一帮打手|纠集[n]社会人员}。',
      '{他|[ref]}{一直想|多次}{往政府里安插自己人|让自己的亲属进入镇里村里当干部}，[time]还{操纵|干预}了[town]的{换届|人大代表选举}。',
      '{他|[ref]}{给|向}{多名干部|选举工作人员}{送钱|行贿}[bribe]，最后自己{当上了|成了}[title]。',
      '?{现在[loc]的干部都怕他|很多干部见了他都点头哈腰|老百姓说[county]的天是他的}。',
    ],
  ],
};

export const GRASSROOTS_CONTROL: CategorySpec = {
  code: 'GRASSROOTS_CONTROL',
  position: (rng, place) => place.village + rng.pick(['村委会主任', '党支部书记', '村主任', '支书兼主任', '村委会副主任']),
  related: ['GRASSROOTS_CONTROL', 'VILLAGE_BULLY', 'LAND_AND_DEMOLITION', 'INDUSTRY_MONOPOLY'],
  facets: [[0], [1], [2]],
  umbrellaRate: 0.35,
  setup(rng) {
    const asset = rng.pick(['征地补偿款', '集体土地租金', '扶贫资金', '村集体鱼塘承包费', '集体林地转让款', '修路专项资金', '危房改造补贴', '村集体厂房出租收入']);
    return {
      orgKind: rng.chance(0.4) ? 'construction' : undefined,
      amountScale: rng.chance(0.6) ? 'medium' : 'large',
      period: rng.chance(0.6),
      vars: { asset, mu: String(rng.int(3, 30) * 10), votebuy: String(rng.pick([200, 300, 500, 800, 1000])) },
      extras: [
        ...maybe(rng, 0.3, 'VILLAGE_BULLY', [
          '{他们|[ref]}家{兄弟多|在村里是大姓}，谁{有意见|提意见}就{被打|上门闹}，{村民敢怒不敢言|大家都不敢吭声}。',
          '[ref]{仗着|依靠}{家族势力|兄弟多}{横行乡里|称王称霸}，{去年|之前}还{打伤|殴打}了{提意见的|反映问题的}村民[victim]。',
        ]),
        ...maybe(rng, 0.15, 'LAND_AND_DEMOLITION', [
          '{征地时|拆迁时}{他|[ref]}{带人|找人}{强行|半夜}{推平|拆掉}了{不签字的|没同意的}几户人家的房子。',
        ]),
      ],
    };
  },
  bodies: [
    [
      '[ref]{担任|当}村干部{多年|十几年}，{把村委会当成自家的|一手遮天|村里的事他一个人说了算}。',
      '[time]，村里的[asset]{共计|一共}[amount]，{被他|被[ref]}{截留|挪用|侵吞}，{至今没有公开|账目从不公开|村民一分没拿到}。',
      '{村民多次要求公开村务|我们要求查账}，{他|[ref]}{不但不理|反而}{放话说|威胁说}“{谁再闹就让谁好看|有本事去告}”。',
      '?{村里的账都是他小舅子在管|会计是他的亲戚}，{账目一塌糊涂|白条入账}。',
    ],
    [
      '[time]村委会换届，[ref]{为了连任|为了当选}，{让手下|叫[hench]等人}{挨家挨户|逐户}{送钱拉票|发红包}，{每票[votebuy]元|一票给[votebuy]块钱}。',
      '{对不收钱的|对其他候选人}，{他|[ref]}{派人威胁|找社会上的人恐吓}，{有的候选人|另一名候选人[victim]}{被逼退选|不敢参选}。',
      '选举当天{他的人|一帮外村人}{守在|堵在}投票点，{代写选票|收走选票}，{选举完全被操纵|根本不是村民的真实意愿}。',
      '?{当选后|连任后}{他|[ref]}把村里[mu]亩集体土地{低价租给|转包给}自己亲戚，{从中获利|吃差价}[amount]。',
    ],
    [
      '[ref]{利用职务便利|仗着自己是村干部}，{垄断|把持}村里{所有工程|的项目和资源}，{外人根本进不来|只能由他的人来干}。',
      '{村里修路|村里的集体项目}{都由|全部交给}{他弟弟|他的亲戚|[org]}承包，{工程质量极差|偷工减料}，{虚报|多报}工程款[amount]。',
      '{村里|我们村}[mu]亩集体土地{被他|被[ref]}{私自卖掉|偷偷流转出去}，{村民|我们}{一分钱没见到|至今不知道钱去了哪里}。',
      '?{他在村里说|他常说}“{村里的地就是我的地|我就是村里的天}”。',
    ],
  ],
};

export const VILLAGE_BULLY: CategorySpec = {
  code: 'VILLAGE_BULLY',
  position: (rng, place) => (rng.chance(0.3) ? place.village + rng.pick(['村民小组长', '治保主任']) : undefined),
  related: ['VILLAGE_BULLY', 'GRASSROOTS_CONTROL', 'LAND_AND_DEMOLITION', 'INDUSTRY_MONOPOLY', 'VIGILANTE'],
  facets: [[0], [1], [2]],
  umbrellaRate: 0.32,
  setup(rng, s) {
    const injury = rng.pick(['肋骨骨折', '头部缝了十几针', '鉴定为轻伤', '左臂骨折', '住院半个多月', '眼睛差点被打瞎']);
    return {
      amountScale: rng.chance(0.6) ? 'small' : 'medium',
      period: rng.chance(0.5),
      vars: { injury, brothers: String(rng.int(3, 7)), clan: `${s.boss.surname}家`, seized: rng.pick(['宅基地', '承包地', '鱼塘', '自留山', '果园']) },
      extras: maybe(rng, 0.2, 'GRASSROOTS_CONTROL', [
        '{村干部|村委会}{也|全}{是他们[clan]的人|被他们控制}，{村里的事都是他们说了算|换届选举都被他们把持}。',
      ]),
    };
  },
  bodies: [
    [
      '[ref]{仗着|依靠}[clan]{兄弟[brothers]个|人多势众|是村里大户}，{在村里|在[village]}{横行霸道|称王称霸|为所欲为}{多年|已经十几年}。',
      '[time]，{因为一点小事|因为地界纠纷}，[ref]{带着|纠集}{兄弟|[hench]等人}{把|将}村民[victim]{打得|殴打致}[injury]。',
      '{报警后|事后}{派出所来了|民警来过}{只是调解|没有下文}，{他们|[ref]}{照样|依旧}{逍遥法外|在村里耀武扬威}。',
      '?{村里人|大家}{见了他都绕着走|被欺负了都不敢报警}。',
    ],
    [
      '{我们村|[village]}的[ref]{是出了名的村霸|人称“土皇帝”}，[aka]。',
      '{他|[ref]}{强占|霸占}{了|}村民[victim]家的[seized]，{还|并}{放话说|扬言}“{谁敢要回去就打断谁的腿|这地以后就是我的}”。',
      '[time]，村里{修路|修水渠|铺自来水管}，[ref]{拦着不让施工|堵路}，{索要|勒索}{好处费|“过路费”}[amount]{才肯放行|才罢休}。',
      '?{他家|[clan]}{几个兄弟|[brothers]兄弟}{经常|动不动就}{在村里|在路口}{打人骂人|欺负老实人}。',
    ],
    [
      '[ref]{长期|多年来}{欺压|欺负}{村民|乡邻}，{村里的红白喜事|村民盖房子}{都要给他“上贡”|都得先给他送钱}，{不给就闹事|否则就派人去捣乱}。',
      '{村民|[victim]家}[time]{盖房子|建房}，{因为没给他送钱|没答应他的要求}，{他|[ref]}{带人|叫上[hench]}{把房子砸了|把建材拉走了}，{损失|造成损失}[amount]。',
      '{[victim]上前理论|有人上去劝}，{被|遭到}{他们|[nm]等人}{一顿毒打|围殴}，[injury]。',
      '?{我们|村民}{多次向镇里反映|找过村里和镇里}，{都没有结果|没人敢管}。',
    ],
  ],
};

export const LAND_AND_DEMOLITION: CategorySpec = {
  code: 'LAND_AND_DEMOLITION',
  related: ['LAND_AND_DEMOLITION', 'GRASSROOTS_CONTROL', 'INDUSTRY_MONOPOLY', 'VILLAGE_BULLY'],
  facets: [[0, 1], [2]],
  umbrellaRate: 0.35,
  setup(rng, s) {
    const project = rng.pick([`${s.place.town}棚户区改造项目`, '高速公路征地', `${s.place.county.name}工业园区征地`, '高铁站片区开发', '旧村改造项目', '新城开发项目']);
    return {
      orgKind: 'demolition',
      amountScale: rng.chance(0.5) ? 'medium' : 'large',
      period: rng.chance(0.4),
      vars: { project, households: String(rng.int(5, 40)), hour: rng.pick(['凌晨三点多', '半夜两点', '深夜', '凌晨']) },
      extras: maybe(rng, 0.25, 'INDUSTRY_MONOPOLY', [
        '{拆迁后的|项目里的}{土方|渣土运输}{和|、}{砂石供应|建筑工程}{都被他强揽|全由他的人垄断}，{别人想干|外地施工队进场}{就被打|就被赶走}。',
      ]),
    };
  },
  bodies: [
    [
      '[time]，[place]{搞|实施}[project]，[ref]{带着|纠集}[n]{来路不明的人|社会闲散人员}{充当|组成}“拆迁队”。',
      '{[hour]|趁夜里}，{他们|[nm]的人}{戴着头盔|拿着钢管}，{用挖掘机|开着铲车}{强行|硬生生}{拆掉了|推倒了}村民[victim]家的房子，{家里的东西|财物}{全埋在里面|一件没拿出来}。',
      '{补偿款|拆迁补偿}{一分没给|没谈拢}，{被拆的|受害的}{有|一共}[households]户{左右|}，{损失|经济损失}{共计|}[amount]。',
      '?{谁不签字|谁家不同意}，{他们就断水断电、往门上泼粪|就往窗户里扔石头|就半夜去砸门}。',
    ],
    [
      '[ref]{是[org]的老板|承包了[project]的拆迁}，{为了|图}{多拿补偿|压价}，{长期|一直}{采取暴力手段|用黑社会手段}{逼迁|强迫村民签字}。',
      '{[victim]家|有一户}{不同意|嫌补偿太低}，[time]{被|遭}[ref]{手下|带的人}{围殴|打伤}，{住进了医院|头破血流}。',
      '{我们|村民}{报警|打110}{后|以后}，{民警来了看看就走|说是民事纠纷不管}，{拆迁照样进行|第二天房子就没了}。',
      '?{他还放话|[ref]说}“{不签就让你家在这里待不下去|拆你家房子是看得起你}”。',
    ],
    [
      '{我要举报|举报}[ref]在[project]{中|过程中}{煽动|组织}{村民闹事|一些人堵路阻工}，{借机|趁机}{敲诈|勒索}{开发商|施工单位}。',
      '[time]，{他|[ref]}{组织|叫了}[n]{人|村民}{堵住|封了}工地{大门|出入口}，{不让施工|逼停工程}，{要|索要}“{协调费|补偿款}”[amount]。',
      '{拿到钱以后|钱到手后}，{他|[ref]}{自己吞了大部分|只分给村民一点点}，{被他鼓动的村民|跟着闹的人}{反而|却}{被派出所处理|吃了亏}。',
      '?{他|[ref]}{还|又}{垄断了|霸占了}{项目的|工地的}{土方和砂石|材料供应}，{不用他的就不让干|不用他的货就闹事}。',
    ],
  ],
};

export const INDUSTRY_MONOPOLY: CategorySpec = {
  code: 'INDUSTRY_MONOPOLY',
  related: ['INDUSTRY_MONOPOLY', 'MARKET_BULLY', 'LAND_AND_DEMOLITION', 'VILLAGE_BULLY'],
  facets: [[0], [1], [2]],
  umbrellaRate: 0.39,
  setup(rng, s) {
    const trade = rng.pick(['sand', 'mine', 'construction', 'transport'] as const);
    const river = rng.pick(['河道', '江边', '河滩', '水库库区', '山上']);
    return {
      orgKind: trade,
      amountScale: rng.chance(0.4) ? 'medium' : 'large',
      period: rng.chance(0.6),
      vars: {
        river,
        volume: String(rng.int(2, 60)),
        fee: String(rng.pick([5, 8, 10, 15, 20, 30])),
        tender: rng.pick([`${s.place.county.name}道路改造工程`, `${s.place.town}污水管网工程`, '农村公路项目', '学校新建工程', '河道整治工程']),
        dig: trade === 'sand' ? '非法采砂' : trade === 'mine' ? '非法开采石料' : trade === 'construction' ? '非法取土挖砂' : '非法取土、倒卖砂土',
        trade: trade === 'sand' ? '砂石' : trade === 'mine' ? '石料' : trade === 'transport' ? '土方运输' : '建筑工程',
      },
      extras: maybe(rng, 0.15, 'MARKET_BULLY', [
        '{当地|[county]}{的|}[trade]{价格|行情}{被他一手控制|全是他定的}，{别人卖便宜一点|外地的货进来}{就被砸车|就被打}。',
      ]),
    };
  },
  bodies: [
    [
      '[ref]{是|作为}[org]{老板|的实际控制人}，{长期|[time]}在[river][dig]，{没有任何手续|采砂证早就过期}。',
      '{据估算|粗略算下来}{已经挖走了|开采了}[volume]万方{以上|左右}，{非法获利|赚了}[amount]{以上|}，{河堤|山体}{已经被挖得千疮百孔|塌了好几处}。',
      '{附近村民|有人}{去阻止|拍视频举报}，{被|遭到}{他手下|[hench]等人}{殴打|威胁}，{[victim]的车|村民的车}{还被砸了|被扎了胎}。',
      '?{他们|[nm]的人}{晚上偷偷挖|白天停工晚上干}，{执法的人一来就提前收到风|检查前就有人通知}。',
    ],
    [
      '{在[loc]|在[county]}{搞工程|干工地}，{[trade]|材料}{必须|只能}用[nm]的，{否则|不然}{就堵路|就砸工地|就别想开工}。',
      '[time]，{我们公司|一家外地施工队}{在[place]|在当地}{承接了|中标了}[tender]，{因为没用他的[trade]|不肯给他分包}，{工地|机械}{被|让}[n]人{砸了|围了}。',
      '{后来|最后}{被迫|只能}{按每方多给[fee]元|交了“进场费”}，{前后|一共}{多付了|被他拿走了}[amount]。',
      '?{这种|像[ref]这样的}“{砂霸|土方霸|工程霸}”{在当地|在[county]}{人人都知道|无人敢惹}。',
    ],
    [
      '[ref]{长期|一直}{操纵|控制}[county]{一带的|的}工程招投标，{组织|拉着}{多家公司|几家关系户}{围标串标|陪标}。',
      '[time]的[tender]，{其他投标人|有意投标的公司}{被他|被[nm]的人}{威胁|警告}“{敢投就让你出不了[county]|识相的就退出}”，{最后|结果}{[org]|他的公司}{以高价中标|中标}，{标的|合同金额}[amount]。',
      '{不服的|有个老板[victim]}{被|遭}{他找人|他手下}{堵在宾馆里打了一顿|拦路殴打}。',
      '?{他常说|[ref]放话}“{[county]的工程不经过我谁也干不成|这里的工程都是我的}”。',
    ],
  ],
};

export const MARKET_BULLY: CategorySpec = {
  code: 'MARKET_BULLY',
  related: ['MARKET_BULLY', 'INDUSTRY_MONOPOLY', 'VICE', 'VIGILANTE'],
  facets: [[0], [1], [2]],
  umbrellaRate: 0.32,
  setup(rng) {
    const goods = rng.pick(['蔬菜', '水果', '海鲜', '猪肉', '牛羊肉', '建材', '粮油', '服装']);
    return {
      orgKind: 'market',
      amountScale: 'small',
      period: rng.chance(0.7),
      vars: {
        goods,
        monthly: String(rng.pick([200, 300, 500, 800, 1000, 1500, 2000])),
        stalls: String(rng.int(30, 300)),
        station: rng.pick(['汽车站', '火车站', '码头', '景区门口', '医院门口']),
      },
      extras: [],
    };
  },
  bodies: [
    [
      '[ref]{带着|纠集}[n]{打手|小混混|社会青年}{常年|长期}{盘踞|控制}[org]，{向|对}{每个摊位|商户}{收取|强收}“{管理费|保护费|卫生费}”，{每月|一个月}[monthly]元。',
      '{市场里|这里}{大约有|有}[stalls]{个摊位|家商户}，{不交的|谁不交}{就被掀摊子|就被砸店|就被赶出市场}。',
      '[time]，{卖[goods]的|商户}[victim]{因为拖了几天|少交了一次}，{被他们|被[nm]的人}{打得鼻青脸肿|当众扇耳光}，{货也被扔了一地，损失|损失了}[amount]。',
      '?{大家|商户们}{都知道他有人罩着|敢怒不敢言}，{没人敢报警|报了也没用}。',
    ],
    [
      '[loc]{的[goods]批发|[goods]生意}{被[ref]一伙垄断|全被[ref]把持}，{外面的货不准进来|商户只能从他那里进货}，{价格比外面高|比外面贵}{三成|一大截}。',
      '{有商户|[victim]}{从外地拉了一车[goods]|自己去产地进货}，{在市场门口|半路上}{被拦下|被截住}，{车被砸|货被倒在地上}。',
      '{他们|[nm]等人}{光[time]|仅这一次}{就|}{造成损失|给商户造成损失}[amount]。',
      '?{工商|市场监管}{来检查|来了几次}{也不管|都被他摆平了}。',
    ],
    [
      '{在[place]|在[county]}[station]，[ref]{带着|领着}一帮人{控制|霸占}{了|}{客运|拉客|停车}生意，{外面的车|别的司机}{不准拉客|来了就被打}。',
      '{司机|跑车的}{每月|每个月}{必须|都得}{给他交|上交}[monthly]元“{份子钱|管理费}”，{不交就砸车|否则车就别想开出来}。',
      '[time]，司机[victim]{不服|拒交}，{被|让}{他们|[nm]的人}{围起来打|拖下车打}，{车也被砸了|车窗全碎}，{修车花了|损失}[amount]。',
      '?{游客|乘客}{被他们|也常被}{强拉|宰客}，{坐车要多掏几倍的钱|不坐还骂人}。',
    ],
  ],
};
