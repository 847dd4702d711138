import { CONCEPT_NAMES } from './concepts';
import { denseDims, featureCount, featureVector, type FeatureSpec } from './feature-spec';

const SPEC: FeatureSpec = { hashBits: 8, embeddingScale: 2, embeddingDims: 3, prototypes: [[1, 0, 0], [0, 1, 0]], concepts: true };

describe('a head\'s feature vector', () => {
  it('puts the lexical buckets first, then the scaled embedding, the prototype similarities and the concepts', () => {
    const x = featureVector(SPEC, ['赌场'], '赌场', [0.6, 0.8, 0]);
    const dense = Array.from(x.indices).map((i, k) => [i, x.values[k]!] as const).filter(([i]) => i >= 256);
    expect(denseDims(SPEC)).toBe(3 + 2 + CONCEPT_NAMES.length);
    expect(featureCount(SPEC)).toBe(256 + denseDims(SPEC));
    const at = (offset: number) => dense.find(([i]) => i === 256 + offset)?.[1] ?? 0;
    expect([at(0), at(1), at(2)].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1.2, 1.6, 0]);
    expect([at(3), at(4)].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.6, 0.8]);
    expect(at(5 + CONCEPT_NAMES.indexOf('gambling'))).toBeGreaterThan(0);
    expect(Array.from(x.indices).every((v, i, a) => i === 0 || a[i - 1]! < v)).toBe(true);
  });

  it('refuses an embedding of the wrong size: a head never reads another embedder\'s vectors', () => {
    expect(() => featureVector(SPEC, [], '文本', [1, 0])).toThrow('embedding');
    expect(() => featureVector({ ...SPEC, embeddingScale: 0 }, [], '文本', null)).toThrow('prototype');
    expect(featureVector({ ...SPEC, embeddingScale: 0, prototypes: [] }, [], '文本', null).indices.length).toBeGreaterThanOrEqual(0);
  });
});
