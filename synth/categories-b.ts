/** Templates of categories 7–12 (same variables as categories-a.ts). */
import { amount, nickname, personName } from './identity';
import { maybe, type CategorySpec } from './spec';

export const VICE: CategorySpec = {
  code: 'VICE',
  related: ['VICE', 'ILLEGAL_LENDING', 'MARKET_BULLY', 'CROSS_BORDER'],
  umbrellaRate: 0.42,
  setup(rng) {
    const kind = rng.weighted([['gamble', 5], ['sex', 2], ['drug', 2]] as const);
    return {
      orgKind: kind === 'gamble' ? 'chess' : kind === 'sex' ? 'bath' : 'ktv',
      amountScale: kind === 'gamble' ? 'large' : 'medium',
      period: rng.chance(0.7),
      vars: {
        game: rng.pick(['牌九', '炸金花', '推筒子', '百家乐', '打鱼机', '六合彩', '麻将']),
        tables: String(rng.int(3, 20)),
        girls: String(rng.int(5, 30)),
        drug: rng.pick(['冰毒', 'K粉', '摇头丸', '“神仙水”']),
        price: String(rng.pick([200, 300, 500, 800])),
        kind,
      },
      extras: kind === 'gamble'
        ? maybe(rng, 0.35, 'ILLEGAL_LENDING', [
            '{场子里|赌场里}{还有专人|[ref]还安排人}“放水”，{借一万|借给赌客的钱}{每天利息|一天就要}{几百元|一千元}，{还不上就|输光了还不上的}{被扣在场子里|被打}。',
            '{输了钱的人|赌客输红了眼}{可以当场向他借高利贷|找他手下借钱}，{利滚利|“砍头息”}，{不少人|好几户人家}{因此倾家荡产|被逼得卖房}。',
          ])
        : [],
    };
  },
  bodies: [
    [
      '[ref]{在|于}[place]{开设|经营}{赌场|地下赌档}，{表面上是|挂着}[org]{的招牌|的名义}，{实际上|里面}{聚众赌博|常年开赌}，{玩|赌}[game]。',
      '{场子|赌场}{里面|}{有|摆了}[tables]{张台子|桌}，{每天|每晚}{输赢|流水}{上百万|几十万}，{抽水|光抽头}{就|}{有|赚了}[amount]。',
      '{门口|路口}{安排|放了}{专人|几个小年轻}{放风|望风}，{还装了摄像头|一有风吹草动就关门}。',
      '?{我家[victim]|我的亲戚[victim]}{在里面|去赌}{输掉了|输光了}{全部积蓄|几十万}，{家破人亡|老婆都跑了}。',
    ],
    [
      '[org]{是|其实是}[ref]{开的|的场子}，{长期|[time]以来}{组织|容留}{卖淫|失足妇女卖淫}，{店里|里面}{有|养着}[girls]{个左右的小姐|名女子}。',
      '{每次|一次}{收费|价格}[price]元{起|左右}，{生意|客人}{很多|不断}，{非法获利|赚了}[amount]{以上|}。',
      '{周围居民|附近的人}{都知道|心知肚明}，{举报了好几次|打过好几次电话}，{每次查之前|一检查}{都提前关门|里面就没人了}。',
      '?{他手下|[ref]养了}{几个打手|一帮人}，{有人闹事就打|不给钱的客人被打过}。',
    ],
    [
      '[ref]{在|以}[org]{为据点|做掩护}，{长期|[time]}{贩卖|兜售}[drug]，{包厢里|场子里}{经常有人吸毒|吸毒的人很多}。',
      '{一小包|一克}[drug]{卖|要}[price]元，{他手下|[hench]等人}{负责送货|专门在场子里推销}，{还往学校周边卖|年轻人被他们拉下水}。',
      '{据知情人说|有知情人透露}，{他|[ref]}{贩毒|这几年}{获利|赚了}[amount]{左右|}。',
      '?{我家孩子|我邻居家的孩子[victim]}{就是在那里染上毒瘾的|在里面被人带着吸上了}。',
    ],
  ],
};

