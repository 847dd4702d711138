import type { Entity } from '../models/lead';
import type { ReportReceived } from '../models/messages';
import { HashingEmbedder } from '../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { extractNamedEntities, extractPatternEntities, officialLevel, parseNumber } from './entities';
import { Gazetteer } from './gazetteer';
import { screenReport } from './screen';

/** Every entity's span must give back its text: the UI highlights by span. */
function checked(text: string, entities: readonly Entity[]): Entity[] {
  for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  return [...entities];
}
const named = (text: string, report?: Pick<ReportReceived, 'subject' | 'umbrella'>) => checked(text, extractNamedEntities(text, report));
const ofType = (text: string, type: Entity['type']) => named(text).filter((e) => e.type === type);
const patterns = (text: string, type: Entity['type']) => checked(text, extractPatternEntities(text)).filter((e) => e.type === type);

describe('officials in the text', () => {
  it.each([
    ['他表哥是镇派出所所长李某，经常来', '镇派出所所长李某', '李某', '所长', 'township'],
    ['还认识县公安局副局长王某某。', '县公安局副局长王某某', '王某某', '副局长', 'county'],
    ['村支书张三带人强占耕地', '村支书张三', '张三', '村支书', 'village'],
    ['XX村党支部书记收了钱', 'XX村党支部书记', 'XX村党支部书记', '党支部书记', 'village'],
    ['区住建局科长也不管', '区住建局科长', '区住建局科长', '科长', 'county'],
    ['市国土局局长刘某包庇他', '市国土局局长刘某', '刘某', '局长', 'prefecture'],
    ['省厅某处长打过招呼', '省厅某处长', '省厅处长', '处长', 'province'],
    ['据说公安部某局长是他亲戚', '公安部某局长', '公安部局长', '局长', 'national'],
    ['新格乡党委书记张某的话', '新格乡党委书记张某', '张某', '党委书记', 'township'],
    ['他是县公安局长王强，经常去', '县公安局长王强', '王强', '局长', 'county'],
    ['镇江市公安局副局长赵某', '镇江市公安局副局长赵某', '赵某', '副局长', 'prefecture'],
    ['乡宁县公安局刑侦大队大队长', '乡宁县公安局刑侦大队大队长', '乡宁县公安局刑侦大队大队长', '大队长', 'county'],
    ['泉塘街道泉塘村支书杨国建', '泉塘街道泉塘村支书杨国建', '杨国建', '村支书', 'village'],
  ])('reads %s as unit, position and name, with the level', (sentence, text, value, role, level) => {
    expect(ofType(sentence, 'official')).toEqual([{ type: 'official', text, start: sentence.indexOf(text), end: sentence.indexOf(text) + text.length, value, role, level }]);
  });

  it('leaves out the level when the unit does not tell it', () => {
    expect(ofType('住房和城乡建设局局长不管', 'official')).toEqual([
      { type: 'official', text: '住房和城乡建设局局长', start: 0, end: 10, value: '住房和城乡建设局局长', role: '局长' },
    ]);
  });

  it.each(['封开县长安镇长安村委会', '上海市长宁区人民检察院', '睢县公安局长岗派出所', '派出所长期不作为', '湖南省长沙市', '尊敬的胡书记：您好', '法院书记员记录', '打市长热线'])(
    'finds no official in %s',
    (sentence) => {
      expect(ofType(sentence, 'official')).toEqual([]);
    },
  );

  it.each([
    ['某县级市公安局', '', 'county'],
    ['内蒙古自治区公安厅', '', 'province'],
    ['XX社区居民委员会', '主任', 'village'],
    ['某县住房和城乡建设局', '局长', 'county'],
    ['', '镇长', 'township'],
    ['', '部长', undefined],
  ])('gives %s %s the level %s', (unit, role, level) => {
    expect(officialLevel(unit, role)).toBe(level);
  });

  it('gives officials named on the form their position and level, and keeps the wider span written in the text', () => {
    const text = '镇派出所所长周某收受好处费。周某还通风报信。保护伞：某镇派出所所长周某';
    const report = { subject: { people: [] }, umbrella: { officials: [{ name: '周某', unit: '某镇派出所', position: '所长' }] } };
    const officials = named(text, report).filter((e) => e.type === 'official');
    expect(officials.map((e) => e.text)).toEqual(['镇派出所所长周某', '周某', '某镇派出所所长周某']);
    for (const e of officials) expect(e).toMatchObject({ value: '某镇派出所 所长', role: '所长', level: 'township' });
    expect(named(text, report).filter((e) => e.type === 'person')).toEqual([]);
  });
});

