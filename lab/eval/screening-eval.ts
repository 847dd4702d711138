/**
 * npm run eval -- screening [--data FILE] [--json] [--shared DIR] [--model FILE] [--count N] [--seed S]
 *
 * First the province of the team's labelled court facts (province-eval.ts: all, held-out half,
 * prefecture and county; `courtFactsProvince` in --json). Then scores the category model and the
 * pipeline's province resolution on data training never saw: the generator's test seed (default
 * 999) and, when DIR (default ../shared/data) exists, the held-out part of the CAIL cases and
 * complaints; or, with --data, every record of FILE (cases format: id, fact, charges[], optional
 * province), labelled through DIR/charge_categories.json.
 * Each report goes through screenReport (screening/screen.ts) with the hashing embedder, exactly
 * as in the pipeline, for its text, tokens and location. Beside the model: natural's
 * BayesClassifier trained on the same training data. Nothing is tuned here.
 * With --json the last line is one JSON object (pooled figures first, then per split).
 */
import { SHARED_DATA_DIR } from '../data/shared-data';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { isInScope } from '../../models/categories';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { categoryName, type CategoryCode } from '../../models/categories';
import { trainBayesBaseline, type BayesBaseline } from '../classifier/bayes-baseline';
import { loadScreeningModel, SCREENING_MODEL_PATH } from '../../infra/trained-params';
import { openEmbedder, type EmbedderChoice } from '../../infra/embedding/open-embedder';
import { jsonLogger } from '../../infra/runtime/system-runtime';
import type { ScreeningModel } from '../../screening/classifier/screening-model';
import { CachingEmbedder, embeddingCacheFile } from '../dedup/caching-embedder';
import { readJsonLines } from '../data/shared-data';
import { formatRealReports, parseScopeLines, realFigures, realTextReports, type RealFigures } from './screening-real';
import {
  caseReports, generatorReports, loadChargeRules, loadSharedData, screeningText, splitOf, TEST_SEED, TRAIN_SEEDS, toReportReceived, type LabelledReport,
} from '../classifier/datasets';
import { scorePredictions, type ScoredPrediction, type ScreeningMetrics } from '../classifier/metrics';
import { Gazetteer } from '../../screening/gazetteer';
import { screenReport, type ScreeningDeps } from '../../screening/screen';
import { parseFlags } from '../../cli/flags';
import { evaluateProvince, formatProvinceEval, loadCaseFacts, loadProvinceLabels, provinceSummary, type ProvinceEval } from './province-eval';

const DEFAULT_SHARED = SHARED_DATA_DIR;
/** Top category plus every other category at least this probable: the multi-label reading. */
const LABEL_THRESHOLD = 0.5;

interface EvalSet {
  readonly name: string;
  readonly records: readonly LabelledReport[];
}

interface SetResult {
  readonly name: string;
  readonly ours: readonly ScoredPrediction[];
  readonly theirs: readonly ScoredPrediction[];
  readonly model: ScreeningMetrics;
  readonly baseline: ScreeningMetrics;
  readonly predictMs: number;
}

const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '   –  ' : (100 * x).toFixed(1).padStart(5) + '%');

function trainingRecords(perSeed: number, shared: ReturnType<typeof loadSharedData>): LabelledReport[] {
  const records = TRAIN_SEEDS.flatMap((seed) => generatorReports(seed, perSeed));
  if (shared) records.push(...shared.cail, ...shared.complaints);
  return records.filter((r) => splitOf(r) !== 'heldout');
}

function baseline(records: readonly LabelledReport[], segmenter: JiebaSegmenter): BayesBaseline {
  return trainBayesBaseline(records.map((r) => ({ tokens: segmenter.segment(screeningText(r.report)), label: r.gold })));
}