export const ILLEGAL_LENDING: CategorySpec = {
  code: 'ILLEGAL_LENDING',
  related: ['ILLEGAL_LENDING', 'VIGILANTE', 'VICE', 'ONLINE_HARASSMENT'],
  umbrellaRate: 0.28,
  setup(rng) {
    return {
      orgKind: 'loan',
      amountScale: 'medium',
      period: rng.chance(0.3),
      vars: {
        principal: amount(rng, 'medium'),
        rate: rng.pick(['月息10%', '月息15%', '日息1%', '先扣两成“砍头息”再按月息8%', '每周3个点', '月息二十分']),
        days: String(rng.pick([7, 10, 15, 30])),
      },
      extras: [],
    };
  },
  bodies: [
    [
      '[time]，{我家|我的亲戚[victim]}{因为生意周转|急用钱}，{通过|经人介绍找到}[org]的[nm]借了[principal]，{利息是|约定}[rate]。',
      '{签合同时|借钱时}{他们|[ref]}{让签了|逼着写了}{虚高的借条|空白借条}，{到手的钱|实际拿到手的}{被扣了一大截|比借条少了好几万}。',
      '{还了|前后还了}{好几次|几年}{以后|，}{他们|对方}{说还欠|算下来竟然要还}[amount]，{这是典型的套路贷|明显是套路贷}。',
      '?{他们|[nm]的人}{隔三差五|天天}{上门|到家里}{堵门、泼油漆|泼红油漆、往锁眼里灌胶}，{孩子都不敢去上学|全家不得安宁}。',
    ],
    [
      '[ref]{长期|一直}{在[loc]|在[county]一带}{放高利贷|非法放贷}，{利息高得吓人，|利息是}[rate]，{专门|专挑}{借给|找}{做小生意的|赌博输了钱的人}。',
      '[victim]{向他|从他那里}{借了|借}[principal]，{[days]天一还|每[days]天结一次息}，{到期还不上|晚了几天}，{就被|就让}{他手下|[hench]等人}{拉到宾馆关了两天|扣在车上打}。',
      '{最后|到现在}{本息|利滚利}{被算成|变成了}[amount]，{[victim]家|他们家}{被逼得|只好}{卖了房子|东躲西藏}。',
      '?{找他们理论|想报警}，{[ref]说|对方放话}“{报警也没用，我上面有人|敢报警就弄死你全家}”。',
    ],
    [
      '{我要举报|举报}{[org]暴力催收|[org]的[nm]}。{我|[victim]}[time]{向他们|在那里}借了[principal]，{合同上写的是正常利息|名义上是“服务费”}，{实际|其实}[rate]。',
      '{逾期|晚还}{几天|一周}，{他们|[nm]的人}{就打电话|就开始}{骚扰|辱骂}{我的家人和同事|通讯录里的所有人}，{还|又}{上门|跑到单位}{闹事|堵人}。',
      '{到现在|算下来}{已经还了|前后被逼着还了}[amount]，{他们|对方}{还说不够|还要继续要}。',
      '?{他们|[ref]}{在[loc]|在[county]}{害的人很多|不止我一家}，{有人|一个邻居}{被逼得|差点}{跳了楼|寻短见}。',
    ],
  ],
};

