/**
 * npm run bench [-- --count N --seed S]
 *
 * End-to-end throughput of the embedded default on generated reports, and the time each stage
 * spends per message (handler time, including its store and index calls). Prints figures; asserts
 * nothing.
 */
import { closeAdapters, openEmbeddedAdapters } from '../infra/embedded';
import { createServices, startWorkers, STAGE_NAMES, type Runtime, type StageName } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Stage } from '../models/stage';
import { generateReports } from '../synth/generator';
import { submitAll, table, waitUntilRouted } from './batch';
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

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { count: 10_000, seed: 1 });
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('error') };
  const adapters = await openEmbeddedAdapters();
  const services = await createServices(adapters, runtime, { reporterKey: Buffer.alloc(32, 1) });
  const samples = Object.fromEntries(STAGE_NAMES.map((n) => [n, [] as number[]])) as Record<StageName, number[]>;
  const stages = Object.fromEntries(STAGE_NAMES.map((n) => [n, timed(services.stages[n], samples[n])])) as Record<StageName, Stage<unknown>>;
  const subscriptions = await startWorkers(adapters, { stages }, runtime);
  const app = services.buildApp();
  const batch = generateReports({ count: flags.count, seed: flags.seed });
  const rssBefore = process.memoryUsage().rss;

  const t0 = performance.now();
  const { submitted } = await submitAll(app, services, batch);
  const tIngest = performance.now();
  const routed = await waitUntilRouted(adapters.store, submitted.length, 3_600_000);
  const tEnd = performance.now();
  const seconds = (tEnd - t0) / 1000;

  console.log(`xiansuo bench — embedded default, ${adapters.embedder.id}, ${submitted.length} accepted of ${batch.length} generated (seed ${flags.seed})`);
  console.log(`end to end: ${routed} routed in ${seconds.toFixed(1)} s = ${(routed / seconds).toFixed(1)} reports/s`);
  console.log(`ingest (API inject + store + publish, 16 concurrent): ${((tIngest - t0) / 1000).toFixed(1)} s = ${(submitted.length / ((tIngest - t0) / 1000)).toFixed(1)} reports/s`);
  const rows = STAGE_NAMES.map((name) => {
    const s = [...samples[name]].sort((a, b) => a - b);
    const total = s.reduce((a, b) => a + b, 0);
    return [name, s.length, (total / 1000).toFixed(1), (total / s.length).toFixed(2), quantile(s, 0.5).toFixed(2), quantile(s, 0.99).toFixed(2), (1000 / (total / s.length)).toFixed(0)];
  });
  console.log(table(['stage', 'messages', 'total s', 'mean ms', 'p50 ms', 'p99 ms', 'msgs/s alone'], rows));
  console.log(`index size ${await adapters.index.count()} leads; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (was ${(rssBefore / 2 ** 20).toFixed(0)} MiB before the batch)`);
  await Promise.all(subscriptions.map((s) => s.stop()));
  await closeAdapters(adapters);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
