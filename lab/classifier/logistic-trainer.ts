/**
 * One-vs-rest logistic regression by stochastic gradient descent with L2 regularisation, over
 * sparse hashed features. Deterministic: the example order of each epoch comes from a seeded
 * generator, and nothing else is random, so the same data, options and seed give the same
 * weights bit for bit. Labels are per class 1 (positive), 0 (negative) or -1 (unknown: no loss
 * on that class, for a court case whose charge allows several defensible categories).
 */
import type { SparseVector } from '../../screening/classifier/features';
import { sigmoid } from '../../models/math';

export interface TrainingExample {
  readonly x: SparseVector;
  /** One entry per class: 1, 0 or -1 (unknown). */
  readonly y: Int8Array;
  /** Weight of this example in the loss (default 1). */
  readonly weight?: number;
}

export interface TrainOptions {
  readonly hashBits: number;
  /** Feature slots when the vector holds more than the hashed block (a dense block after it); default 2^hashBits. */
  readonly dimensions?: number;
  readonly classCount: number;
  readonly epochs: number;
  /** Initial step; decays as η₀ / (1 + η₀·λ·t) (Bottou's schedule for L2-regularised SGD). */
  readonly learningRate: number;
  /** λ of the L2 penalty λ/2·‖w‖² (the bias is not penalised). */
  readonly l2: number;
  readonly seed: number;
  /** Positive examples of class c weigh min(cap, (negatives/positives)^power): rare classes are not drowned. */
  readonly positiveWeightPower?: number;
  readonly positiveWeightCap?: number;
}

export interface TrainedWeights {
  /** Row-major by feature: weights[feature * classCount + c]. */
  readonly weights: Float32Array;
  readonly bias: Float64Array;
}

/** mulberry32: a small seeded generator, enough to shuffle reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positiveWeights(examples: readonly TrainingExample[], k: number, power: number, cap: number): Float64Array {
  const pos = new Float64Array(k);
  const neg = new Float64Array(k);
  for (const e of examples) {
    for (let c = 0; c < k; c++) {
      if (e.y[c] === 1) pos[c]! += 1;
      else if (e.y[c] === 0) neg[c]! += 1;
    }
  }
  return Float64Array.from({ length: k }, (_, c) => (pos[c]! > 0 ? Math.min(cap, Math.max(1, (neg[c]! / pos[c]!) ** power)) : 1));
}

export function trainLogistic(examples: readonly TrainingExample[], options: TrainOptions): TrainedWeights {
  const k = options.classCount;
  const dim = options.dimensions ?? 1 << options.hashBits;
  // Weights are kept as scale · v so that the L2 shrinkage of every step costs O(1), not O(dim·k).
  const v = new Float64Array(dim * k);
  let scale = 1;
  const bias = new Float64Array(k);
  const posWeight = positiveWeights(examples, k, options.positiveWeightPower ?? 0, options.positiveWeightCap ?? 1);
  const random = seededRandom(options.seed);
  const order = Int32Array.from(examples.keys());
  const z = new Float64Array(k);
  const g = new Float64Array(k);
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { x, y, weight = 1 } = examples[n]!;
      const eta = options.learningRate / (1 + options.learningRate * options.l2 * t++);
      z.set(bias);
      for (let i = 0; i < x.indices.length; i++) {
        const row = x.indices[i]! * k;
        const xv = x.values[i]! * scale;
        for (let c = 0; c < k; c++) z[c]! += v[row + c]! * xv;
      }
      for (let c = 0; c < k; c++) {
        const label = y[c]!;
        g[c] = label < 0 ? 0 : (sigmoid(z[c]!) - label) * weight * (label === 1 ? posWeight[c]! : 1);
        bias[c]! -= eta * g[c]!;
      }
      scale *= 1 - eta * options.l2;
      const step = eta / scale;
      for (let i = 0; i < x.indices.length; i++) {
        const row = x.indices[i]! * k;
        const xv = x.values[i]! * step;
        for (let c = 0; c < k; c++) if (g[c] !== 0) v[row + c]! -= g[c]! * xv;
      }
      if (scale < 1e-6) {
        for (let i = 0; i < v.length; i++) v[i]! *= scale;
        scale = 1;
      }
    }
  }
  const weights = new Float32Array(dim * k);
  for (let i = 0; i < v.length; i++) weights[i] = v[i]! * scale;
  return { weights, bias };
}
