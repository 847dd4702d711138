/**
 * The learned category model: one-vs-rest logistic regression over hashed lexical features
 * (features.ts), each class's score calibrated by Platt scaling fitted on a validation split.
 * Multi-label: every category gets its own probability in [0, 1] (they need not sum to 1; a
 * gambling den with a police protector is both VICE and PROTECTIVE_UMBRELLA). Scores come out
 * ranked, most probable first, as the pipeline's `Screening.categories` expects.
 */
import type { CategoryCode } from '../../models/categories';
import { ArtifactMissingError } from '../../models/errors';
import type { CategoryScore } from '../../models/lead';
import { sigmoid } from '../../models/math';
import { extractFeatures, type SparseVector } from './features';

/** Everything that defines a trained model; the file format is model-file.ts. */
export interface ModelParams {
  readonly classes: readonly CategoryCode[];
  readonly hashBits: number;
  /** Row-major by feature: weights[feature * classes.length + k]. */
  readonly weights: Float32Array;
  readonly bias: Float64Array;
  /** Platt scaling per class: p = σ(a·z + b) for the raw score z; a = 1, b = 0 is uncalibrated. */
  readonly plattA: Float64Array;
  readonly plattB: Float64Array;
}

export interface CategoryModel {
  readonly params: ModelParams;
  /** Free-form facts about the training run, from the model file. */
  readonly about: Readonly<Record<string, unknown>>;
  /** Ranked probabilities over all 14 codes for a report's tokens and text. */
  predict(tokens: readonly string[], text: string): CategoryScore[];
  /** The same from features already extracted (training and evaluation reuse them). */
  predictFeatures(x: SparseVector): CategoryScore[];
  /** Raw, uncalibrated scores per class, in `params.classes` order. */
  rawScores(x: SparseVector): Float64Array;
}

export function rawScores(params: ModelParams, x: SparseVector): Float64Array {
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

export function createCategoryModel(params: ModelParams, about: Readonly<Record<string, unknown>> = {}): CategoryModel {
  if (params.weights.length !== (1 << params.hashBits) * params.classes.length) throw new ArtifactMissingError('category model: weights do not match hashBits × classes');
  const predictFeatures = (x: SparseVector): CategoryScore[] => {
    const z = rawScores(params, x);
    return params.classes
      .map((code, c) => ({ code, probability: sigmoid(params.plattA[c]! * z[c]! + params.plattB[c]!) }))
      .sort((a, b) => b.probability - a.probability || a.code.localeCompare(b.code));
  };
  return {
    params,
    about,
    predictFeatures,
    rawScores: (x) => rawScores(params, x),
    predict: (tokens, text) => predictFeatures(extractFeatures(tokens, text, params.hashBits)),
  };
}
