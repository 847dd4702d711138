import { cosineThreshold, cutoffAt } from './cosine-thresholds';

describe('the meaning-only rule', () => {
  const rule = { short: 0.8, long: 0.9, shortUpTo: 40, longFrom: 120 };

  it('uses the short cut-off for questions, the long one for reports, and moves with log length between', () => {
    expect(cutoffAt(rule, 12)).toBe(0.8);
    expect(cutoffAt(rule, 40)).toBe(0.8);
    expect(cutoffAt(rule, 500)).toBe(0.9);
    const mid = cutoffAt(rule, Math.sqrt(40 * 120));
    expect(mid).toBeCloseTo(0.85, 10);
    expect(cutoffAt(rule, 60)).toBeGreaterThan(0.8);
    expect(cutoffAt(rule, 60)).toBeLessThan(mid);
  });

  it('falls back to the embedder\'s single cut-off without a calibrated rule', () => {
    expect(cosineThreshold('bge-small-zh-v1.5-q', 12)).toBe(0.89);
    expect(cosineThreshold('bge-small-zh-v1.5-q', 12, rule)).toBe(0.8);
    expect(cosineThreshold('unknown', 300)).toBe(0.9);
  });
});