describe('people in the text', () => {
  const people = (text: string) => ofType(text, 'person').map((e) => e.text);

  it('finds names masked as 某, X, × or digits', () => {
    expect(people('被告人杨1某纠集谢2某、李×1,向某甲打伤王X,王XX在场')).toEqual(['杨1某', '谢2某', '李×1', '向某甲', '王X', '王XX']);
    expect(people('该房产是柳某响,刘某良(现住外地),后来张某家中又')).toEqual(['柳某响', '刘某良', '张某']);
  });

  it('finds full names only where a cue says a name is there', () => {
    expect(people('以王大虎为首的团伙,纠集李四到处收保护费,张三、赵六等人经常打人。')).toEqual(['王大虎', '李四', '张三', '赵六']);
    expect(people('他伙同王五强收摊位费')).toEqual(['王五']);
    expect(people('有一个叫刘德华的人')).toEqual(['刘德华']);
    expect(people('被举报人:赵建国,其弟弟赵小龙也参与')).toEqual(['赵建国', '赵小龙']);
    expect(people('张三李四经常在这里')).toEqual([]);
  });

  it('reads nicknames with and without quotes, and ties one to the name before it', () => {
    const text = '王大虎(外号虎哥)在市场收钱,人称“刀疤强”的男子,绰号「黑皮」,外号叫猴子经常打人,江湖人称"老三"';
    expect(ofType(text, 'person').map((e) => [e.text, e.value])).toEqual([
      ['王大虎', '王大虎'],
      ['虎哥', '王大虎'],
      ['刀疤强', '刀疤强'],
      ['黑皮', '黑皮'],
      ['猴子', '猴子'],
      ['老三', '老三'],
    ]);
    expect(ofType(text, 'person')[2]).toEqual({ type: 'person', text: '刀疤强', start: 18, end: 21, value: '刀疤强' });
  });

  it.each(['主张某些人应该负责,这些人放高利贷,无视王法。', '位于某村的养殖场,关于某某的问题', '号称全市第一', '我的真名叫刘方,男', '在曾书记带领下', '易俗河等人口密集地'])(
    'finds no person in %s',
    (text) => {
      expect(people(text)).toEqual([]);
    },
  );

  it('keeps what the form says of a person the text also names', () => {
    const text = '王大虎(外号虎哥)纠集多人';
    const found = named(text, { subject: { people: [{ name: '王大虎', nicknames: ['虎哥'] }] } });
    expect(found).toEqual([
      { type: 'person', text: '王大虎', start: 0, end: 3, value: '王大虎' },
      { type: 'person', text: '虎哥', start: 6, end: 8, value: '王大虎' },
    ]);
  });

  it('does not take an official for a person', () => {
    expect(ofType('县公安局长王强经常去', 'person')).toEqual([]);
  });
});

describe('dates and periods', () => {
  it.each([
    ['2021年3月至今', '2021-03/now'],
    ['2019年至2022年', '2019/2022'],
    ['2020年5月到10月', '2020-05/2020-10'],
    ['2020年5月1日至3日', '2020-05-01/2020-05-03'],
    ['2018年以来', '2018/now'],
    ['去年冬天', 'relative:去年冬天'],
    ['今年3月', 'relative:今年3月'],
    ['前年', 'relative:前年'],
    ['近三年来', 'duration:3y'],
    ['三年多来', 'duration:3y'],
    ['最近两个月', 'duration:2m'],
    ['五六年之久', 'duration:5y'],
    ['2023年5月6日', '2023-05-06'],
  ])('reads 他%s一直强收保护费 as one date, %s', (period, value) => {
    const text = `他${period}一直强收保护费`;
    expect(patterns(text, 'date')).toEqual([{ type: 'date', text: period, start: 1, end: 1 + period.length, value }]);
  });

  it.each(['他长期欺压村民', '被判处有期徒刑三年', '过去年代的事', '三年前年底'])('finds no date in %s', (text) => {
    expect(patterns(text, 'date')).toEqual([]);
  });

  it('keeps single dates beside periods', () => {
    const text = '2019年至2022年间多次打人,2023年5月6日又打伤一人';
    expect(patterns(text, 'date').map((e) => e.value)).toEqual(['2019/2022', '2023-05-06']);
  });
});

describe('amounts', () => {
  it.each([
    ['借了50余万元', '50余万元', '500000'],
    ['欠3万多元', '3万多元', '30000'],
    ['收1.5万元', '1.5万元', '15000'],
    ['欠下一百多万', '一百多万', '1000000'],
    ['每户每月500元', '每月500元', '500'],
    ['索要二十万元', '二十万元', '200000'],
    ['赔了十二万三千元', '十二万三千元', '123000'],
    ['给了500块钱', '500块钱', '500'],
    ['借款0.3万元', '0.3万元', '3000'],
  ])('reads %s as %s yuan', (text, amount, value) => {
    expect(patterns(text, 'amount')).toEqual([{ type: 'amount', text: amount, start: text.indexOf(amount), end: text.indexOf(amount) + amount.length, value }]);
  });

  it.each(['全县一百多万人口', '我们一块去', '赌资上万元', '搬了三块石头'])('finds no amount in %s', (text) => {
    expect(patterns(text, 'amount')).toEqual([]);
  });

  it('parses Chinese numerals with 万 and 零', () => {
    expect([parseNumber('一千零五十'), parseNumber('十二万三千'), parseNumber('两千五百'), parseNumber('十')]).toEqual([1050, 123000, 2500, 10]);
  });
});

describe('screening a report', () => {
  it('carries the officials, people and periods its text names, with their spans into the screened text', async () => {
    const facts = '2021年3月至今,以王大虎为首的团伙在镇上强收保护费,外号“黑皮”的李某负责收钱,县公安局副局长赵某某为其撑腰。';
    const deps = { segmenter: new JiebaSegmenter(), embedder: new HashingEmbedder(), gazetteer: Gazetteer.default() };
    const report: ReportReceived = { reportId: 'r', receivedAt: '2026-01-01T00:00:00.000Z', reporter: { realName: false, contactGiven: false }, subject: { people: [] }, facts: { text: facts } };
    const s = await screenReport(report, deps);
    checked(s.text, s.entities);
    const pick = (type: Entity['type']) => s.entities.filter((e) => e.type === type).map((e) => e.value);
    expect(pick('official')).toEqual(['赵某某']);
    expect(s.entities.find((e) => e.type === 'official')).toMatchObject({ text: '县公安局副局长赵某某', role: '副局长', level: 'county' });
    expect(pick('person')).toEqual(['王大虎', '黑皮', '李某']);
    expect(pick('date')).toEqual(['2021-03/now']);
  });
});
