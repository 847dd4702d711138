/**
 * npm run bench [-- --count N --seed S --mode embedded|cluster]
 *
 * End-to-end throughput on generated reports, and the time each stage spends per message (handler
 * time, including its store and index calls). `--mode cluster` runs on real Kafka, Elasticsearch
 * and PostgreSQL in a throw-away namespace and database (npm run infra:up first). Prints figures;
 * asserts nothing.
 */
import { openSandbox, sandboxEndpoints } from '../infra/cluster-sandbox';
import { closeAdapters, openEmbeddedAdapters } from '../infra/embedded';
import { BgeEmbedder } from '../infra/embedding/bge-embedder';
import { openEmbedder, type EmbedderChoice } from '../infra/embedding/open-embedder';
import { screenReport } from '../screening/screen';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { Gazetteer } from '../screening/gazetteer';
import { shippedScreeningModel } from '../infra/trained-params';
import { normaliseSubmission } from '../ingest/normalise-submission';
import { createServices, startWorkers, STAGE_NAMES, type Runtime, type StageName } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Stage } from '../models/stage';
import { generateReports } from '../synth/generator';
import { submitAll, table, waitUntilRouted } from './batch';
import { benchDedup } from './bench-dedup';
import { benchIntake } from './bench-intake';
import { runCommand } from './command';
import { COMMANDS } from './commands';
import { benchRouting } from './bench-routing';
import { parseFlags } from './flags';

function timed<I>(stage: Stage<I>, samples: number[]): Stage<I> {
  return {
    ...stage,
    async handle(input, context) {
      const t = process.hrtime.bigint();
      try {
        return await stage.handle(input, context);
      } finally {
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    },
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * The screening stage's work against the model alone, on the same reports and the same batch size
 * (one text per call, as the stage embeds), interleaved report by report so that both see the
 * same machine: how much the stage (normalise, segment, entities, places, categories,
 * credibility) adds over inference. Store writes are not part of either.
 */
async function compareWithInference(embedder: BgeEmbedder, batch: ReturnType<typeof generateReports>): Promise<void> {
  const deps = { segmenter: new JiebaSegmenter(), embedder, gazetteer: Gazetteer.default(), classifier: shippedScreeningModel() };
  let stageMs = 0;
  let inferenceMs = 0;
  const sample = batch.slice(0, Math.min(300, batch.length));
  for (const [i, g] of sample.entries()) {
    const r = normaliseSubmission(g.submission);
    const report = { reportId: `bench-${i}`, receivedAt: new Date().toISOString(), reporter: { realName: false, contactGiven: false }, subject: r.subject, facts: r.facts, ...(r.umbrella ? { umbrella: r.umbrella } : {}) };
    let t = performance.now();
    const screened = await screenReport(report, deps);
    stageMs += performance.now() - t;
    t = performance.now();
    await embedder.inferenceOnly([screened.text]);
    inferenceMs += performance.now() - t;
  }
  const n = sample.length;
  console.log(
    `screening vs model (batch 1, ${n} reports, interleaved): stage ${(stageMs / n).toFixed(1)} ms/report = ${((1000 * n) / stageMs).toFixed(1)} reports/s; ` +
      `inference alone ${(inferenceMs / n).toFixed(1)} ms/report = ${((1000 * n) / inferenceMs).toFixed(1)} reports/s; the stage adds ${((100 * (stageMs - inferenceMs)) / inferenceMs).toFixed(1)}% over inference`,
  );
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { count: 10_000, seed: 1, mode: 'embedded', embedder: 'auto' });
  if (flags.mode !== 'embedded' && flags.mode !== 'cluster') throw new Error('--mode is embedded or cluster');
  if (!['auto', 'bge', 'hash'].includes(flags.embedder)) throw new Error('--embedder is auto, bge or hash');
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('error') };
  const embedder = await openEmbedder(flags.embedder as EmbedderChoice, runtime.logger);
  const sandbox = flags.mode === 'cluster' ? await openSandbox(sandboxEndpoints(), runtime.logger, 'bench', embedder) : undefined;
  const adapters = sandbox ? sandbox.adapters : await openEmbeddedAdapters({ embedder });
  const services = await createServices(adapters, runtime, { reporterKey: Buffer.alloc(32, 1) });
  const samples = Object.fromEntries(STAGE_NAMES.map((n) => [n, [] as number[]])) as Record<StageName, number[]>;
  const stages = Object.fromEntries(STAGE_NAMES.map((n) => [n, timed(services.stages[n], samples[n])])) as Record<StageName, Stage<unknown>>;
  const subscriptions = await startWorkers(adapters, { stages, handled: services.handled }, runtime);
  // One in-process client: the intake's per-client rate limit would measure itself, not the pipeline.
  const app = services.buildApp({ limits: { overall: false } });
  const batch = generateReports({ count: flags.count, seed: flags.seed });
  const rssBefore = process.memoryUsage().rss;

  const t0 = performance.now();
  const { submitted } = await submitAll(app, services, batch);
  const tIngest = performance.now();
  const routed = await waitUntilRouted(adapters.store, submitted.length, 3_600_000);
  const tEnd = performance.now();
  const seconds = (tEnd - t0) / 1000;

  const modeLabel = sandbox ? 'cluster mode (Kafka, Elasticsearch, PostgreSQL)' : 'embedded default';
  console.log(`xiansuo bench — ${modeLabel}, ${adapters.embedder.id}, ${submitted.length} accepted of ${batch.length} generated (seed ${flags.seed})`);
  console.log(`end to end: ${routed} routed in ${seconds.toFixed(1)} s = ${(routed / seconds).toFixed(1)} reports/s`);
  console.log(`ingest (API inject + store + publish, 16 concurrent): ${((tIngest - t0) / 1000).toFixed(1)} s = ${(submitted.length / ((tIngest - t0) / 1000)).toFixed(1)} reports/s`);
  // Re-routing is a manual path: no message in this batch, no row.
  const rows = STAGE_NAMES.filter((name) => samples[name].length > 0).map((name) => {
    const s = [...samples[name]].sort((a, b) => a - b);
    const total = s.reduce((a, b) => a + b, 0);
    return [name, s.length, (total / 1000).toFixed(1), (total / s.length).toFixed(2), quantile(s, 0.5).toFixed(2), quantile(s, 0.99).toFixed(2), (1000 / (total / s.length)).toFixed(0)];
  });
  console.log(table(['stage', 'messages', 'total s', 'mean ms', 'p50 ms', 'p99 ms', 'msgs/s alone'], rows));
  if (adapters.embedder instanceof BgeEmbedder) await compareWithInference(adapters.embedder, batch);
  console.log(`index size ${await adapters.index.count()} leads; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (was ${(rssBefore / 2 ** 20).toFixed(0)} MiB before the batch)`);
  await Promise.all(subscriptions.map((s) => s.stop()));
  if (sandbox) await sandbox.teardown();
  else await closeAdapters(adapters);
}

const run = process.argv[2] === 'dedup' ? benchDedup(process.argv.slice(3)) : process.argv[2] === 'intake' ? benchIntake(process.argv.slice(3)) : process.argv[2] === 'routing' ? benchRouting(process.argv.slice(3)) : main();
runCommand('bench', COMMANDS.bench!.usage, async () => {
  await run;
  return 0;
});
