import { CATEGORY_CODES, type CategoryCode } from '../../models/categories';
import type { Segmenter } from '../../models/ports/segmenter.port';
import type { LabelledReport } from './datasets';
import { DEFAULT_TRAINING, featurise, trainCategoryModel } from './training';

/** Characters as words: enough for a tiny fixed dataset, and no dictionary to load. */
const segmenter: Segmenter = { segment: (text) => [...text].filter((c) => c.trim()) };

function record(id: string, text: string, positives: CategoryCode[]): LabelledReport {
  return { id, source: 'generator', report: { subject: { people: [] }, facts: { text } }, positives, unknown: [], allowed: positives, gold: positives[0]!, splitKey: id };
}

const DATA = [
  record('a', '放高利贷，利滚利，暴力催收', ['ILLEGAL_LENDING']),
  record('b', '借款砍头息，上门讨债', ['ILLEGAL_LENDING']),
  record('c', '开设赌场，聚众赌博', ['VICE']),
  record('d', '赌场抽头，派出所通风报信', ['VICE', 'PROTECTIVE_UMBRELLA']),
  record('e', '所长收受好处费，充当保护伞', ['PROTECTIVE_UMBRELLA']),
  record('f', '小区物业不修电梯', ['OUT_OF_SCOPE']),
  record('g', '楼下烧烤店噪音扰民', ['OUT_OF_SCOPE']),
];
const CONFIG = { ...DEFAULT_TRAINING, hashBits: 12, epochs: 20 };

describe('training the category model', () => {
  it('gives the same weights for the same data and seed', () => {
    const x = featurise(DATA, segmenter, CONFIG.hashBits);
    const one = trainCategoryModel(x, x, CONFIG).params;
    const two = trainCategoryModel(featurise(DATA, segmenter, CONFIG.hashBits), x, CONFIG).params;
    expect(Buffer.from(two.weights.buffer).equals(Buffer.from(one.weights.buffer))).toBe(true);
    expect([...two.bias]).toEqual([...one.bias]);
    expect([...two.plattA, ...two.plattB]).toEqual([...one.plattA, ...one.plattB]);
  });

  it('gives other weights for another seed (the seed is what orders the examples)', () => {
    const x = featurise(DATA, segmenter, CONFIG.hashBits);
    const one = trainCategoryModel(x, [], CONFIG).params;
    const other = trainCategoryModel(x, [], { ...CONFIG, seed: CONFIG.seed + 1 }).params;
    expect(Buffer.from(other.weights.buffer).equals(Buffer.from(one.weights.buffer))).toBe(false);
  });

  it('learns its training data, one probability per category', () => {
    const x = featurise(DATA, segmenter, CONFIG.hashBits);
    const model = trainCategoryModel(x, [], CONFIG);
    const top = (text: string) => model.predict(segmenter.segment(text), text)[0]!.code;
    expect(top('放高利贷暴力催收')).toBe('ILLEGAL_LENDING');
    expect(top('开设赌场聚众赌博')).toBe('VICE');
    expect(top('物业不修电梯')).toBe('OUT_OF_SCOPE');
    expect(model.predict(['赌场'], '赌场')).toHaveLength(CATEGORY_CODES.length);
  });
});
