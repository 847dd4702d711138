import { charShingles, compareCodedPlaces, compareSets, jaccard, pairFeatures } from './features';
import { lead } from '../../test/fixtures/pairs';

const lanzhou = { provinceCode: '62', prefectureCode: '6201', countyCode: '620102' };

describe('pair features', () => {
  it('agrees on a person named by nickname on one form and by real name in the other text', () => {
    const a = lead({ text: '举报城关区的王大军（外号“王老虎”），他放高利贷。', entities: { person: ['王大军'] } });
    const b = lead({ text: '王老虎在兰州放高利贷，逼债打人。', entities: { person: [{ text: '王老虎', value: '王老虎' }] } });
    expect(pairFeatures(a, b).fields.person).toEqual({ state: 'agree', detail: '王老虎' });
  });

  it('disagrees on two different named people and is missing when one lead names nobody', () => {
    const a = lead({ text: '举报王大军放高利贷。', entities: { person: ['王大军'] } });
    const b = lead({ text: '举报李小红放高利贷。', entities: { person: ['李小红'] } });
    const c = lead({ text: '有人放高利贷。' });
    expect(pairFeatures(a, b).fields.person.state).toBe('disagree');
    expect(pairFeatures(a, c).fields.person.state).toBe('missing');
  });

  it('compares places down to the county', () => {
    const at = (location: object) => lead({ text: '某地', location });
    const f = (x: object, y: object) => pairFeatures(at(x), at(y)).fields.place.state;
    expect(f(lanzhou, lanzhou)).toBe('county');
    expect(f(lanzhou, { provinceCode: '62', prefectureCode: '6201', countyCode: '620103' })).toBe('prefecture');
    expect(f(lanzhou, { provinceCode: '62', prefectureCode: '6201' })).toBe('prefecture');
    expect(f(lanzhou, { provinceCode: '62', prefectureCode: '6202' })).toBe('province');
    expect(f(lanzhou, { provinceCode: '51' })).toBe('disagree');
    expect(f(lanzhou, {})).toBe('missing');
  });

  it('compares phones, ID numbers and amounts as sets of values', () => {
    expect(compareSets(['13800000000', '13900000000'], ['13900000000']).state).toBe('agree');
    expect(compareSets(['13800000000'], ['13900000000']).state).toBe('disagree');
    expect(compareSets([], ['13900000000']).state).toBe('missing');
    const a = lead({ text: '借款5万元，利息2万元。', entities: { amount: [{ text: '5万元', value: '50000' }] } });
    const b = lead({ text: '他借了5万元。', entities: { amount: [{ text: '5万元', value: '50000' }] } });
    expect(pairFeatures(a, b).fields.amount).toEqual({ state: 'agree', detail: '50000' });
  });

  it('lets a year agree with a month of that year and finds relative times in the text', () => {
    const a = lead({ text: '2021年以来', entities: { date: [{ text: '2021年', value: '2021' }] } });
    const b = lead({ text: '2021年3月', entities: { date: [{ text: '2021年3月', value: '2021-03' }] } });
    const c = lead({ text: '2022年5月', entities: { date: [{ text: '2022年5月', value: '2022-05' }] } });
    expect(pairFeatures(a, b).fields.date.state).toBe('agree');
    expect(pairFeatures(b, c).fields.date.state).toBe('disagree');
    expect(pairFeatures(lead({ text: '去年冬天他打了人。' }), lead({ text: '去年冬天，他带人打人。' })).fields.date.state).toBe('agree');
    const period = lead({ text: '2021年3月至今', entities: { date: [{ text: '2021年3月至今', value: '2021-03/now' }] } });
    expect(pairFeatures(period, b).fields.date.state).toBe('agree');
    const relative = lead({ text: '前年春天', entities: { date: [{ text: '前年春天', value: 'relative:前年春天' }] } });
    expect(pairFeatures(relative, lead({ text: '前年春天，他又来了。' })).fields.date).toEqual({ state: 'agree', detail: '前年春天' });
  });

  it('compares the primary category, and organisations by name', () => {
    const a = lead({ text: '鑫达小额贷款公司放贷', category: 'ILLEGAL_LENDING', entities: { organisation: ['鑫达小额贷款公司'] } });
    const b = lead({ text: '鑫达小额贷款公司暴力催收', category: 'ILLEGAL_LENDING', entities: { organisation: ['鑫达小额贷款公司'] } });
    const c = lead({ text: '金鼎砂场强占河道', category: 'INDUSTRY_MONOPOLY', entities: { organisation: ['金鼎砂场'] } });
    expect(pairFeatures(a, b).fields.category.state).toBe('agree');
    expect(pairFeatures(a, b).fields.organisation.state).toBe('agree');
    expect(pairFeatures(a, c).fields.category.state).toBe('disagree');
    expect(pairFeatures(a, c).fields.organisation.state).toBe('disagree');
  });

  it('gives a cosine only when both leads come from the same embedder', () => {
    const a = lead({ text: '王大军放高利贷' });
    expect(pairFeatures(a, lead({ text: '王大军放高利贷' })).cosine).toBeCloseTo(1, 6);
    expect(pairFeatures(a, lead({ text: '王大军放高利贷', embedderId: 'other' })).cosine).toBeUndefined();
  });

  it('measures shingle overlap without the form labels', () => {
    expect(jaccard(charShingles('案发地点：王大军放贷'), charShingles('王大军放贷'))).toBe(1);
    expect(pairFeatures(lead({ text: '甲乙丙丁' }), lead({ text: '子丑寅卯' })).shingle).toBe(0);
  });

  it('compares places written as codes (de-identified texts) when the gazetteer resolves none', () => {
    expect(compareCodedPlaces('A市A7县星沙镇的小区', 'A7县星沙的小区')).toEqual({ state: 'county', detail: 'A7县' });
    expect(compareCodedPlaces('K11县县车管所', 'M市车管所').state).toBe('disagree');
    expect(compareCodedPlaces('A市A2区', 'A市A5区')).toEqual({ state: 'prefecture', detail: 'A市' });
    expect(compareCodedPlaces('兰州市城关区', 'A3区').state).toBe('missing');
    expect(compareCodedPlaces('车牌楚DD1788', 'B市').state).toBe('missing');
    expect(pairFeatures(lead({ text: '反映L5县一中强行补课' }), lead({ text: '投诉L7县一中补课' })).fields.place.state).toBe('prefecture');
  });

  it('measures the shorter text in characters of words', () => {
    expect(pairFeatures(lead({ text: '怎么提高额度？' }), lead({ text: '如何提升信用卡的额度呢' })).length).toBe(6);
  });
});
