import { HashingEmbedder } from '../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import type { ReportReceived } from '../models/messages';
import { scoreCredibility } from './credibility';
import { extractPatternEntities, trimOrganisation } from './entities';
import { Gazetteer } from './gazetteer';
import { screenReport } from './screen';
import { shippedScreeningModel } from '../infra/trained-params';

const deps = { segmenter: new JiebaSegmenter(), embedder: new HashingEmbedder(), gazetteer: Gazetteer.default() };

function report(text: string, extra: Partial<ReportReceived> = {}): ReportReceived {
  return {
    reportId: 'r',
    receivedAt: '2026-01-01T00:00:00.000Z',
    reporter: { realName: false, contactGiven: false },
    subject: { people: [] },
    facts: { text },
    ...extra,
  };
}

describe('places', () => {
  it('locates a report naming 兰州 in Gansu, down to the county when it is named', async () => {
    const s = await screenReport(report('兰州市城关区有人强收保护费'), deps);
    expect(s.location).toEqual({ provinceCode: '62', prefectureCode: '6201', countyCode: '620102' });
  });

  it('settles the ambiguous county 城关区 by the prefecture named beside it', async () => {
    expect((await screenReport(report('拉萨市城关区有人开设赌场'), deps)).location.countyCode).toBe('540102');
    expect((await screenReport(report('城关区有人开设赌场'), deps)).location).toEqual({});
  });

  it('prefers where the facts happened over where the reporter lives', async () => {
    const s = await screenReport(report('我现在在广东打工，老家四川省南充市仪陇县有村霸欺压村民'), deps);
    expect(s.location.provinceCode).toBe('51');
  });

  it("prefers the form's place of the facts over places in passing", async () => {
    const s = await screenReport(report('他从云南运来毒品在本地贩卖', { facts: { text: '他从云南运来毒品在本地贩卖', place: '贵州省遵义市' } }), deps);
    expect(s.location.provinceCode).toBe('52');
  });
});

