import type { CategoryCode } from '../../models/categories';
import { expectedCalibrationError, fitPlatt } from '../stats/calibration';
import { scorePredictions, type ScoredPrediction } from './metrics';

const p = (gold: CategoryCode, predicted: CategoryCode, allowed: CategoryCode[] = [gold]): ScoredPrediction => ({ gold, predicted, allowed });

describe('screening metrics', () => {
  // Confusion (truth → prediction): VICE→VICE ×3, VICE→OUT_OF_SCOPE ×1, OUT_OF_SCOPE→OUT_OF_SCOPE ×4,
  // OUT_OF_SCOPE→VICE ×2. VICE: tp 3, fp 2, fn 1 → P 3/5, R 3/4, F1 2/3. OUT_OF_SCOPE: tp 4, fp 1,
  // fn 2 → P 4/5, R 4/6, F1 8/11.
  const confusion = [
    ...Array.from({ length: 3 }, () => p('VICE', 'VICE')),
    p('VICE', 'OUT_OF_SCOPE'),
    ...Array.from({ length: 4 }, () => p('OUT_OF_SCOPE', 'OUT_OF_SCOPE')),
    p('OUT_OF_SCOPE', 'VICE'),
    p('OUT_OF_SCOPE', 'VICE'),
  ];

  it('gives the known precision, recall and F1 of a hand-made confusion', () => {
    const m = scorePredictions(confusion);
    const vice = m.perCategory.find((c) => c.code === 'VICE')!;
    const oos = m.perCategory.find((c) => c.code === 'OUT_OF_SCOPE')!;
    expect([vice.precision, vice.recall, vice.f1]).toEqual([3 / 5, 3 / 4, expect.closeTo(2 / 3, 12)]);
    expect([oos.precision, oos.recall, oos.f1]).toEqual([4 / 5, 4 / 6, expect.closeTo(8 / 11, 12)]);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 8 / 11) / 2, 12);
    expect(m.categoryAccuracy).toBe(7 / 10);
    // Here in-scope detection is VICE detection.
    expect([m.inScopePrecision, m.inScopeRecall]).toEqual([3 / 5, 3 / 4]);
    expect([m.outOfScopePrecision, m.outOfScopeRecall]).toEqual([4 / 5, 4 / 6]);
  });

  it('counts a prediction inside the allowed set as right, as its own label', () => {
    const m = scorePredictions([p('PROTECTIVE_UMBRELLA', 'OUT_OF_SCOPE', ['PROTECTIVE_UMBRELLA', 'OUT_OF_SCOPE'])]);
    expect(m.categoryAccuracy).toBe(1);
    expect(m.perCategory.map((c) => c.code)).toEqual(['OUT_OF_SCOPE']);
    // Detection is judged against the gold label: an in-scope case called out of scope is missed.
    expect(m.inScopeRecall).toBe(0);
  });

  it('scores a province asserted where the truth names none as wrong', () => {
    const m = scorePredictions([
      { ...p('VICE', 'VICE'), provinceTruth: '62', provincePredicted: '62' },
      { ...p('VICE', 'VICE'), provinceTruth: null, provincePredicted: '11' },
      { ...p('VICE', 'VICE'), provinceTruth: null, provincePredicted: null },
      p('VICE', 'VICE'),
    ]);
    expect([m.provinceN, m.provinceAccuracy]).toEqual([3, 2 / 3]);
  });

  it('scores multi-label sets per category', () => {
    const m = scorePredictions([
      { ...p('VICE', 'VICE'), positives: ['VICE', 'PROTECTIVE_UMBRELLA'], predictedSet: ['VICE', 'PROTECTIVE_UMBRELLA'] },
      { ...p('VICE', 'VICE'), positives: ['VICE'], predictedSet: ['VICE', 'PROTECTIVE_UMBRELLA'] },
    ]);
    const umbrella = m.multiLabelPerCategory!.find((c) => c.code === 'PROTECTIVE_UMBRELLA')!;
    expect([umbrella.precision, umbrella.recall]).toEqual([1 / 2, 1]);
    expect(m.multiLabelMacroF1).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });
});

describe('calibration', () => {
  it('fits a Platt scaling that follows the scores and measures its own reliability', () => {
    const scores = [-3, -2, -1, -0.5, 0.5, 1, 2, 3, -1.5, 1.5];
    const labels = [0, 0, 0, 1, 0, 1, 1, 1, 0, 1].map((l) => l === 1);
    const { a } = fitPlatt(scores, labels, { smoothedTargets: true });
    expect(a).toBeGreaterThan(0);
    expect(fitPlatt([1, 2], [true, true])).toEqual({ a: 1, b: 0 });
    expect(expectedCalibrationError([0.9, 0.9, 0.1, 0.1], [true, true, false, false])).toBeCloseTo(0.1, 12);
  });
});
