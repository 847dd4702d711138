/**
 * The one module that loads trained parameters from `trained/`: the screening model
 * (`screening-model.json`: categories and scope, written by `npm run train`) and the dedup pair-scorer parameters
 * (`pair-params.json`, written by `npm run eval -- dedup --calibrate`). Each is read once per path
 * and handed to the stages by the wiring; stages never read files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ArtifactMissingError } from '../models/errors';
import type { DedupParams } from '../dedup/pairs/scorer';
import { paramsFor, parseParamsFile, type ParamsFile } from '../dedup/pairs/params-file';
import { decodeModelFile, type ModelFile } from '../screening/classifier/model-file';
import type { ScreeningModel } from '../screening/classifier/screening-model';

export const TRAINED_DIR = resolve(__dirname, '..', 'trained');
export const SCREENING_MODEL_PATH = join(TRAINED_DIR, 'screening-model.json');
export const PAIR_PARAMS_PATH = join(TRAINED_DIR, 'pair-params.json');

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ArtifactMissingError(`${path}: cannot be read (${(error as Error).message})`);
  }
}

/** Reads a screening model file (synchronously: it is read once, at start-up). */
export function loadScreeningModel(path: string = SCREENING_MODEL_PATH): ScreeningModel {
  return decodeModelFile(readJson(path) as ModelFile, path);
}

let shippedModel: ScreeningModel | null | undefined;

/**
 * The shipped screening model, loaded once; `null` when the file is absent (a checkout that never
 * ran `npm run train`), so that screening falls back to the keyword table.
 */
export function shippedScreeningModel(): ScreeningModel | null {
  if (shippedModel === undefined) shippedModel = existsSync(SCREENING_MODEL_PATH) ? loadScreeningModel(SCREENING_MODEL_PATH) : null;
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
