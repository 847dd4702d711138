/**
 * Platt scaling: for each class, p = σ(a·z + b) fitted on held-apart validation scores by Newton's
 * method on the log loss, with Platt's smoothed targets ((N₊+1)/(N₊+2), 1/(N₋+2)) so that a
 * separable validation set does not send a to infinity. And the reliability summary (expected
 * calibration error) that `npm run eval` prints.
 */
import { sigmoid } from './category-model';

/** Fits (a, b) to raw scores and 0/1 labels; returns (1, 0) when a class has no positive or no negative. */
export function fitPlatt(scores: readonly number[], labels: readonly number[]): { a: number; b: number } {
  const nPos = labels.filter((l) => l === 1).length;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return { a: 1, b: 0 };
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const target = labels.map((l) => (l === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i]!;
      const p = sigmoid(a * z + b);
      const d = p - target[i]!;
      const w = p * (1 - p);
      ga += d * z;
      gb += d;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : { a: 1, b: 0 };
}

/**
 * Expected calibration error over equal-width probability bins: the mean gap, weighted by bin
 * size, between the stated probability and how often the event happened.
 */
export function expectedCalibrationError(probabilities: readonly number[], outcomes: readonly boolean[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  probabilities.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]! += 1;
    sumP[b]! += p;
    if (outcomes[i]) hits[b]! += 1;
  });
  const n = probabilities.length;
  return n === 0 ? 0 : count.reduce((e, c, b) => (c ? e + (c / n) * Math.abs(sumP[b]! / c - hits[b]! / c) : e), 0);
}
