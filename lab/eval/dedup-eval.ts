/**
 * npm run eval -- dedup [--embedder auto|bge|hash] [--count N] [--seed S] [--json] [--skip-shared] [--pairs-limit N]
 * npm run eval -- dedup --data FILE [--json] [--limit N] [--embedder …]
 * npm run eval -- dedup --calibrate [--embedder …] [--train-count N] [--labels-database postgres://…]
 *   (--labels-database adds the analysts' labelled pairs of a deployment to the fitting pairs)
 *
 * Default: the pair scorer (dedup/pairs) on the generator's held-out seed (998, never used by
 * calibration): duplicate-vs-not precision, recall and F1 and the 3×3 outcome confusion over
 * the pairs (all pairs of one subject, plus each report's nearest non-matching earlier
 * reports), the stage's lead-level decision, and beside each the cosine-only rule of
 * dedup.stage.ts at its own threshold; then the shared paraphrase pairs, each text a report.
 * --data: the same on one pairs file (`id, text_a, text_b, label`). Nothing is tuned on what is
 * evaluated; the parameters are trained/pair-params.json, written only by --calibrate
 * (seeds 201–202 fit the weights, seed 203 chooses the Platt maps and the thresholds).
 * With --json the last line is one JSON object.
 */
import { SHARED_DATA_DIR } from '../data/shared-data';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedder, type EmbedderChoice } from '../../infra/embedding/open-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { DEFAULT_DEDUP_POLICY } from '../../dedup/dedup.stage';
import { cosineThreshold } from '../../dedup/pairs/cosine-thresholds';
import { countLabels, featuresOf, type LabelledFeatures, type LabelledPair } from '../dedup/calibrate';
import { analystPairs } from '../dedup/analyst-labels';
import { PgStore, redact } from '../../infra/store/pg-store';
import { SqlLeadRepository } from '../../infra/store/sql-lead-repository';
import { SqlReviewReadModel } from '../../review/review-read-model';
import { CachingEmbedder, embeddingCacheFile } from '../dedup/caching-embedder';
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { chooseCutoffs, fitPairModel, type CosinePair, type LabelledSource } from '../dedup/calibrate';
import { blockedPairs, estimateU, initialM, levelEdges, populationModel, populationPairs, sharesName, twoSessionEm } from '../dedup/population';
import { cosinePairs, crossValidate, FOLDS, loadBoard, shortPairsFile, type BoardData, type CrossValidated } from './dedup-real';
import { FIT_SEEDS, readPairsFile, screenGenerated, screenText, TEST_SEED, VALIDATION_SEEDS } from '../dedup/eval-data';
import { explain } from '../../dedup/pairs/explain';
import { charShingles, codedPlaces, pairFeatures, PAIR_FIELDS, type PairFeatures } from '../../dedup/pairs/features';
import type { Screening } from '../../models/lead';
import { generatorPairs, nearest, type TruthItem } from '../dedup/labelled-pairs';
import { binaryCounts, binaryMetrics, confusion3, duplicateMetricsFrom, LABELS, leadMetrics, rocAuc, type BinaryMetrics, type LeadDecision } from '../dedup/metrics';
import { paramsFor } from '../../dedup/pairs/params-file';
import { PAIR_PARAMS_PATH, readPairParams, shippedScreeningModel } from '../../infra/trained-params';
import { writePairParams } from '../dedup/params-writer';
import { scoreFeatures, type DedupParams } from '../../dedup/pairs/scorer';
import { Gazetteer } from '../../screening/gazetteer';
import type { ScreeningDeps } from '../../screening/screen';
import { parseFlags } from '../../cli/flags';

