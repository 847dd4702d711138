/**
 * Screening on real writing, first: scope and categories on the team's labelled board messages
 * (lab/labels), cross-validated (every message scored by a model and a threshold trained on the
 * other folds), for the embedder-free part and the bge part; then the same part trained without
 * any real label, scoring them all (does what it learned from the generator and the court cases
 * carry to a citizen's writing?). And the shipped model on a file of `{id, text, inScope, allowed[]}`.
 */
import { isCategoryCode, isInScope, type CategoryCode } from '../../models/categories';
import type { Embedder } from '../../models/ports/embedder.port';
import type { Segmenter } from '../../models/ports/segmenter.port';
import { rocAuc } from '../dedup/metrics';
import { buildCorpus, preparePool, prototypeVectors } from '../classifier/corpus';
import { crossValidatedPredictions, transferPredictions, type PartPrediction } from '../classifier/train-part';
import { DEFAULT_TRAINING, partSpecs, type TrainingRecord } from '../classifier/training';
import { ANY_EMBEDDER } from '../../screening/classifier/screening-model';

/** The figures the issue asks for, on one set of labelled messages. */
export interface RealFigures {
  readonly n: number;
  readonly inScope: number;
  readonly auc: number;
  readonly inScopePrecision: number;
  readonly inScopeRecall: number;
  readonly recallAtPrecision60: number;
  /** In-scope messages only: the primary target predicted is in the labelled allowed set. */
  readonly categoryAccuracy: number;
}

export interface Scored {
  readonly probability: number;
  readonly predictedInScope: boolean;
  readonly inScope: boolean;
  readonly primary: CategoryCode | undefined;
  readonly allowed: readonly CategoryCode[];
}

/** The best recall at which precision is still at least `precision`, over every cut of the ranking. */
export function recallAtPrecision(scored: readonly Scored[], precision: number): number {
  const ranked = [...scored].sort((a, b) => b.probability - a.probability);
  const positives = ranked.filter((s) => s.inScope).length;
  let tp = 0;
  let best = 0;
  ranked.forEach((s, i) => {
    if (s.inScope) tp++;
    if (tp / (i + 1) >= precision) best = Math.max(best, tp / Math.max(1, positives));
  });
  return best;
}

export function realFigures(scored: readonly Scored[]): RealFigures {
  const tp = scored.filter((s) => s.inScope && s.predictedInScope).length;
  const predicted = scored.filter((s) => s.predictedInScope).length;
  const positives = scored.filter((s) => s.inScope);
  const correct = positives.filter((s) => s.primary !== undefined && s.allowed.includes(s.primary)).length;
  return {
    n: scored.length,
    inScope: positives.length,
    auc: rocAuc(scored.map((s) => s.probability), scored.map((s) => s.inScope)),
    inScopePrecision: predicted ? tp / predicted : 0,
    inScopeRecall: positives.length ? tp / positives.length : 0,
    recallAtPrecision60: recallAtPrecision(scored, 0.6),
    categoryAccuracy: positives.length ? correct / positives.length : 0,
  };
}

const toScored = (predictions: ReadonlyMap<TrainingRecord, PartPrediction>): Scored[] =>
  [...predictions].map(([r, p]) => ({ probability: p.scopeProbability, predictedInScope: p.inScope, inScope: r.record.inScope === true, primary: p.primaryTarget, allowed: r.record.allowed }));

export interface RealReport {
  readonly part: string;
  readonly crossValidated: RealFigures;
  readonly withoutRealLabels: RealFigures;
}

/** Cross-validated and transfer figures for the embedder-free part and, when `embedder` is given, its part. */
export async function realTextReports(dataDir: string, segmenter: Segmenter, embedder: Embedder | null, log: (line: string) => void): Promise<RealReport[]> {
  const corpus = buildCorpus({ dataDir, perSeed: 600, generatorOnly: false });
  if (!corpus.shared) return [];
  const reports: RealReport[] = [];
  const run = (part: string, pool: TrainingRecord[], specs: ReturnType<typeof partSpecs>): void => {
    const t = performance.now();
    const crossValidated = realFigures(toScored(crossValidatedPredictions(part, pool, specs, DEFAULT_TRAINING)));
    const withoutRealLabels = realFigures(toScored(transferPredictions(part, pool, specs, DEFAULT_TRAINING)));
    reports.push({ part, crossValidated, withoutRealLabels });
    log(`  part ${part}: done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  };
  run(ANY_EMBEDDER, await preparePool(corpus.records, segmenter, null), partSpecs(null));
  if (embedder) {
    const pool = await preparePool(corpus.records, segmenter, embedder, (done, total) => process.stderr.write(`embedded ${done}/${total}\r`));
    run(embedder.id, pool, partSpecs({ dims: embedder.dimensions, prototypes: await prototypeVectors(embedder) }));
  }
  return reports;
}

const pct = (x: number): string => `${(100 * x).toFixed(1).padStart(5)}%`;

export function formatRealReports(reports: readonly RealReport[]): string[] {
  const lines = [`  ${'part'.padEnd(34)}${'n'.padStart(5)}${'in'.padStart(5)}    AUC  inScP   inScR  R@P≥.6  catAcc`];
  const row = (label: string, f: RealFigures) =>
    `  ${label.padEnd(34)}${String(f.n).padStart(5)}${String(f.inScope).padStart(5)}  ${f.auc.toFixed(3)} ${pct(f.inScopePrecision)} ${pct(f.inScopeRecall)} ${pct(f.recallAtPrecision60)} ${pct(f.categoryAccuracy)}`;
  for (const r of reports) {
    lines.push(row(`${r.part}, ${5}-fold cross-validated`, r.crossValidated));
    lines.push(row(`${r.part}, trained without real labels`, r.withoutRealLabels));
  }
  return lines;
}

/** Lines `{id, text, inScope, allowed[]}` of a file, checked. */
export function parseScopeLines(values: readonly unknown[], source: string): Array<{ id: string; text: string; inScope: boolean; allowed: CategoryCode[] }> {
  return values.map((value, i) => {
    const v = value as { id?: unknown; text?: unknown; inScope?: unknown; allowed?: unknown };
    if (typeof v.text !== 'string' || typeof v.inScope !== 'boolean' || !Array.isArray(v.allowed) || !v.allowed.every(isCategoryCode)) {
      throw new Error(`${source}:${i + 1}: needs "text" (string), "inScope" (boolean) and "allowed" (category codes)`);
    }
    return { id: typeof v.id === 'string' ? v.id : String(i + 1), text: v.text, inScope: v.inScope, allowed: v.allowed.filter((c) => isInScope(c) || !v.inScope) };
  });
}