export const VIGILANTE: CategorySpec = {
  code: 'VIGILANTE',
  related: ['VIGILANTE', 'ILLEGAL_LENDING', 'VILLAGE_BULLY', 'MARKET_BULLY'],
  umbrellaRate: 0.32,
  setup(rng) {
    return {
      orgKind: rng.chance(0.5) ? 'debt' : undefined,
      amountScale: 'medium',
      period: rng.chance(0.3),
      vars: {
        dispute: rng.pick(['工程款纠纷', '一笔生意上的欠款', '交通事故赔偿', '离婚财产纠纷', '宅基地纠纷', '合伙生意散伙']),
        cut: rng.pick(['三成', '一半', '四成', '两成']),
        hours: String(rng.int(5, 48)),
      },
      extras: [],
    };
  },
  bodies: [
    [
      '[ref]{带着|养着}[n]{打手|小弟}，{专门|在[loc]}{替人|帮人}{讨债|“摆事”}，{收|抽}[cut]{的“辛苦费”|提成}，{人称|被叫做}“地下执法队”。',
      '[time]，{因为|为了}[dispute]，{有人|对方}{花钱|出钱}{请|雇}[ref]{出面|来处理}，{他们|[nm]等人}{冲到|闯进}[victim]家，{把人|将[victim]}{强行带走|拖上车}。',
      '[victim]{被|遭}{关在|扣在}{一间出租屋|一个仓库}里[hours]个小时，{被逼着|被迫}{写下|签了}[amount]的{欠条|还款承诺}。',
      '?{报警后|家属报警后}，{他们|[ref]}{说是“帮朋友要账”|说是民事纠纷}，{一直没有处理|不了了之}。',
    ],
    [
      '{在[county]|[loc]}{谁有纠纷|只要有人闹矛盾}，{都找|很多人去找}[ref]{“出头”|摆平}，{他|[ref]}{比法院还管用|说了算}，{这本身就不正常|这就是黑社会}。',
      '{我家|[victim]家}[time]{因为|遇到}[dispute]，{对方|另一方}{找了|叫来}[ref]，{他|[ref]}{带着|领着}{[hench]等人|一帮人}{上门|到我家}{威胁|恐吓}，{让|逼}{我们|[victim]}{拿出|赔}[amount]。',
      '{我们不同意|没答应}，{第二天|没过几天}{家里的窗户就被砸了|车就被划了|家门口被泼了油漆}。',
      '?{他|[ref]}{还对外说|放话}“{法院判的不算，我判的才算|在这一片我就是王法}”。',
    ],
    [
      '[ref]{组织|纠集}[n]{刑满释放人员|社会闲散人员}，{以|打着}[org]{的名义|为幌子}，{专门插手|专门介入}{民间纠纷|债务纠纷}，{收钱办事|拿钱替人出气}。',
      '[time]，[victim]{与人|和别人}{发生|有}[dispute]，[ref]{收了对方|拿了对方}{的钱|好处}，{带人|派人}{把[victim]堵在|在}{路上|家门口}{打了一顿|殴打}。',
      '{还|并且}{逼|强迫}[victim]{当场|}{转账|交出}[amount]，{不给就|否则}{天天上门|让他在[county]混不下去}。',
    ],
  ],
};

export const ONLINE_HARASSMENT: CategorySpec = {
  code: 'ONLINE_HARASSMENT',
  related: ['ONLINE_HARASSMENT', 'ILLEGAL_LENDING', 'MARKET_BULLY'],
  umbrellaRate: 0.17,
  setup(rng) {
    return {
      orgKind: 'media',
      amountScale: 'medium',
      period: rng.chance(0.5),
      vars: {
        platform: rng.pick(['抖音', '微博', '贴吧', '快手', '微信群', '本地论坛', '小红书']),
        posts: String(rng.int(50, 2000)),
        target: rng.pick(['我们公司', '我开的饭店', '我们厂', '我的店铺', '我本人', '我女儿']),
      },
      extras: maybe(rng, 0.25, 'ILLEGAL_LENDING', [
        '{这伙人|[ref]他们}{本身|其实}{就是放网贷的|还做网贷}，{借款人逾期|谁还不上钱}{就给通讯录里的人发侮辱短信|就在网上P图侮辱}。',
      ]),
    };
  },
  bodies: [
    [
      '[ref]{控制|经营}[org]，{雇佣|组织}{大批|一帮}网络水军，{在|通过}[platform]{上|}{捏造事实|编造谣言}{诋毁|抹黑}[target]。',
      '[time]{开始|以来}，{他们|[nm]的人}{发帖|发布}{上千条|[posts]条}，{说|污蔑}{我们|[target]}{卖假货|吃死人|坑人}，{生意|营业额}{一落千丈|几乎停了}。',
      '{后来|然后}{他们|[ref]}{打来电话|派人找我}，{说|开口}{要|只要给}[amount]“{删帖费|公关费}”{就撤帖|帖子就能消失}，{这就是敲诈|明摆着是敲诈勒索}。',
      '?{我报警后|报警以后}{他们|对方}{变本加厉|又开了几十个小号}，{把我家人的照片和电话都发到网上|还人肉出我家地址}。',
    ],
    [
      '{我要举报|举报}[ref]{组织|带着}{网络水军|一帮“网络打手”}{在网上|在[platform]上}{威胁|恐吓}{滋扰|}他人。',
      '{因为|就因为}{我|[victim]}{在[platform]上|在网上}{说了他公司|发了一条}{的差评|不好的评价}，[time]{起|以来}{每天|天天}{收到|被}{几百条|[posts]条}{辱骂私信|骚扰电话}。',
      '{他们|[nm]的手下}{还|又}{把|将}{我|[victim]}的{身份证号、住址|照片、电话}{公开发到网上|到处转发}，{扬言|说}“{知道你住哪，小心点|让你在[county]待不下去}”。',
      '{我|[victim]}{为了息事宁人|实在没办法}，{被迫|只好}{转了|给了}[amount]，{他们|对方}{还是不罢休|还在继续发}。',
    ],
    [
      '[ref]{开了|名下有}[org]，{对外|号称}{做“网络舆情服务”|做“危机公关”}，{实际上|其实}{专门|就是}{收钱|拿钱}{发帖攻击|雇水军黑}{竞争对手|别人}。',
      '[time]，{我们公司|[target]}{被他们|被[ref]}在[platform]{连续|不停地}{刷了|发了}[posts]{条|篇}{负面帖子|造谣视频}，{直接损失|损失}[amount]{以上|左右}。',
      '?{我们找到他|找上门去}，{他|[ref]}{竟然说|当面说}“{给钱就删，不给钱就继续发|你们可以报警，看有没有用}”。',
    ],
  ],
};