const DEFAULT_SHARED = SHARED_DATA_DIR;
const SHARED_PAIR_FILES = ['lcqmc_dev.jsonl', 'bq_dev.jsonl', 'atec_dev.jsonl', 'pawsx_dev.jsonl'];
/** With --json, standard output carries the JSON object only; the readable lines go to standard error. */
let readable: NodeJS.WriteStream = process.stdout;
const log = (s: string) => readable.write(`${s}\n`);
const logger = { info: () => {}, warn: (m: string) => process.stderr.write(`${m}\n`), error: (m: string) => process.stderr.write(`${m}\n`) };
const f3 = (x: number) => (Number.isNaN(x) ? '  –  ' : x.toFixed(3));
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const metricsRow = (label: string, m: BinaryMetrics) =>
  `  ${label.padEnd(34)} P ${f3(m.precision)}  R ${f3(m.recall)}  F1 ${f3(m.f1)}   (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
const pick = (m: BinaryMetrics) => ({ precision: m.precision, recall: m.recall, f1: m.f1, tp: m.tp, fp: m.fp, fn: m.fn, tn: m.tn });

async function makeDeps(choice: string): Promise<{ deps: ScreeningDeps; embedder: CachingEmbedder }> {
  if (!['auto', 'bge', 'hash'].includes(choice)) throw new Error(`--embedder must be auto, bge or hash, got ${choice}`);
  const opened = await openEmbedder(choice as EmbedderChoice, logger);
  // The model's vectors are kept on disk between runs (.cache/embeddings); the hashing fallback is cheaper than its cache.
  const embedder = new CachingEmbedder(opened, opened instanceof HashingEmbedder ? undefined : embeddingCacheFile(opened.id));
  return { embedder, deps: { segmenter: new JiebaSegmenter(), embedder, gazetteer: Gazetteer.default(), classifier: shippedScreeningModel() } };
}


function labelledFeatures(items: readonly TruthItem[], sampling: Parameters<typeof generatorPairs>[1]): Array<LabelledFeatures & { i: number; j: number }> {
  const shingles = items.map((it) => charShingles(it.screening.text));
  return generatorPairs(items, sampling).map((p) => ({
    i: p.i, j: p.j,
    features: pairFeatures(items[p.i]!.screening, items[p.j]!.screening, { shinglesA: shingles[p.i], shinglesB: shingles[p.j] }),
    label: p.label,
  }));
}

/** Analysts' labelled pairs from a deployment's database (review actions), for calibration. */
async function labelsFrom(databaseUrl: string, embedderId: string): Promise<LabelledPair[]> {
  if (!databaseUrl) return [];
  const store = await PgStore.open(databaseUrl);
  try {
    const labels = await new SqlReviewReadModel(store).listPairLabels();
    const pairs = await analystPairs(labels, new SqlLeadRepository(store), embedderId);
    log(`  analysts' labelled pairs: ${pairs.length} usable of ${labels.length} in ${redact(databaseUrl)}`);
    return pairs;
  } finally {
    await store.close();
  }
}

/** The board's messages and labelled pairs, or null (no shared data, or the hashing embedder asked to skip it). */
async function boardData(shared: string, deps: ScreeningDeps, sample: number): Promise<BoardData | null> {
  const t = performance.now();
  const board = await loadBoard(shared, deps, sample, (done, total) => process.stderr.write(`board messages screened ${done}/${total} (${secs(t)})\n`));
  return board;
}

/** The meaning-only rule's short pairs: the shared ATEC dev pairs (never LCQMC or BQ, which the evaluation reports). */
async function shortPairs(shared: string, limit: number, deps: ScreeningDeps): Promise<CosinePair[]> {
  const path = shortPairsFile(shared, 'atec');
  return existsSync(path) ? cosinePairs(path, limit, deps) : [];
}

const POPULATION = { random: 2, neighbours: 5 } as const;

/** A lead's blocking keys for the second EM session: its county, its coded counties, the names it gives. */
function blockingKeys(s: Screening): string[] {
  const names = s.entities.filter((e) => ['person', 'organisation', 'official', 'phone', 'id_number'].includes(e.type)).map((e) => `${e.type}:${e.value ?? e.text}`).filter((k) => !/某/.test(k));
  return [...(s.location.countyCode ? [`county:${s.location.countyCode}`] : []), ...[...codedPlaces(s.text).counties].map((c) => `coded:${c}`), ...names];
}

