import { explain, renderExplanation } from './explain';
import { pairFeatures, PAIR_FIELDS, type PairFeatures } from './features';
import { readPairParams } from '../../infra/trained-params';
import { lead, roundParams } from '../../test/fixtures/pairs';
import { binWeight, evidencePoor, scoreFeatures, scorePair } from './scorer';

const params = roundParams();
const lanzhou = { provinceCode: '62', prefectureCode: '6201', countyCode: '620102' };
const report = '我要举报兰州市城关区的王大军，外号王老虎。2021年3月他带人把李某打成重伤，还放高利贷5万元。';
const base = lead({
  text: report,
  entities: { person: ['王大军'], amount: [{ text: '5万元', value: '50000' }], date: [{ text: '2021年3月', value: '2021-03' }] },
  location: lanzhou,
  category: 'ILLEGAL_LENDING',
});

describe('pair scorer', () => {
  it('reads the weight of a score from its bin', () => {
    expect(binWeight(params.duplicate.cosine, 0.2)).toBe(-2);
    expect(binWeight(params.duplicate.cosine, 0.5)).toBe(0);
    expect(binWeight(params.duplicate.cosine, 0.95)).toBe(3);
  });

  it('calls a retelling with the same name, place, time and amount a duplicate', () => {
    const retelling = lead({
      text: '兰州市城关区王大军（王老虎）2021年3月打伤李某，放贷5万元，请严查。',
      entities: { person: ['王大军'], amount: [{ text: '5万元', value: '50000' }], date: [{ text: '2021年3月', value: '2021-03' }] },
      location: lanzhou,
      category: 'ILLEGAL_LENDING',
    });
    expect(scorePair(base, retelling, params).outcome).toBe('duplicate');
  });

  it('calls the same person in another incident related, and a stranger elsewhere new', () => {
    const other = lead({
      text: '城关区王大军2023年强占了村里的砂场，收了80万元。',
      entities: { person: ['王大军'], amount: [{ text: '80万元', value: '800000' }], date: [{ text: '2023年', value: '2023' }] },
      location: lanzhou,
      category: 'INDUSTRY_MONOPOLY',
    });
    const stranger = lead({
      text: '成都市武侯区的赵小明开赌场。',
      entities: { person: ['赵小明'] },
      location: { provinceCode: '51', prefectureCode: '5101', countyCode: '510107' },
      category: 'VICE',
    });
    expect(scorePair(base, other, params).outcome).toBe('related');
    expect(scorePair(base, stranger, params).outcome).toBe('new');
  });

  it('never lowers the probability when a field moves from disagree to missing to agree', () => {
    const f = pairFeatures(base, base);
    const states = ['disagree', 'missing', 'agree'] as const;
    for (const field of ['person', 'amount', 'date', 'category', 'phone'] as const) {
      const probs = states.map((state) => scoreFeatures({ ...f, fields: { ...f.fields, [field]: { state } } }, params).probability);
      expect(probs[0]).toBeLessThanOrEqual(probs[1]!);
      expect(probs[1]).toBeLessThanOrEqual(probs[2]!);
    }
    const cosines = [0.2, 0.6, 0.9].map((cosine) => scoreFeatures({ ...f, cosine }, params).probability);
    expect(cosines).toEqual([...cosines].sort((x, y) => x - y));
  });

  it('ignores the cosine of another embedder than the one the parameters were fitted on', () => {
    const other = { ...base, embedderId: 'bge-small-zh-v1.5-q' };
    const s = scorePair(other, other, params);
    expect(s.features.cosine).toBeUndefined();
    expect(s.contributions.find((c) => c.field === 'cosine')).toMatchObject({ state: 'missing', weight: 0 });
  });

  it('explains a decision in Chinese with each reason and its weight', () => {
    const e = explain(base, { ...base, text: `${report}情况属实。` }, params);
    expect(e.text).toContain('判定：同一事件（重复线索）');
    expect(e.text).toContain('被举报人姓名一致：王大军（+2.0）');
    expect(e.text).toContain('案发地同为甘肃省兰州市城关区（+3.0）');
    expect(e.text).toContain('涉案金额一致：5万元（+2.0）');
    expect(e.text).toMatch(/语义相似度 [01]\.\d\d（\+3\.0）/);
    expect(e.text).toContain('最相近的句子：「我要举报兰州市城关区的王大军，外号王老虎。」');
    expect(e.contributions.map((c) => c.field)).toEqual(expect.arrayContaining(['person', 'place', 'cosine', 'shingle']));
  });

  it('writes negative weights with a minus sign and names both sides of a disagreement', () => {
    const s = scorePair(base, lead({ text: '举报李小红', entities: { person: ['李小红'] } }), params);
    expect(renderExplanation(s)).toContain('被举报人姓名不同（王大军 / 李小红）（−3.0）');
  });
});

describe('evidence-poor pairs', () => {
  it('decides by the cosine threshold alone when neither text names anything to compare', () => {
    const params = readPairParams()!.byEmbedder['hash-ngram-v1-512']!;
    const bare = (cosine: number): PairFeatures => ({
      cosine,
      shingle: 0.2,
      fields: Object.fromEntries(PAIR_FIELDS.map((f) => [f, { state: f === 'category' ? 'agree' : 'missing' }])) as unknown as PairFeatures['fields'],
    });
    expect(evidencePoor(bare(0.5))).toBe(true);
    expect(scoreFeatures(bare(0.75), params)).toMatchObject({ basis: 'cosine-only', outcome: 'duplicate' });
    expect(scoreFeatures(bare(0.65), params)).toMatchObject({ basis: 'cosine-only', outcome: 'new' });
    const named = { ...bare(0.75), fields: { ...bare(0.75).fields, person: { state: 'agree' as const, detail: '王某' } } };
    expect(evidencePoor(named)).toBe(false);
    expect(scoreFeatures(named, params).basis).toBe('fields');
  });
});