export const CROSS_BORDER: CategorySpec = {
  code: 'CROSS_BORDER',
  related: ['CROSS_BORDER', 'VICE', 'ILLEGAL_LENDING'],
  umbrellaRate: 0.21,
  setup(rng) {
    return {
      orgKind: rng.chance(0.5) ? 'trade' : undefined,
      amountScale: rng.chance(0.5) ? 'medium' : 'large',
      period: rng.chance(0.5),
      vars: {
        abroad: rng.pick(['缅北', '柬埔寨', '菲律宾', '老挝', '缅甸妙瓦底', '越南', '迪拜']),
        people: String(rng.pick([10, 20, 30, 40, 50, 60])),
        salary: String(rng.pick([8000, 10000, 15000, 20000, 30000])),
        society: rng.pick(['14K', '“竹联帮”', '一个境外社团', '“和胜和”']),
      },
      extras: maybe(rng, 0.3, 'VICE', [
        '{他们|[ref]一伙}{还|同时}{在境内发展|在[loc]招}{境外网络赌博的代理|赌博网站代理}，{拉人上网赌|组织人去境外赌场}，{很多人|不少人}{输得倾家荡产|欠了一屁股债}。',
      ]),
    };
  },
  bodies: [
    [
      '[ref]{长期|[time]以来}{以|打着}“{高薪招工|出国务工}”{为名|的幌子}，{在[loc]|在[county]}{招募|骗}{年轻人|无业青年}{偷渡|偷越国境}{到|去}[abroad]。',
      '{说是|承诺}{月薪|一个月}[salary]{元|块}，{到了以后|人一过去}{才发现|就被}{关进园区|扣下护照}{搞电信诈骗|做电诈}，{完不成业绩就被打|不听话就电击}。',
      '{据我们了解|目前知道的}{已经有|被他骗过去的有}[people]{多人|人左右}，{家里要赎人|想回来}{要交|得交}[amount]。',
      '?{我家[victim]|我表弟[victim]}{就在里面|也被他骗去了}，{至今|到现在}{联系不上|没能回来}。',
    ],
    [
      '[ref]{自称是|对外说自己是}[society]的人，{[time]|这几年}{从境外回来后|在境外有关系}，{在[place]|在[loc]}{拉帮结派|发展手下}。',
      '{他|[ref]}{组织|安排}{人员|手下[n]人}{往返|来回}[abroad]，{帮境外团伙|替境外赌场}{洗钱|转移资金}，{涉及金额|流水}[amount]{以上|}。',
      '{谁敢|有人想}{揭发|举报他}，{他就说|他就威胁}“{境外的兄弟会来找你|你全家都别想安生}”。',
      '?{[victim]因为|有人因为}{不愿意|拒绝}{帮他们转账|替他们跑腿}，{被打断了手|被打进了医院}。',
    ],
    [
      '{我要举报|举报}[ref]{跨境|为境外}{电信诈骗团伙|网络犯罪团伙}{招人、运人|提供人员和银行卡}。',
      '{他|[ref]}{在|以}[org]{做掩护|为幌子}，{收购|大量收购}{银行卡、电话卡|“两卡”}，{每张|一套}{给|收}{几百元|一千多元}，{然后卖到[abroad]|转给[abroad]的诈骗集团}。',
      '[time]，{他还|[ref]又}{组织|带着}[people]{人|个年轻人}{从边境小路|通过蛇头}{偷渡出境|偷越到[abroad]}，{光这一笔|听说}{就收了|赚了}[amount]。',
    ],
  ],
};