async function runCalibration(flags: { embedder: string; trainCount: number; params: string; labelsDatabase: string; shared: string; boardSample: number; shortLimit: number }): Promise<number> {
  const t0 = performance.now();
  const { deps, embedder } = await makeDeps(flags.embedder);
  const screen = async (seeds: readonly number[]) => {
    const out: Array<{ s: number; items: TruthItem[] }> = [];
    for (const s of seeds) out.push({ s, items: await screenGenerated(s, flags.trainCount, deps) });
    return out;
  };
  const sampling = (seed: number) => ({ neighbours: 5, random: 2, seed });
  const fitItems = await screen(FIT_SEEDS);
  const fit = fitItems.flatMap(({ s, items }) => labelledFeatures(items, sampling(s)));
  const validation = (await screen(VALIDATION_SEEDS)).flatMap(({ s, items }) => labelledFeatures(items, sampling(s)));
  const board = await boardData(flags.shared, deps, flags.boardSample);
  // The population of stored leads: the generator's fitting seeds and the board's messages, each its own population.
  const populations: Array<{ name: string; leads: Screening[]; seed: number }> = [
    ...fitItems.map(({ s, items }) => ({ name: `generator seed ${s}`, leads: items.map((it) => it.screening), seed: s })),
    ...(board ? [{ name: 'board', leads: [...board.screenings.values()], seed: 7 }] : []),
  ];
  const random: PairFeatures[] = [];
  const candidates: PairFeatures[] = [];
  const named: PairFeatures[] = [];
  for (const p of populations) {
    const pairs = populationPairs(p.leads.map((l) => l.embedding), { ...POPULATION, seed: p.seed });
    random.push(...pairs.random.map(([i, j]) => pairFeatures(p.leads[i]!, p.leads[j]!)));
    candidates.push(...pairs.candidates.map(([i, j]) => pairFeatures(p.leads[i]!, p.leads[j]!)));
    named.push(...blockedPairs(p.leads.map(blockingKeys)).map(([i, j]) => pairFeatures(p.leads[i]!, p.leads[j]!)).filter(sharesName));
  }
  const edges = levelEdges(candidates, random);
  const u = estimateU(random, edges);
  const em = twoSessionEm(candidates, named, u, edges, { m: initialM(edges, fit.filter((p) => p.label === 'duplicate').map((p) => p.features)), lambda: 0.1 });
  const duplicate = populationModel(em, u, edges, [...candidates, ...random]);
  const analysts = featuresOf(await labelsFrom(flags.labelsDatabase, embedder.id));
  const related = fitPairModel([...fit, ...analysts].filter((p) => p.label !== 'duplicate'), (l) => l === 'related');
  const short = await shortPairs(flags.shared, flags.shortLimit, deps);
  const sources: LabelledSource[] = [
    { name: `generator seed ${VALIDATION_SEEDS.join(', ')}`, pairs: validation },
    ...(board ? [{ name: 'board (lab/labels/pairs.jsonl)', pairs: board.labelled }] : []),
    ...(analysts.length ? [{ name: "analysts' pairs", pairs: analysts }] : []),
  ];
  const params = chooseCutoffs({
    embedderId: embedder.id, duplicate, related, sources, shortPairs: short,
    about: {
      method: 'duplicate weights: u from random pairs, m and the prior by EM over nearest-neighbour candidate pairs (lab/dedup/population.ts); evidence scale, Platt maps and cut-offs on labelled pairs (calibrate.ts chooseCutoffs); related model fitted on labelled generator pairs',
      populations: populations.map((p) => ({ name: p.name, leads: p.leads.length })),
      randomPairs: random.length, candidatePairs: candidates.length, namedPairs: named.length,
      em: { iterations: em.iterations, namedIterations: em.namedIterations, change: em.change, lambda: em.lambda },
      fitSeeds: FIT_SEEDS, validationSeeds: VALIDATION_SEEDS, reportsPerSeed: flags.trainCount,
      shortPairsFrom: short.length ? 'atec_dev.jsonl' : 'none (no shared data: the table of cosine-thresholds.ts)',
      calibratedAt: new Date().toISOString().slice(0, 10),
    },
  });
  writePairParams(params, flags.params);
  log(`dedup calibration — embedder ${embedder.id}; ${embedder.misses} texts embedded in ${(embedder.embedMs / 1000).toFixed(1)} s; total ${secs(t0)}`);
  log(`  population: ${populations.map((p) => `${p.name} ${p.leads.length}`).join(', ')}; ${random.length} random pairs (u), ${candidates.length} nearest-neighbour pairs (EM blocked on the cosine: ${em.iterations} iterations, λ ${em.lambda.toFixed(3)}), ${named.length} pairs sharing a name or county (EM for the cosine: ${em.namedIterations} iterations)`);
  log(`  duplicate weights (state: log m/u):`);
  for (const f of PAIR_FIELDS) log(`    ${f.padEnd(13)} ${Object.entries(params.duplicate.fields[f]).map(([s, w]) => `${s} ${w!.toFixed(2)}`).join('  ')}`);
  log(`    cosine edges ${params.duplicate.cosine.edges.join(' ')} → ${params.duplicate.cosine.weights.map((w) => w.toFixed(1)).join(' ')}`);
  log(`    shingle edges ${params.duplicate.shingle.edges.join(' ')} → ${params.duplicate.shingle.weights.map((w) => w.toFixed(1)).join(' ')}`);
  log(`  evidence scale ${params.duplicate.evidenceScale}; thresholds: duplicate ${params.thresholds.duplicate}, related ${params.thresholds.related}; meaning-only rule ${JSON.stringify(params.cosineOnly)}`);
  log(`  per source at the cut-off: ${JSON.stringify(params.about?.cutoffSources)}`);
  log(`  written to ${flags.params}`);
  return 0;
}

