/**
 * One head of the screening model: one-vs-rest logistic regression over a FeatureSpec's features,
 * each class's score calibrated by Platt scaling fitted on held-apart data. Multi-label: every
 * class gets its own probability in [0, 1] (a gambling den with a police protector is both VICE
 * and PROTECTIVE_UMBRELLA). The category head's classes are the 14 codes; the scope head's one
 * class is IN_SCOPE.
 */
import { ArtifactMissingError } from '../../models/errors';
import { sigmoid } from '../../models/math';
import { featureCount, featureVector, type FeatureSpec } from './feature-spec';
import type { SparseVector } from './features';

export interface HeadParams<C extends string = string> {
  readonly classes: readonly C[];
  readonly spec: FeatureSpec;
  /** Row-major by feature: weights[feature * classes.length + k], featureCount(spec) rows. */
  readonly weights: Float32Array;
  readonly bias: Float64Array;
  /** Platt scaling per class: p = σ(a·z + b) for the raw score z; a = 1, b = 0 is uncalibrated. */
  readonly plattA: Float64Array;
  readonly plattB: Float64Array;
}

export interface LinearHead<C extends string = string> {
  readonly params: HeadParams<C>;
  /** The head's feature vector of a report (the embedding may be null for a head that reads none). */
  features(tokens: readonly string[], text: string, embedding: readonly number[] | null): SparseVector;
  /** Raw, uncalibrated scores per class, in `params.classes` order. */
  rawScores(x: SparseVector): Float64Array;
  /** Calibrated probability per class, in `params.classes` order. */
  probabilities(x: SparseVector): Float64Array;
}

export function rawScores(params: HeadParams, x: SparseVector): Float64Array {
  const k = params.classes.length;
  const z = Float64Array.from(params.bias);
  const { weights } = params;
  for (let i = 0; i < x.indices.length; i++) {
    const row = x.indices[i]! * k;
    const v = x.values[i]!;
    for (let c = 0; c < k; c++) z[c]! += weights[row + c]! * v;
  }
  return z;
}

export function createLinearHead<C extends string>(params: HeadParams<C>): LinearHead<C> {
  if (params.weights.length !== featureCount(params.spec) * params.classes.length) {
    throw new ArtifactMissingError('screening model head: weights do not match its features × classes');
  }
  return {
    params,
    features: (tokens, text, embedding) => featureVector(params.spec, tokens, text, embedding),
    rawScores: (x) => rawScores(params, x),
    probabilities: (x) => {
      const z = rawScores(params, x);
      return Float64Array.from(z, (v, c) => sigmoid(params.plattA[c]! * v + params.plattB[c]!));
    },
  };
}
