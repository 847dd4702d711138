/** Writes one embedder's calibrated pair parameters into a parameters file, keeping the others (offline only). */
import { writeFileSync } from 'node:fs';
import { PARAMS_FORMAT } from '../../dedup/pairs/params-file';
import type { DedupParams } from '../../dedup/pairs/scorer';
import { forgetPairParams, PAIR_PARAMS_PATH, readPairParams } from '../../infra/trained-params';

export function writePairParams(params: DedupParams, path: string = PAIR_PARAMS_PATH): void {
  const current = readPairParams(path);
  const byEmbedder = { ...(current?.byEmbedder ?? {}), [params.embedderId]: params };
  const sorted = Object.fromEntries(Object.entries(byEmbedder).sort(([x], [y]) => x.localeCompare(y)));
  writeFileSync(path, `${JSON.stringify({ format: PARAMS_FORMAT, byEmbedder: sorted }, null, 1)}\n`);
  forgetPairParams(path);
}
