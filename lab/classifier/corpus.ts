/**
 * Everything the screening model learns from, in one pool: the generator (always), and when the
 * shared data is there, the court cases, the board (the team's labels and the weak negatives),
 * plus the categories' descriptions (always) and the analysts' corrections (from a deployment's
 * database, when given). Texts stay where they are read; nothing is written into the repository.
 */
import { CATEGORIES, isInScope } from '../../models/categories';
import { normaliseText } from '../../models/normalise';
import type { Embedder } from '../../models/ports/embedder.port';
import type { Segmenter } from '../../models/ports/segmenter.port';
import { analystReports, boardReports, prototypeReports } from './board-data';
import { generatorReports, loadSharedData, TRAIN_SEEDS, type LabelledReport } from './datasets';
import { prepare, type TrainingRecord } from './training';

export interface CorpusOptions {
  readonly dataDir: string;
  readonly perSeed: number;
  readonly generatorOnly: boolean;
  readonly analystLabels?: Parameters<typeof analystReports>[0];
}

export interface Corpus {
  readonly records: LabelledReport[];
  readonly shared: boolean;
}

export function buildCorpus(options: CorpusOptions): Corpus {
  const records: LabelledReport[] = TRAIN_SEEDS.flatMap((seed) => generatorReports(seed, options.perSeed));
  records.push(...prototypeReports());
  const shared = options.generatorOnly ? null : loadSharedData(options.dataDir);
  if (shared) {
    const board = boardReports(options.dataDir);
    records.push(...shared.cail, ...board.labelled, ...board.weak);
  }
  if (options.analystLabels) records.push(...analystReports(options.analystLabels));
  return { records, shared: Boolean(shared) };
}

export function countBySource(records: readonly LabelledReport[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[r.source] = (out[r.source] ?? 0) + 1;
  return out;
}

/** The pool for a part: every record prepared, embedded by `embedder` when the part reads embeddings. */
export async function preparePool(records: readonly LabelledReport[], segmenter: Segmenter, embedder: Embedder | null, progress?: (done: number, total: number) => void): Promise<TrainingRecord[]> {
  if (!embedder) return prepare(records, segmenter, null);
  const pool = prepare(records, segmenter, null);
  const out: TrainingRecord[] = [];
  for (const r of pool) {
    const [embedding] = await embedder.embed([r.text]);
    out.push({ ...r, embedding: embedding! });
    if (progress && out.length % 500 === 0) progress(out.length, pool.length);
  }
  return out;
}

/** Unit vectors of the twelve targets' descriptions, by the same embedder: the prototypes. */
export async function prototypeVectors(embedder: Embedder): Promise<number[][]> {
  return embedder.embed(CATEGORIES.filter((c) => isInScope(c.code)).map((c) => normaliseText(`${c.name}：${c.description}`)));
}
