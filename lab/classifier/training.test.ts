import { CATEGORY_CODES, isInScope, type CategoryCode } from '../../models/categories';
import type { Segmenter } from '../../models/ports/segmenter.port';
import type { FeatureSpec } from '../../screening/classifier/feature-spec';
import { decodeModelFile } from '../../screening/classifier/model-file';
import type { LabelledReport } from './datasets';
import { encodeModelFile } from './model-writer';
import { DEFAULT_TRAINING, prepare, thresholdForRecall, trainCategoryHead, trainScopeHead } from './training';

/** Characters as words: enough for a tiny fixed dataset, and no dictionary to load. */
const segmenter: Segmenter = { segment: (text) => [...text].filter((c) => c.trim()), tag: (text) => [...text].map((word) => ({ word, tag: 'x' })) };

function record(id: string, text: string, positives: CategoryCode[]): LabelledReport {
  return { id, source: 'generator', report: { subject: { people: [] }, facts: { text } }, positives, unknown: [], allowed: positives, gold: positives[0]!, inScope: positives.some(isInScope), splitKey: id };
}

const DATA = prepare(
  [
    record('a', '放高利贷，利滚利，暴力催收', ['ILLEGAL_LENDING']),
    record('b', '借款砍头息，上门讨债，威胁恐吓', ['ILLEGAL_LENDING']),
    record('c', '开设赌场，聚众赌博', ['VICE']),
    record('d', '赌场抽头，派出所通风报信', ['VICE', 'PROTECTIVE_UMBRELLA']),
    record('e', '所长收受好处费，充当保护伞', ['PROTECTIVE_UMBRELLA']),
    record('f', '小区物业不修电梯', ['OUT_OF_SCOPE']),
    record('g', '楼下烧烤店噪音扰民', ['OUT_OF_SCOPE']),
    record('h', '公交车改线，出行不便', ['OUT_OF_SCOPE']),
  ],
  segmenter,
  null,
);
const LEXICAL: FeatureSpec = { hashBits: 12, embeddingScale: 0, embeddingDims: 0, prototypes: [], concepts: true };
const DENSE: FeatureSpec = { ...LEXICAL, hashBits: 0 };
const CONFIG = { ...DEFAULT_TRAINING.categories, epochs: 20 };

describe('training the screening model', () => {
  it('gives the same category weights for the same data and seed, and other weights for another seed', () => {
    const one = trainCategoryHead(DATA, DATA, LEXICAL, CONFIG).params;
    const two = trainCategoryHead(DATA, DATA, LEXICAL, CONFIG).params;
    expect(Buffer.from(two.weights.buffer).equals(Buffer.from(one.weights.buffer))).toBe(true);
    expect([...two.plattA, ...two.plattB]).toEqual([...one.plattA, ...one.plattB]);
    const other = trainCategoryHead(DATA, [], LEXICAL, { ...CONFIG, seed: CONFIG.seed + 1 }).params;
    expect(Buffer.from(other.weights.buffer).equals(Buffer.from(one.weights.buffer))).toBe(false);
  });

  it('learns its categories, one probability per code', () => {
    const head = trainCategoryHead(DATA, [], LEXICAL, CONFIG);
    const top = (text: string) => {
      const p = head.probabilities(head.features(segmenter.segment(text), text, null));
      return head.params.classes[p.indexOf(Math.max(...p))];
    };
    expect(top('放高利贷暴力催收')).toBe('ILLEGAL_LENDING');
    expect(top('开设赌场聚众赌博')).toBe('VICE');
    expect(head.params.classes).toEqual(CATEGORY_CODES);
  });

  it('learns scope from what happened: a gambling den scores above a broken lift', () => {
    const head = trainScopeHead(DATA, [], DENSE, DEFAULT_TRAINING.scope);
    const p = (text: string) => head.probabilities(head.features([], text, null))[0]!;
    expect(p('有人开赌场，还有打手威胁')).toBeGreaterThan(p('电梯坏了没人修'));
    expect(() => trainScopeHead(DATA, [], LEXICAL, DEFAULT_TRAINING.scope)).toThrow('hashBits 0');
  });

  it('sets the threshold at the highest score that keeps the target recall', () => {
    expect(thresholdForRecall([0.9, 0.8, 0.3, 0.2, 0.1], [true, true, true, false, true], 0.75)).toBe(0.3);
    expect(thresholdForRecall([0.9, 0.8], [true, true], 1)).toBe(0.8);
    expect(thresholdForRecall([0.9], [false], 0.9)).toBe(0.5);
  });

  it('writes a model file that reads back to the same decisions (pruned, int8 lexical weights)', () => {
    const categories = trainCategoryHead(DATA, [], LEXICAL, CONFIG);
    const scope = trainScopeHead(DATA, [], DENSE, DEFAULT_TRAINING.scope);
    const file = encodeModelFile([{ embedderId: '*', categories, scope, threshold: 0.4 }], { test: true }, { minAbs: 0, maxPerClass: 1 << 20 });
    const model = decodeModelFile(JSON.parse(JSON.stringify(file)), 'test');
    for (const text of ['放高利贷暴力催收', '小区物业不修电梯', '赌场抽头']) {
      const tokens = segmenter.segment(text);
      const got = model.classify({ tokens, text, embedderId: 'any', embedding: [] });
      const want = categories.probabilities(categories.features(tokens, text, null));
      expect(got.categories[0]!.code).toBe(categories.params.classes[want.indexOf(Math.max(...want))]);
      expect(got.scopeProbability).toBeCloseTo(scope.probabilities(scope.features(tokens, text, null))[0]!, 5);
      expect(got.threshold).toBe(0.4);
    }
    expect(() => decodeModelFile({ ...file, conceptVersion: 'concepts-v0' }, 'old.json')).toThrow('retrain');
  });
});