function loadParams(path: string, embedderId: string): DedupParams {
  const params = paramsFor(readPairParams(path), embedderId);
  if (!params) throw new Error(`no dedup parameters for embedder ${embedderId} in ${path}: run npm run eval -- dedup --calibrate --embedder …`);
  return params;
}

interface PairFileResult {
  readonly name: string;
  readonly n: number;
  readonly ours: BinaryMetrics;
  readonly baseline: BinaryMetrics;
  readonly auc: number;
  readonly cosineAuc: number;
  readonly seconds: number;
}

async function scorePairsFile(path: string, limit: number, deps: ScreeningDeps, params: DedupParams): Promise<PairFileResult> {
  const t0 = performance.now();
  const pairs = readPairsFile(path, limit);
  const truth: boolean[] = [];
  const ours: number[] = [];
  const said: boolean[] = [];
  const cos: number[] = [];
  const lengths: number[] = [];
  for (const p of pairs) {
    const a = await screenText(`${p.id}-a`, p.textA, deps);
    const b = await screenText(`${p.id}-b`, p.textB, deps);
    const s = scoreFeatures(pairFeatures(a, b), params);
    truth.push(p.label);
    ours.push(s.probability);
    said.push(s.outcome === 'duplicate');
    cos.push(s.features.cosine ?? 0);
    lengths.push(s.features.length ?? 0);
  }
  return {
    name: path, n: pairs.length,
    ours: binaryMetrics(binaryCounts(truth, said)),
    baseline: binaryMetrics(binaryCounts(truth, cos.map((c, i) => c >= cosineThreshold(params.embedderId, lengths[i], params.cosineOnly)))),
    auc: rocAuc(ours, truth), cosineAuc: rocAuc(cos, truth), seconds: (performance.now() - t0) / 1000,
  };
}

function printPairFile(r: PairFileResult, params: DedupParams): void {
  const pos = r.ours.tp + r.ours.fn;
  log(`\n== ${r.name}: n=${r.n} (${pos} same meaning), ${r.seconds.toFixed(1)} s`);
  log(metricsRow(`pair scorer (p ≥ ${params.thresholds.duplicate.toFixed(3)})`, r.ours));
  log(metricsRow(params.cosineOnly ? `meaning-only rule (short ${params.cosineOnly.short}, long ${params.cosineOnly.long})` : `cosine ≥ ${cosineThreshold(params.embedderId)} (stage rule)`, r.baseline));
  log(`  ROC AUC (threshold-free): scorer ${f3(r.auc)}, cosine alone ${f3(r.cosineAuc)}`);
}

function leadDecisions(items: readonly TruthItem[], params: DedupParams, k: number): { ours: LeadDecision[]; baseline: LeadDecision[] } {
  const ours: LeadDecision[] = [];
  const baseline: LeadDecision[] = [];
  const cut = cosineThreshold(params.embedderId);
  for (let j = 0; j < items.length; j++) {
    const me = items[j]!;
    const hasEarlierDuplicate = items.slice(0, j).some((x) => x.incidentId === me.incidentId);
    const cands = nearest(items, j, k, true);
    const scored = cands.map((c) => ({ c, s: scoreFeatures(pairFeatures(items[c.index]!.screening, me.screening), params) }));
    const best = scored.filter((x) => x.s.outcome === 'duplicate').sort((x, y) => y.s.probability - x.s.probability)[0];
    ours.push({ hasEarlierDuplicate, ...(best ? { matched: { sameIncident: items[best.c.index]!.incidentId === me.incidentId } } : {}) });
    const top = cands[0];
    baseline.push({ hasEarlierDuplicate, ...(top && top.cosine >= cut ? { matched: { sameIncident: items[top.index]!.incidentId === me.incidentId } } : {}) });
  }
  return { ours, baseline };
}

