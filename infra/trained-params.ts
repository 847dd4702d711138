/**
 * The one module that loads trained parameters from `trained/`: the category model
 * (`category-model.json`, written by `npm run train`) and the dedup pair-scorer parameters
 * (`pair-params.json`, written by `npm run eval -- dedup --calibrate`). Each is read once per path
 * and handed to the stages by the wiring; stages never read files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATEGORY_CODES } from '../models/categories';
import { ArtifactMissingError } from '../models/errors';
import type { DedupParams } from '../dedup/pairs/scorer';
import { paramsFor, parseParamsFile, type ParamsFile } from '../dedup/pairs/params-file';
import { createCategoryModel, type CategoryModel } from '../screening/classifier/category-model';
import { FEATURE_VERSION } from '../screening/classifier/features';
import { decodeModelFile, type ModelFile } from '../screening/classifier/model-file';

export const TRAINED_DIR = resolve(__dirname, '..', 'trained');
export const CATEGORY_MODEL_PATH = join(TRAINED_DIR, 'category-model.json');
export const PAIR_PARAMS_PATH = join(TRAINED_DIR, 'pair-params.json');

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ArtifactMissingError(`${path}: cannot be read (${(error as Error).message})`);
  }
}

/** Reads a category model file (synchronously: it is read once, at start-up). */
export function loadCategoryModel(path: string = CATEGORY_MODEL_PATH): CategoryModel {
  const file = readJson(path) as ModelFile;
  if (file.featureVersion !== FEATURE_VERSION) {
    throw new ArtifactMissingError(`category model ${path} was trained on features ${file.featureVersion}, this code extracts ${FEATURE_VERSION}: retrain with npm run train`);
  }
  const { params, about } = decodeModelFile(file);
  for (const code of params.classes) if (!CATEGORY_CODES.includes(code)) throw new ArtifactMissingError(`category model ${path} has unknown class ${code}`);
  return createCategoryModel(params, about);
}

let shippedModel: CategoryModel | null | undefined;

/**
 * The shipped category model, loaded once; `null` when the file is absent (a checkout that never
 * ran `npm run train`), so that screening falls back to the keyword table.
 */
export function shippedCategoryModel(): CategoryModel | null {
  if (shippedModel === undefined) shippedModel = existsSync(CATEGORY_MODEL_PATH) ? loadCategoryModel(CATEGORY_MODEL_PATH) : null;
  return shippedModel;
}

/** A pair-parameters file, or null when absent. */
export function readPairParams(path: string = PAIR_PARAMS_PATH): ParamsFile | null {
  return existsSync(path) ? parseParamsFile(readJson(path), path) : null;
}

const pairParams = new Map<string, ParamsFile | null>();

/** The calibrated parameters for an embedder from a file (the shipped one by default), read once per path. */
export function shippedPairParams(embedderId: string, path: string = PAIR_PARAMS_PATH): DedupParams | null {
  if (!pairParams.has(path)) pairParams.set(path, readPairParams(path));
  return paramsFor(pairParams.get(path) ?? null, embedderId);
}

/** Forgets what was read from `path` (after the offline calibration rewrote it). */
export function forgetPairParams(path: string = PAIR_PARAMS_PATH): void {
  pairParams.delete(path);
}