describe('pattern entities', () => {
  it('finds phones, valid ID numbers only, amounts in yuan and dates, with their spans', () => {
    const text = '电话13912345678，身份证11010519491231002X，假号110105194912310021，借款3万元，2023年5月6日';
    const entities = extractPatternEntities(text);
    const byType = (t: string) => entities.filter((e) => e.type === t);
    expect(byType('phone').map((e) => e.value)).toEqual(['13912345678']);
    expect(byType('id_number').map((e) => e.value)).toEqual(['11010519491231002X']);
    expect(byType('amount').map((e) => e.value)).toEqual(['30000']);
    expect(byType('date').map((e) => e.value)).toEqual(['2023-05-06']);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('cuts an organisation name at the words before it', () => {
    expect(trimOrganisation('市普宁市的陈志强开设鑫达小额贷款公司')).toBe('鑫达小额贷款公司');
  });
});

describe('screening a report', () => {
  it('marks the people named on the form and guesses the category from the facts', async () => {
    const s = await screenReport(
      report('王大虎（外号虎哥）在批发市场强收保护费，不交就打人', { subject: { people: [{ name: '王大虎', nicknames: ['虎哥'] }] } }),
      deps,
    );
    expect(s.entities.filter((e) => e.type === 'person').map((e) => e.text)).toEqual(expect.arrayContaining(['王大虎', '虎哥']));
    expect(s.categories[0]!.code).toBe('MARKET_BULLY');
    expect(s.scope.inScope).toBe(true);
    expect(s.categories).toHaveLength(14);
    for (const c of s.categories) expect(c.probability).toBeGreaterThanOrEqual(0), expect(c.probability).toBeLessThanOrEqual(1);
    expect(s.embedding).toHaveLength(512);
    expect(s.embedderId).toBe('hash-ngram-v1-512');
  });
});

describe('credibility', () => {
  const score = async (text: string, realName = false) => {
    const s = await screenReport(report(text, { reporter: { realName, contactGiven: realName } }), deps);
    return scoreCredibility({ text, tokens: s.tokens, entities: s.entities, location: s.location, reporter: { realName, contactGiven: realName } }).score;
  };

  it('ranks a specific real-name report above a vague one, above spam and gibberish', async () => {
    const specific = await score('2023年5月起，甘肃省兰州市城关区东部批发市场的王大虎纠集多人强收保护费，每户每月500元，电话13912345678。', true);
    const vague = await score('我们这里有黑社会，欺负老百姓，希望政府管一管。');
    const spam = await score('加微信代开发票，优惠多多，咨询热线请联系。');
    const junk = await score('asdkjh qweoiu zxcmnb 123123');
    expect(specific).toBeGreaterThan(vague);
    expect(vague).toBeGreaterThan(spam);
    expect(vague).toBeGreaterThan(junk);
    expect(specific).toBeLessThanOrEqual(100);
    expect(junk).toBeGreaterThanOrEqual(0);
  });

  it('explains itself in Chinese, each reason with its weight', async () => {
    const s = await screenReport(report('有人'), deps);
    expect(s.credibility.reasons).toContainEqual(expect.objectContaining({ code: 'TOO_SHORT', weight: -25, message: expect.stringMatching(/过短/) }));
  });
});

describe('reports with nothing in them', () => {
  it.each([
    ['one character repeated', '啊啊啊啊啊啊啊啊啊啊啊啊'],
    ['a phrase repeated', '救命救命救命救命救命救命救命救命'],
    ['punctuation only', '。。。。。！！！？？？'],
    ['blank', ' \n\t '],
  ])('calls %s INVALID and out of scope', async (_what, text) => {
    const s = await screenReport(report(text), deps);
    expect(s.categories[0]!.code).toBe('INVALID');
    expect(s.scope.inScope).toBe(false);
  });

  it.each(['村霸王某强占村民土地，殴打村民', '啊啊啊他们收保护费打人'])('keeps the short real report %s valid', async (text) => {
    const s = await screenReport(report(text), deps);
    expect(s.credibility.reasons.map((r) => r.code)).not.toContain('REPETITIVE');
    expect(s.categories[0]!.code).not.toBe('INVALID');
  });
});

describe('credibility: consistency and corroboration', () => {
  it('lowers the score when the form and the text place the facts in different provinces', async () => {
    const consistent = await screenReport(report('兰州市城关区有人收保护费', { facts: { text: '兰州市城关区有人收保护费', place: '甘肃省兰州市' } }), deps);
    const conflicting = await screenReport(report('兰州市城关区有人收保护费', { facts: { text: '兰州市城关区有人收保护费', place: '广东省广州市' } }), deps);
    expect(conflicting.credibility.reasons.map((r) => r.code)).toContain('PLACE_CONFLICT');
    expect(consistent.credibility.reasons.map((r) => r.code)).not.toContain('PLACE_CONFLICT');
    expect(conflicting.credibility.score).toBeLessThan(consistent.credibility.score);
  });

  it('does not judge dates when the receipt time is unknown (batch lines without receivedAt)', async () => {
    const { receivedAt: _unknown, ...undated } = report('2019年5月王某在市场收保护费打伤商户');
    const s = await screenReport(undated, deps);
    expect(s.credibility.reasons.map((r) => r.code)).toContain('DATE');
    expect(s.credibility.reasons.map((r) => r.code)).not.toContain('FUTURE_DATE');
    const early = await screenReport(report('2019年5月王某在市场收保护费打伤商户', { receivedAt: '2018-12-31T00:00:00.000Z' }), deps);
    expect(early.credibility.reasons.map((r) => r.code)).toContain('FUTURE_DATE');
  });

  it('lowers the score of facts dated after the report was received', async () => {
    const s = await screenReport(report('2030年5月王某在市场收保护费打伤商户'), deps);
    expect(s.credibility.reasons).toContainEqual(expect.objectContaining({ code: 'FUTURE_DATE', weight: -10 }));
  });
});

describe('the same text through the form and as bare text', () => {
  const modelDeps = { ...deps, classifier: shippedScreeningModel() };
  const text = '我要举报本镇菜市场的刘二虎一伙人，他们长期向摊主收保护费，每个摊位每月三百元，不交就砸摊打人，去年有商户被打伤住院。';

  it('gets the same primary category with a probability within noise', async () => {
    const bare = await screenReport(report(text), modelDeps);
    const form = await screenReport(
      report(text, { reporter: { realName: true, contactGiven: true }, subject: { people: [{ name: '刘二虎', nicknames: ['虎哥'] }], organisation: '菜市场' }, facts: { text, place: '河南省开封市禹王台区', time: '2023年' } }),
      modelDeps,
    );
    expect(form.categories[0]!.code).toBe('MARKET_BULLY');
    expect(bare.categories[0]!.code).toBe(form.categories[0]!.code);
    expect(Math.abs(bare.categories[0]!.probability - form.categories[0]!.probability)).toBeLessThan(0.15);
    expect(bare.scope.inScope).toBe(true);
  });
});
