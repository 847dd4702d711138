/**
 * The learned category model: one-vs-rest logistic regression over hashed lexical features
 * (features.ts), each class's score calibrated by Platt scaling fitted on a validation split.
 * Multi-label: every category gets its own probability in [0, 1] (they need not sum to 1; a
 * gambling den with a police protector is both VICE and PROTECTIVE_UMBRELLA). Scores come out
 * ranked, most probable first, as the pipeline's `Screening.categories` expects.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_CODES, type CategoryCode } from '../../models/categories';
import type { CategoryScore } from '../../models/lead';
import { extractFeatures, FEATURE_VERSION, type SparseVector } from './features';
import { decodeModelFile, type ModelFile } from './model-file';

/** Where `npm run train` writes the model and where the pipeline finds it. */
export const DEFAULT_MODEL_PATH = join(__dirname, '..', '..', 'models', 'classifier', 'category-model.json');

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

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
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
  if (params.weights.length !== (1 << params.hashBits) * params.classes.length) throw new Error('category model: weights do not match hashBits × classes');
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

/** Reads a model file (synchronously: it is read once, at start-up). */
export function loadCategoryModel(path: string = DEFAULT_MODEL_PATH): CategoryModel {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
  if (file.featureVersion !== FEATURE_VERSION) {
    throw new Error(`category model ${path} was trained on features ${file.featureVersion}, this code extracts ${FEATURE_VERSION}: retrain with npm run train`);
  }
  const { params, about } = decodeModelFile(file);
  for (const code of params.classes) if (!CATEGORY_CODES.includes(code)) throw new Error(`category model ${path} has unknown class ${code}`);
  return createCategoryModel(params, about);
}

let shipped: CategoryModel | null | undefined;

/**
 * The model shipped in models/classifier/, loaded once; `null` when the file is absent (a checkout
 * that never ran `npm run train`), so that the caller can fall back to the keyword table.
 */
export function defaultCategoryModel(): CategoryModel | null {
  if (shipped === undefined) shipped = existsSync(DEFAULT_MODEL_PATH) ? loadCategoryModel(DEFAULT_MODEL_PATH) : null;
  return shipped;
}