async function score(set: EvalSet, bayes: BayesBaseline, deps: ScreeningDeps): Promise<SetResult> {
  const ours: ScoredPrediction[] = [];
  const theirs: ScoredPrediction[] = [];
  let predictMs = 0;
  for (const r of set.records) {
    const t = performance.now();
    const s = await screenReport(toReportReceived(r.id, r.report), deps);
    predictMs += performance.now() - t;
    const ranked = s.categories;
    const top = ranked[0]!;
    const truth = {
      allowed: r.allowed, gold: r.gold,
      ...(r.source === 'generator' ? { positives: r.positives } : {}),
      ...(r.provinceCode !== undefined ? { provinceTruth: r.provinceCode, provincePredicted: s.location.provinceCode ?? null } : {}),
    };
    const predictedSet = [top.code, ...ranked.slice(1).filter((c) => c.probability >= LABEL_THRESHOLD).map((c) => c.code)];
    ours.push({ ...truth, predicted: top.code, probability: top.probability, predictedSet });
    const nb = bayes.classify(s.tokens);
    theirs.push({ ...truth, predicted: nb, predictedSet: [nb] });
  }
  return { name: set.name, ours, theirs, model: scorePredictions(ours), baseline: scorePredictions(theirs), predictMs: predictMs / Math.max(1, set.records.length) };
}

function report(r: SetResult): string {
  const m = r.model;
  const b = r.baseline;
  const row = (label: string, x: ScreeningMetrics) =>
    `  ${label.padEnd(22)}${pct(x.categoryAccuracy)}  ${pct(x.macroF1)}  ${pct(x.multiLabelMacroF1)}  ${pct(x.inScopePrecision)}  ${pct(x.inScopeRecall)}  ${pct(x.outOfScopePrecision)}  ${pct(x.outOfScopeRecall)}  ${pct(x.provinceAccuracy)}`;
  const lines = [
    `\n== ${r.name}: n=${m.n}${m.provinceN !== undefined ? `, province scored on ${m.provinceN}` : ''}`,
    `  ${''.padEnd(22)}accuracy macroF1  multiF1  inScP    inScR    outScP   outScR   province`,
    row('model (logistic OvR)', m),
    row('baseline (natural NB)', b),
    `  model: calibration error (ECE of top probability) ${m.calibrationError?.toFixed(3)}; ${r.predictMs.toFixed(3)} ms/report for features + prediction`,
    `  per category (model P / R / F1, support; baseline F1):`,
  ];
  for (const c of m.perCategory) {
    const bf = b.perCategory.find((x) => x.code === c.code)?.f1;
    lines.push(`    ${c.code.padEnd(23)}${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)}  n=${String(c.support).padStart(4)}  NB ${pct(bf)}  ${categoryName(c.code as CategoryCode)}`);
  }
  return lines.join('\n');
}

const summary = (m: ScreeningMetrics) => ({
  n: m.n, categoryAccuracy: m.categoryAccuracy, macroF1: m.macroF1, inScopePrecision: m.inScopePrecision, inScopeRecall: m.inScopeRecall,
  outOfScopePrecision: m.outOfScopePrecision, outOfScopeRecall: m.outOfScopeRecall,
  ...(m.multiLabelMacroF1 !== undefined ? { multiLabelMacroF1: m.multiLabelMacroF1 } : {}),
  ...(m.provinceAccuracy !== undefined ? { provinceAccuracy: m.provinceAccuracy, provinceN: m.provinceN } : {}),
  ...(m.calibrationError !== undefined ? { calibrationError: m.calibrationError } : {}),
});