function nick(gnick: string, gboss: string): { gnick: string; gaka: string } {
  return { gnick, gaka: gnick === gboss ? '' : `，外号“${gnick}”，` };
}

const GANG_ACTS: ReadonlyArray<readonly [CategorySpec['code'], readonly string[]]> = [
  ['VICE', ['在[town]开设赌场', '开棋牌室聚众赌博', '经营色情场所', '在KTV里贩毒']],
  ['ILLEGAL_LENDING', ['放高利贷、暴力催收', '搞套路贷']],
  ['INDUSTRY_MONOPOLY', ['在河道非法采砂', '强揽工程、围标串标', '私挖滥采']],
  ['MARKET_BULLY', ['在市场收保护费', '欺行霸市、强买强卖']],
  ['VILLAGE_BULLY', ['在村里横行霸道、殴打村民', '霸占村民土地']],
  ['LAND_AND_DEMOLITION', ['暴力拆迁', '强拆民房']],
];

export const PROTECTIVE_UMBRELLA: CategorySpec = {
  code: 'PROTECTIVE_UMBRELLA',
  related: ['PROTECTIVE_UMBRELLA'],
  umbrellaRate: 0,
  setup(rng) {
    const [gangCategory, acts] = rng.pick(GANG_ACTS);
    const g = personName(rng, true);
    return {
      gangCategory,
      amountScale: 'medium',
      period: rng.chance(0.6),
      vars: {
        gboss: g.name,
        ...nick(rng.chance(0.6) ? nickname(rng, g) : g.name, g.name),
        gangact: rng.pick(acts),
        rel: rng.pick(['表兄弟', '结拜兄弟', '老同学', '亲家', '战友', '酒肉朋友']),
        car: rng.pick(['一辆奥迪', '一套房子', '一辆越野车', '干股']),
      },
      extras: [],
    };
  },
  bodies: [
    [
      '[ref]{长期|多年来}{充当|是}[gboss]{团伙|一伙}的“保护伞”。[gboss][gaka]{在[loc]|在[county]}[gangact]，{无人敢管|老百姓恨之入骨}。',
      '{每次|每回}{上面来检查|要打击之前}，{都是|都由}[ref]{提前|事先}{通风报信|打电话通知}，{等人到了|检查的人一到}{早就人去楼空|什么也查不到}。',
      '{据知情人讲|听说}，[ref]{收了|拿了}[gboss]{好处费|的钱}[amount]，{还有|另外还收了}[car]。',
      '?{他们俩|[ref]和[gboss]}是[rel]，{经常在一起吃喝|周末一起打牌}，{在当地|[county]}{人尽皆知|谁都知道}。',
    ],
    [
      '{我实名举报|我要举报}[ref]{包庇纵容|为}{黑恶势力|[gboss]团伙}{充当保护伞|撑腰}。',
      '[gboss]{在[county]|在当地}[gangact]{多年|好几年}，{群众|我们}{报了很多次警|多次举报}，{都被|全被}[ref]{压下来了|按住不查}，{案子|报警记录}{不了了之|石沉大海}。',
      '[time]，{有群众|受害人[victim]}{被[gboss]的人打伤|被打后}{去报案|报警}，[ref]{不但不立案，反而|不仅不管，还}{把受害人训了一顿|让双方“私了”}。',
      '{他|[ref]}{与[gboss]|和[gboss]}{是[rel]|称兄道弟}，{前后|累计}{收受|拿了}[amount]。',
    ],
    [
      '{[gboss]|[gnick]}{一伙|团伙}{之所以|能够}{在[loc]|在[county]}[gangact]{这么多年|长期存在}，{就是因为|全靠}[ref]{给他撑腰|罩着}。',
      '{[ref]|他}{不但|多次}{为[gboss]通风报信|泄露举报人信息}，{还|甚至}{把举报人的名字和电话告诉了[gboss]|帮[gboss]的人办了取保}，{举报人[victim]|有举报人}{随后被打|被上门威胁}。',
      '?[ref]{在[gboss]的场子里|在[gboss]那里}{有|拿}[car]，{每年|逢年过节}{还收|再收}{红包|“分红”}，{总额|共计}{约|}[amount]。',
    ],
  ],
};
