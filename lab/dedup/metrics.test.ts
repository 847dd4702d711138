import { binaryCounts, binaryMetrics, confusion3, duplicateMetricsFrom, leadMetrics, rocAuc } from './metrics';

describe('dedup metrics', () => {
  it('computes precision, recall and F1 from a hand-made confusion', () => {
    const m = binaryMetrics({ tp: 8, fp: 2, fn: 4, tn: 86 });
    expect(m.precision).toBeCloseTo(0.8, 10);
    expect(m.recall).toBeCloseTo(8 / 12, 10);
    expect(m.f1).toBeCloseTo((2 * 0.8 * (8 / 12)) / (0.8 + 8 / 12), 10);
    expect(m.n).toBe(100);
    expect(binaryMetrics({ tp: 0, fp: 0, fn: 3, tn: 5 }).f1).toBe(0);
  });

  it('counts a binary confusion and reads duplicate-vs-not off the 3×3 one', () => {
    expect(binaryCounts([true, true, false, false], [true, false, true, false])).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
    const m = confusion3(['duplicate', 'duplicate', 'related', 'new', 'new'], ['duplicate', 'related', 'duplicate', 'new', 'related']);
    expect(m).toEqual([[1, 1, 0], [1, 0, 0], [0, 1, 1]]);
    expect(duplicateMetricsFrom(m)).toMatchObject({ tp: 1, fn: 1, fp: 1, tn: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('scores ROC AUC with ties counted half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
  });

  it('counts a merge with the wrong lead as a false positive and a missed duplicate', () => {
    const m = leadMetrics([
      { hasEarlierDuplicate: true, matched: { sameIncident: true } },
      { hasEarlierDuplicate: true, matched: { sameIncident: false } },
      { hasEarlierDuplicate: false, matched: { sameIncident: false } },
      { hasEarlierDuplicate: true },
      { hasEarlierDuplicate: false },
    ]);
    expect(m).toMatchObject({ tp: 1, fp: 2, fn: 2, tn: 1 });
  });
});