export async function runScreeningEval(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { data: '', json: false, shared: DEFAULT_SHARED, model: SCREENING_MODEL_PATH, count: 2000, seed: TEST_SEED, embedder: 'auto', skipReal: false });
  if ((TRAIN_SEEDS as readonly number[]).includes(flags.seed)) throw new Error(`--seed ${flags.seed} is a training seed`);
  if (!existsSync(flags.model)) throw new Error(`no screening model at ${flags.model}: run npm run train`);
  const model = loadScreeningModel(flags.model);
  const shared = loadSharedData(flags.shared);
  const segmenter = new JiebaSegmenter();
  const opened = await openEmbedder(flags.embedder as EmbedderChoice, jsonLogger('warn'));
  const embedder = opened instanceof HashingEmbedder ? opened : new CachingEmbedder(opened, embeddingCacheFile(opened.id));
  const deps: ScreeningDeps = { segmenter, embedder, gazetteer: Gazetteer.default(), classifier: model };
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(`screening eval — model ${flags.model}, embedder ${embedder.id} (model part ${model.partFor(embedder.id).embedderId})`);
  const out: Record<string, unknown> = {};
  if (flags.data) {
    const lines = readJsonLines<Record<string, unknown>>(flags.data);
    if (lines[0] && 'inScope' in lines[0]) {
      const scored = [];
      for (const l of parseScopeLines(lines, flags.data)) {
        const s = await screenReport(toReportReceived(l.id, { subject: { people: [] }, facts: { text: l.text } }), deps);
        scored.push({ probability: s.scope.probability, predictedInScope: s.scope.inScope, inScope: l.inScope, primary: s.categories.find((c) => isInScope(c.code))?.code, allowed: l.allowed });
      }
      const f = realFigures(scored);
      log(`\n== ${flags.data} (shipped model, threshold ${model.partFor(embedder.id).threshold}): ${JSON.stringify(f)}`);
      if (flags.json) log(JSON.stringify(f));
      return 0;
    }
  }
  if (!flags.data && shared && !flags.skipReal) {
    log(`\n== real board messages, the team's labels (lab/labels): scope and categories`);
    const reports = await realTextReports(flags.shared, segmenter, embedder instanceof HashingEmbedder ? null : embedder, log);
    for (const line of formatRealReports(reports)) log(line);
    out.real = Object.fromEntries(reports.map((r) => [r.part, { crossValidated: r.crossValidated, withoutRealLabels: r.withoutRealLabels }]));
    const own = reports.find((r) => r.part === embedder.id) ?? reports[0];
    if (own) Object.assign(out, summaryOfReal(own.crossValidated));
  }
  const sets: EvalSet[] = [];
  if (flags.data) {
    const rulesFile = join(flags.shared, 'charge_categories.json');
    if (!existsSync(rulesFile)) throw new Error(`--data needs the charge rules at ${rulesFile} (see --shared)`);
    sets.push({ name: `file ${flags.data}`, records: caseReports(flags.data, loadChargeRules(flags.shared), 'file') });
  } else {
    sets.push({ name: `generator test seed ${flags.seed}`, records: generatorReports(flags.seed, flags.count) });
    if (shared) sets.push({ name: 'CAIL held-out', records: shared.cail.filter((r) => splitOf(r) === 'heldout') });
  }
  const facts = flags.data ? null : loadCaseFacts(flags.shared);
  const courtFacts: ProvinceEval | null = facts ? await evaluateProvince(loadProvinceLabels(), facts, deps) : null;
  if (courtFacts) log(formatProvinceEval(courtFacts));
  const t0 = performance.now();
  const perSeed = Number((model.about.data as { perSeed?: number } | undefined)?.perSeed ?? 600);
  const bayes = baseline(trainingRecords(perSeed, shared), segmenter);
  log(`\nbaseline (natural's Naive Bayes) trained in ${((performance.now() - t0) / 1000).toFixed(1)} s${shared ? '' : ` (no shared data at ${flags.shared}: generator only)`}`);
  const results: SetResult[] = [];
  for (const set of sets) {
    const r = await score(set, bayes, deps);
    results.push(r);
    log(report(r));
  }
  const pool = (pick: (r: SetResult) => readonly ScoredPrediction[]) => scorePredictions(results.flatMap(pick));
  const pooled: SetResult = results.length > 1
    ? { name: 'all held-out', ours: [], theirs: [], model: pool((r) => r.ours), baseline: pool((r) => r.theirs), predictMs: results.reduce((s, r) => s + r.predictMs * r.ours.length, 0) / results.reduce((s, r) => s + r.ours.length, 0) }
    : results[0]!;
  if (results.length > 1) log(report(pooled));
  if (flags.json) {
    log(JSON.stringify({ ...out, ...(courtFacts ? { courtFactsProvince: provinceSummary(courtFacts) } : {}), heldOut: { ...summary(pooled.model), baseline: summary(pooled.baseline) }, splits: Object.fromEntries(results.map((r) => [r.name, { ...summary(r.model), baseline: summary(r.baseline) }])) }));
  }
  return 0;
}

/** The issue's fields, top level in --json: the real-text figures of the part the pipeline runs. */
function summaryOfReal(f: RealFigures) {
  return { n: f.n, auc: f.auc, inScopePrecision: f.inScopePrecision, inScopeRecall: f.inScopeRecall, recallAtPrecision60: f.recallAtPrecision60, categoryAccuracy: f.categoryAccuracy };
}
