import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { CATEGORY_CODES } from '../../models/categories';
import { shippedCategoryModel } from '../../infra/trained-params';
import type { CategoryModel } from './category-model';

const segmenter = new JiebaSegmenter();
const shipped = shippedCategoryModel();
const model = (): CategoryModel => {
  if (!shipped) throw new Error('trained/category-model.json is missing: run npm run train');
  return shipped;
};
const rank = (text: string) => model().predict(segmenter.segment(text), text);
const probability = (text: string, code: string) => rank(text).find((c) => c.code === code)!.probability;

describe('the shipped category model', () => {
  it('loads from trained/', () => {
    expect(shipped).not.toBeNull();
    expect(model().params.classes).toEqual(CATEGORY_CODES);
  });

  it('ranks a loan shark who collects by violence as ILLEGAL_LENDING', () => {
    expect(rank('我要举报本村的王某放高利贷，利息高得吓人，还不上就派人上门暴力催收，还威胁要打断腿。')[0]!.code).toBe('ILLEGAL_LENDING');
  });

  it('gives a gambling den tipped off by the police chief both VICE and PROTECTIVE_UMBRELLA (multi-label)', () => {
    const text = '张某在镇上开设赌场，每晚聚赌的人很多。派出所所长李某收了他的好处费，每次检查前都给他通风报信。';
    expect(probability(text, 'VICE')).toBeGreaterThan(0.5);
    expect(probability(text, 'PROTECTIVE_UMBRELLA')).toBeGreaterThan(0.5);
    expect(rank(text).slice(0, 2).map((c) => c.code).sort()).toEqual(['PROTECTIVE_UMBRELLA', 'VICE']);
  });

  it('puts an ordinary noise complaint out of scope', () => {
    expect(rank('我家楼下新开了一家烧烤店，每天晚上吵到一两点，老人孩子都睡不着，希望城管依法处理。')[0]!.code).toBe('OUT_OF_SCOPE');
  });

  it('scores all 14 codes once, ranked, each a probability in [0, 1]', () => {
    for (const text of ['', '测试', '有人在村里收保护费，不交就砸店。'.repeat(20)]) {
      const scores = rank(text);
      expect(scores.map((c) => c.code).sort()).toEqual([...CATEGORY_CODES].sort());
      for (const s of scores) expect(s.probability).toBeGreaterThanOrEqual(0), expect(s.probability).toBeLessThanOrEqual(1);
      for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!.probability).toBeGreaterThanOrEqual(scores[i]!.probability);
    }
  });
});
