/**
 * Binary logistic regression fitted exactly (to the optimum of its convex loss) by L-BFGS: weighted
 * log loss plus λ/2·‖w‖² (the bias is not penalised), over dense features. For heads with a few
 * hundred features (an embedding, prototype similarities, concept counts) this converges in tens
 * of iterations and, unlike SGD, its result does not depend on a step schedule: choosing λ by
 * cross-validation then means something. Deterministic.
 */
import { sigmoid } from '../../models/math';

export interface DenseExample {
  readonly x: readonly number[];
  readonly y: 0 | 1;
  readonly weight?: number;
}

export interface DenseFit {
  readonly weights: Float64Array;
  readonly bias: number;
}

export interface LbfgsOptions {
  readonly l2: number;
  /** Positive examples weigh min(cap, (negatives/positives)^power) more: a rare class is not drowned. */
  readonly positiveWeightPower?: number;
  readonly positiveWeightCap?: number;
  readonly maxIterations?: number;
  /** Pairs of updates kept. */
  readonly memory?: number;
}

/** Loss and gradient at θ = [w…, b]. */
function lossAndGradient(examples: readonly DenseExample[], weights: Float64Array, theta: Float64Array, l2: number): { loss: number; grad: Float64Array } {
  const d = theta.length - 1;
  const grad = new Float64Array(d + 1);
  let loss = 0;
  examples.forEach((e, n) => {
    let z = theta[d]!;
    for (let i = 0; i < d; i++) z += theta[i]! * e.x[i]!;
    const w = weights[n]!;
    // log(1 + e^-z) for y = 1, log(1 + e^z) for y = 0, without overflow.
    const t = e.y === 1 ? -z : z;
    loss += w * (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
    const r = w * (sigmoid(z) - e.y);
    for (let i = 0; i < d; i++) grad[i]! += r * e.x[i]!;
    grad[d]! += r;
  });
  for (let i = 0; i < d; i++) {
    loss += (l2 / 2) * theta[i]! ** 2;
    grad[i]! += l2 * theta[i]!;
  }
  return { loss, grad };
}

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

export function fitLogisticLbfgs(examples: readonly DenseExample[], options: LbfgsOptions): DenseFit {
  const d = examples[0]?.x.length ?? 0;
  const pos = examples.filter((e) => e.y === 1).reduce((s, e) => s + (e.weight ?? 1), 0);
  const neg = examples.filter((e) => e.y === 0).reduce((s, e) => s + (e.weight ?? 1), 0);
  const boost = pos > 0 ? Math.min(options.positiveWeightCap ?? 1, Math.max(1, (neg / pos) ** (options.positiveWeightPower ?? 0))) : 1;
  // Normalised so the loss is a mean: λ then means the same whatever the data set's size.
  const raw = examples.map((e) => (e.weight ?? 1) * (e.y === 1 ? boost : 1));
  const total = raw.reduce((s, w) => s + w, 0) || 1;
  const weights = Float64Array.from(raw, (w) => w / total);
  const m = options.memory ?? 10;
  let theta = new Float64Array(d + 1);
  let { loss, grad } = lossAndGradient(examples, weights, theta, options.l2);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  for (let iter = 0; iter < (options.maxIterations ?? 200); iter++) {
    // Two-loop recursion: direction = −H·grad.
    const q = Float64Array.from(grad);
    const alpha: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const a = dot(s[k]!, q) / dot(y[k]!, s[k]!);
      alpha[k] = a;
      for (let i = 0; i <= d; i++) q[i]! -= a * y[k]![i]!;
    }
    const gamma = s.length ? dot(s[s.length - 1]!, y[y.length - 1]!) / dot(y[y.length - 1]!, y[y.length - 1]!) : 1 / Math.max(1, Math.sqrt(dot(grad, grad)));
    for (let i = 0; i <= d; i++) q[i]! *= gamma;
    for (let k = 0; k < s.length; k++) {
      const b = dot(y[k]!, q) / dot(y[k]!, s[k]!);
      for (let i = 0; i <= d; i++) q[i]! += s[k]![i]! * (alpha[k]! - b);
    }
    const direction = q.map((v) => -v);
    const slope = dot(direction, grad);
    if (slope >= 0) break;
    // Backtracking line search (Armijo).
    let step = 1;
    let next: { loss: number; grad: Float64Array } | undefined;
    let candidate = theta;
    for (let tries = 0; tries < 30; tries++) {
      candidate = theta.map((v, i) => v + step * direction[i]!);
      next = lossAndGradient(examples, weights, candidate, options.l2);
      if (next.loss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!next || next.loss > loss) break;
    const sk = candidate.map((v, i) => v - theta[i]!);
    const yk = next.grad.map((v, i) => v - grad[i]!);
    if (dot(sk, yk) > 1e-12) {
      s.push(sk);
      y.push(yk);
      if (s.length > m) s.shift(), y.shift();
    }
    const gain = loss - next.loss;
    theta = candidate;
    loss = next.loss;
    grad = next.grad;
    if (gain < 1e-10 * Math.max(1, Math.abs(loss)) || Math.sqrt(dot(grad, grad)) < 1e-7) break;
  }
  return { weights: theta.subarray(0, d), bias: theta[d]! };
}

export function predictDense(fit: DenseFit, x: readonly number[]): number {
  let z = fit.bias;
  for (let i = 0; i < x.length; i++) z += fit.weights[i]! * x[i]!;
  return sigmoid(z);
}
