/**
 * The calibrated pair-scorer parameters on disk (trained/pair-params.json): one entry per embedder
 * id, since cosine bins differ between embedders. Written only by `npm run eval -- dedup
 * --calibrate` (lab/dedup/params-writer.ts); read through infra/trained-params.ts.
 */
import { ArtifactMissingError } from '../../models/errors';
import type { DedupParams } from './scorer';

export const PARAMS_FORMAT = 'xiansuo-dedup-pairs/1';

export interface ParamsFile {
  readonly format: typeof PARAMS_FORMAT;
  readonly byEmbedder: Readonly<Record<string, DedupParams>>;
}

/** Checks the parsed JSON of a parameters file; `source` names it in the error. */
export function parseParamsFile(json: unknown, source: string): ParamsFile {
  const file = json as Partial<ParamsFile> | null;
  if (!file || file.format !== PARAMS_FORMAT || typeof file.byEmbedder !== 'object' || !file.byEmbedder) {
    throw new ArtifactMissingError(`${source}: not a dedup parameters file (format ${PARAMS_FORMAT})`);
  }
  return file as ParamsFile;
}

/** The parameters calibrated for this embedder, or null (the caller falls back to the cosine rule). */
export function paramsFor(file: ParamsFile | null, embedderId: string): DedupParams | null {
  return file?.byEmbedder[embedderId] ?? null;
}
