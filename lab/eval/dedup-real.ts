/**
 * Dedup on real writing: the team's labelled board pairs (lab/labels/pairs.jsonl), cross-validated,
 * and the data both the evaluation and the calibration read from ../shared/data (the board
 * messages as a population of stored leads, short paraphrase pairs for the meaning-only rule).
 *
 * Cross-validation: the pairs are split into K folds; each fold is scored by the shipped weights
 * (estimated from the population without any label) with everything chosen on labels — evidence
 * scale, Platt maps, meaning-only rule, cut-offs — chosen again on the other folds plus the
 * generator's validation seed (calibrate.ts chooseCutoffs). "related" counts as not duplicate.
 */
import { join } from 'node:path';
import type { Screening } from '../../models/lead';
import { pairFeatures } from '../../dedup/pairs/features';
import { scoreFeatures, type DedupParams } from '../../dedup/pairs/scorer';
import type { ScreeningDeps } from '../../screening/screen';
import { readBoardMessages, readBoardPairLabels, screenBoard } from '../dedup/board-pairs';
import { bestCosineCut, chooseCutoffs, type CosinePair, type LabelledFeatures, type LabelledSource } from '../dedup/calibrate';
import { readPairsFile, screenText } from '../dedup/eval-data';
import { seededRandom } from '../dedup/labelled-pairs';
import { binaryCounts, binaryMetrics, rocAuc, type BinaryMetrics } from '../dedup/metrics';

export const FOLDS = 5;
const FOLD_SEED = 20261201;

export interface BoardData {
  /** Every screened message (labelled ones first), by msg_id. */
  readonly screenings: Map<string, Screening>;
  readonly labelled: Array<LabelledFeatures & { readonly a: string; readonly b: string }>;
}

/**
 * Screens the messages of the labelled pairs and the first `sample` other messages of the board
 * (the population of stored leads); null without the shared data.
 */
export async function loadBoard(sharedDir: string, deps: ScreeningDeps, sample: number, progress?: (done: number, total: number) => void): Promise<BoardData | null> {
  const messages = readBoardMessages(sharedDir);
  if (!messages) return null;
  const labels = readBoardPairLabels();
  const labelledIds = [...new Set(labels.flatMap((l) => [l.a, l.b]))];
  const others = [...messages.keys()].filter((id) => !labelledIds.includes(id)).slice(0, sample);
  const screenings = await screenBoard([...labelledIds, ...others], messages, deps, progress);
  const labelled = labels.map((l) => ({ a: l.a, b: l.b, label: l.label, features: pairFeatures(screenings.get(l.a)!, screenings.get(l.b)!) }));
  return { screenings, labelled };
}

/** Cosines and truth of up to `limit` pairs of a paraphrase file (each text screened as a report). */
export async function cosinePairs(path: string, limit: number, deps: ScreeningDeps): Promise<CosinePair[]> {
  const out: CosinePair[] = [];
  for (const p of readPairsFile(path, limit)) {
    const a = await screenText(`${p.id}-a`, p.textA, deps);
    const b = await screenText(`${p.id}-b`, p.textB, deps);
    out.push({ cosine: pairFeatures(a, b).cosine ?? 0, duplicate: p.label });
  }
  return out;
}

export const shortPairsFile = (sharedDir: string, name: string) => join(sharedDir, 'pairs', `${name}_dev.jsonl`);

export interface CrossValidated {
  readonly n: number;
  readonly counts: { duplicate: number; related: number; new: number };
  readonly scorer: BinaryMetrics;
  readonly scorerAuc: number;
  readonly cosineAuc: number;
  /** The cosine alone with its cut-off of best F1 on the other folds. */
  readonly cosine: BinaryMetrics;
  /** Evidence scale chosen per fold. */
  readonly scales: number[];
}

/** Fold of each pair: a seeded shuffle dealt round-robin. */
export function foldsOf(n: number, k: number, seed: number = FOLD_SEED): number[] {
  const rand = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => ({ i, r: rand() })).sort((x, y) => x.r - y.r);
  const fold = new Array<number>(n);
  order.forEach((o, rank) => (fold[o.i] = rank % k));
  return fold;
}

/** The shipped weights, stripped of what is chosen on labels. */
function weightsOnly(params: DedupParams): DedupParams {
  const { evidenceScale: _s, ...duplicate } = params.duplicate;
  return { ...params, duplicate: { ...duplicate, platt: { a: 1, b: 0 } } };
}

export function crossValidate(pairs: readonly LabelledFeatures[], shipped: DedupParams, generatorValidation: readonly LabelledFeatures[], shortPairs: readonly CosinePair[], k: number = FOLDS): CrossValidated {
  const fold = foldsOf(pairs.length, k);
  const base = weightsOnly(shipped);
  const truth = pairs.map((p) => p.label === 'duplicate');
  const probability = new Array<number>(pairs.length).fill(0);
  const said = new Array<boolean>(pairs.length).fill(false);
  const cosineSaid = new Array<boolean>(pairs.length).fill(false);
  const scales: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = pairs.filter((_, i) => fold[i] !== f);
    const sources: LabelledSource[] = [{ name: 'generator', pairs: generatorValidation }, { name: 'board', pairs: train }];
    const params = chooseCutoffs({ embedderId: base.embedderId, duplicate: base.duplicate, related: base.related, sources, shortPairs });
    scales.push(params.duplicate.evidenceScale ?? 1);
    const cut = bestCosineCut(train.map((p) => ({ cosine: p.features.cosine ?? 0, duplicate: p.label === 'duplicate' })), 0.9);
    pairs.forEach((p, i) => {
      if (fold[i] !== f) return;
      const s = scoreFeatures(p.features, params);
      probability[i] = s.probability;
      said[i] = s.outcome === 'duplicate';
      cosineSaid[i] = (p.features.cosine ?? 0) >= cut;
    });
  }
  const counts = { duplicate: 0, related: 0, new: 0 };
  for (const p of pairs) counts[p.label]++;
  return {
    n: pairs.length,
    counts,
    scorer: binaryMetrics(binaryCounts(truth, said)),
    scorerAuc: rocAuc(probability, truth),
    cosineAuc: rocAuc(pairs.map((p) => p.features.cosine ?? 0), truth),
    cosine: binaryMetrics(binaryCounts(truth, cosineSaid)),
    scales,
  };
}
