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
import { calibrate, countLabels, type LabelledFeatures, type LabelledPair } from '../dedup/calibrate';
import { analystPairs } from '../dedup/analyst-labels';
import { PgStore, redact } from '../../infra/store/pg-store';
import { SqlLeadRepository } from '../../infra/store/sql-lead-repository';
import { SqlReviewReadModel } from '../../review/review-read-model';
import { CachingEmbedder } from '../dedup/caching-embedder';
import { FIT_SEEDS, readPairsFile, screenGenerated, screenText, TEST_SEED, VALIDATION_SEEDS } from '../dedup/eval-data';
import { explain } from '../../dedup/pairs/explain';
import { charShingles, pairFeatures, PAIR_FIELDS } from '../../dedup/pairs/features';
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
const log = (s: string) => process.stdout.write(`${s}\n`);
const logger = { info: () => {}, warn: (m: string) => process.stderr.write(`${m}\n`), error: (m: string) => process.stderr.write(`${m}\n`) };
const f3 = (x: number) => (Number.isNaN(x) ? '  –  ' : x.toFixed(3));
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const metricsRow = (label: string, m: BinaryMetrics) =>
  `  ${label.padEnd(34)} P ${f3(m.precision)}  R ${f3(m.recall)}  F1 ${f3(m.f1)}   (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
const pick = (m: BinaryMetrics) => ({ precision: m.precision, recall: m.recall, f1: m.f1, tp: m.tp, fp: m.fp, fn: m.fn, tn: m.tn });

async function makeDeps(choice: string): Promise<{ deps: ScreeningDeps; embedder: CachingEmbedder }> {
  if (!['auto', 'bge', 'hash'].includes(choice)) throw new Error(`--embedder must be auto, bge or hash, got ${choice}`);
  const embedder = new CachingEmbedder(await openEmbedder(choice as EmbedderChoice, logger));
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

async function runCalibration(flags: { embedder: string; trainCount: number; params: string; labelsDatabase: string }): Promise<number> {
  const t0 = performance.now();
  const { deps, embedder } = await makeDeps(flags.embedder);
  const screen = async (seeds: readonly number[]) => {
    const out: Array<{ s: number; items: TruthItem[] }> = [];
    for (const s of seeds) out.push({ s, items: await screenGenerated(s, flags.trainCount, deps) });
    return out;
  };
  const sampling = (seed: number) => ({ neighbours: 5, random: 2, seed });
  const fit = (await screen(FIT_SEEDS)).flatMap(({ s, items }) => labelledFeatures(items, sampling(s)));
  const validation = (await screen(VALIDATION_SEEDS)).flatMap(({ s, items }) => labelledFeatures(items, sampling(s)));
  const params = calibrate({
    embedderId: embedder.id, fit, validation,
    analystPairs: await labelsFrom(flags.labelsDatabase, embedder.id),
    about: { fitSeeds: FIT_SEEDS, validationSeeds: VALIDATION_SEEDS, reportsPerSeed: flags.trainCount, sampling: 'all same-subject pairs + 5 nearest non-matching + 2 random per report', calibratedAt: new Date().toISOString().slice(0, 10) },
  });
  writePairParams(params, flags.params);
  log(`dedup calibration — embedder ${embedder.id}; ${embedder.misses} texts embedded in ${(embedder.embedMs / 1000).toFixed(1)} s; total ${secs(t0)}`);
  log(`  fit pairs ${JSON.stringify(countLabels(fit))} (seeds ${FIT_SEEDS.join(', ')}); validation pairs ${JSON.stringify(countLabels(validation))} (seed ${VALIDATION_SEEDS.join(', ')})`);
  log(`  duplicate weights (state: log m/u):`);
  for (const f of PAIR_FIELDS) log(`    ${f.padEnd(13)} ${Object.entries(params.duplicate.fields[f]).map(([s, w]) => `${s} ${w!.toFixed(2)}`).join('  ')}`);
  log(`    cosine edges ${params.duplicate.cosine.edges.join(' ')} → ${params.duplicate.cosine.weights.map((w) => w.toFixed(1)).join(' ')}`);
  log(`    shingle edges ${params.duplicate.shingle.edges.join(' ')} → ${params.duplicate.shingle.weights.map((w) => w.toFixed(1)).join(' ')}`);
  log(`  thresholds: duplicate ${params.thresholds.duplicate}, related ${params.thresholds.related}; validation ${JSON.stringify(params.about?.validationDuplicate)}`);
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
  for (const p of pairs) {
    const a = await screenText(`${p.id}-a`, p.textA, deps);
    const b = await screenText(`${p.id}-b`, p.textB, deps);
    const s = scoreFeatures(pairFeatures(a, b), params);
    truth.push(p.label);
    ours.push(s.probability);
    said.push(s.outcome === 'duplicate');
    cos.push(s.features.cosine ?? 0);
  }
  const cut = cosineThreshold(params.embedderId);
  return {
    name: path, n: pairs.length,
    ours: binaryMetrics(binaryCounts(truth, said)),
    baseline: binaryMetrics(binaryCounts(truth, cos.map((c) => c >= cut))),
    auc: rocAuc(ours, truth), cosineAuc: rocAuc(cos, truth), seconds: (performance.now() - t0) / 1000,
  };
}

function printPairFile(r: PairFileResult, params: DedupParams): void {
  const pos = r.ours.tp + r.ours.fn;
  log(`\n== ${r.name}: n=${r.n} (${pos} same meaning), ${r.seconds.toFixed(1)} s`);
  log(metricsRow(`pair scorer (p ≥ ${params.thresholds.duplicate.toFixed(3)})`, r.ours));
  log(metricsRow(`cosine ≥ ${cosineThreshold(params.embedderId)} (stage rule)`, r.baseline));
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

async function runHeldOut(flags: { count: number; seed: number; params: string; json: boolean; skipShared: boolean; pairsLimit: number; shared: string }, deps: ScreeningDeps, embedder: CachingEmbedder): Promise<number> {
  const seeds: readonly number[] = [...FIT_SEEDS, ...VALIDATION_SEEDS];
  if (seeds.includes(flags.seed)) throw new Error(`--seed ${flags.seed} is a calibration seed`);
  const params = loadParams(flags.params, embedder.id);
  const t0 = performance.now();
  const items = await screenGenerated(flags.seed, flags.count, deps);
  const screenedIn = secs(t0);
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
  log(`dedup eval — embedder ${embedder.id}; params ${flags.params} (calibrated on seeds ${seeds.join(', ')})`);
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
  const shared: PairFileResult[] = [];
  if (!flags.skipShared && existsSync(join(flags.shared, 'pairs'))) {
    log(`\nshared paraphrase pairs (dev splits, never used in calibration), ${flags.pairsLimit || 'all'} pairs per file, each text an anonymous report:`);
    for (const file of SHARED_PAIR_FILES) {
      const path = join(flags.shared, 'pairs', file);
      if (!existsSync(path)) continue;
      const r = await scorePairsFile(path, flags.pairsLimit, deps, params);
      printPairFile(r, params);
      shared.push(r);
    }
  }
  log(`\ntotal ${secs(t0)}`);
  if (flags.json) {
    log(JSON.stringify({
      embedder: embedder.id, seed: flags.seed, reports: items.length, n: pairs.length, ...pick(ours), threshold: params.thresholds.duplicate, cosineOnlyThreshold: cosineThreshold(embedder.id),
      confusion: { labels: LABELS, rows: confusion }, baseline: { rule: `cosine >= ${cut}`, ...pick(baseline) },
      leads: { ours: pick(leadOurs), baseline: pick(leadBase) },
      shared: Object.fromEntries(shared.map((r) => [r.name.split('/').pop(), { n: r.n, ...pick(r.ours), auc: r.auc, baseline: pick(r.baseline) }])),
      seconds: (performance.now() - t0) / 1000,
    }));
  }
  return 0;
}

export async function runDedupEval(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, {
    calibrate: false, labelsDatabase: '', data: '', json: false, limit: 0, embedder: 'auto', count: 1500, seed: TEST_SEED, trainCount: 700,
    params: PAIR_PARAMS_PATH, shared: DEFAULT_SHARED, pairsLimit: 300, skipShared: false,
  });
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
    log(JSON.stringify({ file: flags.data, embedder: embedder.id, n: r.n, ...pick(r.ours), threshold: params.thresholds.duplicate, cosineOnlyThreshold: cosineThreshold(embedder.id), auc: r.auc, baseline: { rule: `cosine >= ${cosineThreshold(embedder.id)}`, ...pick(r.baseline), auc: r.cosineAuc }, seconds: r.seconds }));
  }
  return 0;
}