/** The team's real labelled board pairs, cross-validated (dedup-real.ts); null without the shared data. */
async function realSection(flags: { shared: string; trainCount: number; shortLimit: number }, deps: ScreeningDeps, params: DedupParams): Promise<CrossValidated | null> {
  const board = await boardData(flags.shared, deps, 0);
  if (!board) return null;
  const validation = (await Promise.all(VALIDATION_SEEDS.map(async (s) => labelledFeatures(await screenGenerated(s, flags.trainCount, deps), { neighbours: 5, random: 2, seed: s })))).flat();
  const cv = crossValidate(board.labelled, params, validation, await shortPairs(flags.shared, flags.shortLimit, deps));
  log(`== real board pairs (lab/labels/pairs.jsonl): n=${cv.n} — ${cv.counts.duplicate} duplicate, ${cv.counts.related} related, ${cv.counts.new} different; duplicate vs not, "related" counted as not duplicate`);
  log(`   ${FOLDS}-fold cross-validated: the shipped weights (estimated without labels), with the evidence scale, Platt map, meaning-only rule and`);
  log(`   cut-offs chosen again on the other folds + the generator's validation seed ${VALIDATION_SEEDS.join(', ')} (evidence scale per fold: ${cv.scales.join(', ')})`);
  log(metricsRow('pair scorer', cv.scorer));
  log(metricsRow('cosine alone (cut-off of the other folds)', cv.cosine));
  log(`  ROC AUC duplicate-vs-not: scorer ${f3(cv.scorerAuc)}, cosine ${f3(cv.cosineAuc)}`);
  return cv;
}

const realJson = (cv: CrossValidated | null) =>
  cv && { n: cv.n, counts: cv.counts, folds: FOLDS, relatedCountsAs: 'not duplicate', ...pick(cv.scorer), auc: cv.scorerAuc, cosineAuc: cv.cosineAuc, cosine: pick(cv.cosine), evidenceScales: cv.scales };

