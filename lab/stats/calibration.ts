/**
 * Calibration, the offline half: Platt scaling p = σ(a·z + b) fitted on held-apart scores (one
 * fit for the category model's classes and the dedup pair scorer alike), and the reliability
 * summary (expected calibration error) that `npm run eval` prints.
 */
import { sigmoid } from '../../models/math';

export interface PlattOptions {
  /**
   * Platt's smoothed targets ((N₊+1)/(N₊+2) and 1/(N₋+2)) instead of 1 and 0, so that a separable
   * validation set does not send `a` to infinity (the category model's classes).
   */
  readonly smoothedTargets?: boolean;
  /** Ridge pulling (a, b) toward (1, 0): keeps separable data finite (the pair scorer uses 1). */
  readonly ridge?: number;
}

/**
 * Fits (a, b) by damped Newton steps on the regularised log loss. Returns (1, 0) when the labels
 * hold no positive or no negative, or when the fit does not converge to finite values.
 */
export function fitPlatt(scores: readonly number[], labels: readonly boolean[], options: PlattOptions = {}): { a: number; b: number } {
  const nPos = labels.filter(Boolean).length;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return { a: 1, b: 0 };
  const ridge = options.ridge ?? 0;
  const [hi, lo] = options.smoothedTargets ? [(nPos + 1) / (nPos + 2), 1 / (nNeg + 2)] : [1, 0];
  const target = labels.map((l) => (l ? hi : lo));
  const loss = (a: number, b: number): number =>
    scores.reduce((sum, x, i) => {
      const z = a * x + b;
      // Cross-entropy against the target, computed without overflow: t·softplus(−z) + (1−t)·softplus(z).
      const t = target[i]!;
      return sum + t * softplus(-z) + (1 - t) * softplus(z);
    }, 0) + (ridge / 2) * ((a - 1) ** 2 + b ** 2);
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = ridge * (a - 1);
    let gb = ridge * b;
    let haa = ridge + 1e-9;
    let hab = 0;
    let hbb = ridge + 1e-9;
    scores.forEach((x, i) => {
      const p = sigmoid(a * x + b);
      const r = p - target[i]!;
      const w = p * (1 - p);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const gain = current - next;
    current = next;
    if (gain < 1e-10) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a: Math.round(a * 1e6) / 1e6, b: Math.round(b * 1e6) / 1e6 } : { a: 1, b: 0 };
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
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
