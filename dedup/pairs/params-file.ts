/**
 * The calibrated parameters on disk: models/dedup/pair-params.json, one entry per embedder id
 * (cosine bins differ between embedders). Written only by `npm run eval -- dedup --calibrate`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DedupParams } from './scorer';

export const DEFAULT_PARAMS_PATH = join(__dirname, '..', '..', 'models', 'dedup', 'pair-params.json');
export const PARAMS_FORMAT = 'xiansuo-dedup-pairs/1';

export interface ParamsFile {
  readonly format: typeof PARAMS_FORMAT;
  readonly byEmbedder: Readonly<Record<string, DedupParams>>;
}

export function readParamsFile(path: string = DEFAULT_PARAMS_PATH): ParamsFile | null {
  if (!existsSync(path)) return null;
  const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<ParamsFile>;
  if (file.format !== PARAMS_FORMAT || typeof file.byEmbedder !== 'object' || !file.byEmbedder) {
    throw new Error(`${path}: not a dedup parameters file (format ${PARAMS_FORMAT})`);
  }
  return file as ParamsFile;
}

/** The parameters calibrated for this embedder, or null (the caller falls back to the cosine rule). */
export function paramsFor(file: ParamsFile | null, embedderId: string): DedupParams | null {
  return file?.byEmbedder[embedderId] ?? null;
}

/** Loads the shipped file once per path. */
const loaded = new Map<string, ParamsFile | null>();
export function defaultDedupParams(embedderId: string, path: string = DEFAULT_PARAMS_PATH): DedupParams | null {
  if (!loaded.has(path)) loaded.set(path, readParamsFile(path));
  return paramsFor(loaded.get(path) ?? null, embedderId);
}

/** Replaces (or adds) one embedder's entry, keeping the others. */
export function writeParams(params: DedupParams, path: string = DEFAULT_PARAMS_PATH): void {
  const current = readParamsFile(path);
  const byEmbedder = { ...(current?.byEmbedder ?? {}), [params.embedderId]: params };
  const sorted = Object.fromEntries(Object.entries(byEmbedder).sort(([x], [y]) => x.localeCompare(y)));
  writeFileSync(path, `${JSON.stringify({ format: PARAMS_FORMAT, byEmbedder: sorted }, null, 1)}\n`);
  loaded.delete(path);
}