async function runHeldOut(flags: { count: number; seed: number; params: string; json: boolean; skipShared: boolean; pairsLimit: number; shared: string; trainCount: number; shortLimit: number }, deps: ScreeningDeps, embedder: CachingEmbedder): Promise<number> {
  const seeds: readonly number[] = [...FIT_SEEDS, ...VALIDATION_SEEDS];
  if (seeds.includes(flags.seed)) throw new Error(`--seed ${flags.seed} is a calibration seed`);
  const params = loadParams(flags.params, embedder.id);
  const t0 = performance.now();
  log(`dedup eval — embedder ${embedder.id}; params ${flags.params}; real text first, the generator after\n`);
  const real = flags.skipShared ? null : await realSection(flags, deps, params);
  const shared: PairFileResult[] = [];
  if (!flags.skipShared && existsSync(join(flags.shared, 'pairs'))) {
    log(`\n== shared paraphrase pairs (dev splits), ${flags.pairsLimit || 'all'} pairs per file, each text an anonymous report; the shipped parameters:`);
    log(`   meaning-only short cut-off chosen on ATEC (atec_dev; its figures below are in-sample), everything else on the generator and the board pairs`);
    for (const file of SHARED_PAIR_FILES) {
      const path = join(flags.shared, 'pairs', file);
      if (!existsSync(path)) continue;
      const r = await scorePairsFile(path, flags.pairsLimit, deps, params);
      printPairFile(r, params);
      shared.push(r);
    }
  }
  const tGen = performance.now();
  const items = await screenGenerated(flags.seed, flags.count, deps);
  const screenedIn = secs(tGen);
  const pairs = labelledFeatures(items, { neighbours: 10, random: 0, seed: flags.seed, earlierOnly: true });
  const truth = pairs.map((p) => p.label);
  const scores = pairs.map((p) => scoreFeatures(p.features, params));
  const confusion = confusion3(truth, scores.map((s) => s.outcome));
  const ours = duplicateMetricsFrom(confusion);
  const cut = cosineThreshold(embedder.id);
  const isDup = truth.map((l) => l === 'duplicate');
  const baseline = binaryMetrics(binaryCounts(isDup, pairs.map((p) => (p.features.cosine ?? 0) >= cut)));
  const leads = leadDecisions(items, params, DEFAULT_DEDUP_POLICY.kVector);
  const leadOurs = leadMetrics(leads.ours);
  const leadBase = leadMetrics(leads.baseline);
  log(`\n== the generator: params calibrated on seeds ${seeds.join(', ')}`);
  log(`held-out generator seed ${flags.seed}: ${items.length} reports screened in ${screenedIn} (${embedder.misses} texts embedded, ${(embedder.embedMs / 1000).toFixed(1)} s in the embedder)`);
  log(`\n== pairs: ${pairs.length} ${JSON.stringify(countLabels(pairs))} — every same-subject pair + each report's 10 nearest non-matching earlier reports`);
  log(metricsRow(`pair scorer (p ≥ ${params.thresholds.duplicate.toFixed(3)})`, ours));
  log(metricsRow(`cosine ≥ ${cut} (dedup.stage.ts rule)`, baseline));
  log(`  ROC AUC duplicate-vs-not: scorer ${f3(rocAuc(scores.map((s) => s.probability), isDup))}, cosine ${f3(rocAuc(pairs.map((p) => p.features.cosine ?? 0), isDup))}`);
  log(`  confusion (rows truth, columns predicted: ${LABELS.join(' / ')}):`);
  confusion.forEach((row, i) => log(`    ${LABELS[i]!.padEnd(10)} ${row.map((c) => String(c).padStart(7)).join('')}`));
  log(`\n== leads (the stage's decision: merge into the best of the ${DEFAULT_DEDUP_POLICY.kVector} nearest earlier leads, or open a cluster):`);
  log(metricsRow('pair scorer', leadOurs));
  log(metricsRow(`cosine ≥ ${cut} on the nearest`, leadBase));
  const dupExample = pairs.findIndex((p, i) => p.label === 'duplicate' && scores[i]!.outcome === 'duplicate');
  if (dupExample >= 0) {
    const g = pairs[dupExample]!;
    log(`\nexample explanation (a held-out duplicate pair):\n${explain(items[g.i]!.screening, items[g.j]!.screening, params).text}`);
  }
  log(`\ntotal ${secs(t0)}`);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({
      embedder: embedder.id, real: realJson(real), seed: flags.seed, reports: items.length, n: pairs.length, ...pick(ours), threshold: params.thresholds.duplicate, cosineOnlyThreshold: cosineThreshold(embedder.id),
      confusion: { labels: LABELS, rows: confusion }, baseline: { rule: `cosine >= ${cut}`, ...pick(baseline) },
      leads: { ours: pick(leadOurs), baseline: pick(leadBase) },
      shared: Object.fromEntries(shared.map((r) => [r.name.split('/').pop(), { n: r.n, ...pick(r.ours), auc: r.auc, cosineAuc: r.cosineAuc, baseline: pick(r.baseline) }])),
      seconds: (performance.now() - t0) / 1000,
    })}\n`);
  }
  return 0;
}

export async function runDedupEval(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, {
    calibrate: false, labelsDatabase: '', data: '', json: false, limit: 0, embedder: 'auto', count: 1500, seed: TEST_SEED, trainCount: 700,
    params: PAIR_PARAMS_PATH, shared: DEFAULT_SHARED, pairsLimit: 300, skipShared: false, boardSample: 800, shortLimit: 1000,
  });
  if (flags.json) readable = process.stderr;
  if (flags.calibrate) return runCalibration(flags);
  const { deps, embedder } = await makeDeps(flags.embedder);
  if (!flags.data) return runHeldOut(flags, deps, embedder);
  const params = loadParams(flags.params, embedder.id);
  const t0 = performance.now();
  const r = await scorePairsFile(flags.data, flags.limit, deps, params);
  log(`dedup eval on ${flags.data} — embedder ${embedder.id}; params ${flags.params}; nothing tuned on this file`);
  printPairFile(r, params);
  log(`total ${secs(t0)} (${embedder.misses} texts embedded, ${embedder.hits} cache hits)`);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ file: flags.data, embedder: embedder.id, n: r.n, ...pick(r.ours), threshold: params.thresholds.duplicate, cosineOnlyThreshold: cosineThreshold(embedder.id), auc: r.auc, baseline: { rule: params.cosineOnly ? `meaning-only rule ${JSON.stringify(params.cosineOnly)}` : `cosine >= ${cosineThreshold(embedder.id)}`, ...pick(r.baseline), auc: r.cosineAuc }, seconds: r.seconds })}\n`);
  }
  return 0;
}
