/**
 * Long-running processes.
 *   npm run start:cluster            intake (PORT) + console (CONSOLE_PORT) + every stage worker +
 *                                    outbox relay, on Kafka/ES/PostgreSQL
 *   npm run start -- intake          the intake application alone (outer network) + outbox relay
 *   npm run start -- console         the console application alone (inner network)
 *   npm run worker -- <stage>...     only the named stage workers (screening, dedup, routing);
 *                                    start more processes to scale: they share the consumer group
 *   npm run start                    the same as start:cluster, but in the mode the environment says
 * Every process also serves /livez, /readyz and /metrics on HOST:OPS_PORT (give each its own).
 * SIGINT/SIGTERM: stop taking messages, finish the in-flight one (and commit), close, exit.
 */
import { closeAdapters, openEmbeddedAdapters } from '../infra/embedded';
import { openClusterAdapters } from '../infra/cluster';
import { openEmbedder } from '../infra/embedding/open-embedder';
import { loadConfig } from '../infra/config';
import { resolveKeys } from '../infra/crypto/keyring';
import { ConfigurationError } from '../models/errors';
import { createServices, STAGE_NAMES, startWorkers, type Runtime, type StageName } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import { createObservability } from '../infra/observability/observe';

/** Deadlines are days long: checking every ten minutes is plenty. */
const DEADLINE_INTERVAL_MS = 10 * 60_000;
const OUTBOX_INTERVAL_MS = 5_000;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== undefined && !['cluster', 'intake', 'console', 'worker'].includes(command)) throw new ConfigurationError(`unknown argument "${command}"; usage: xiansuo start [cluster|intake|console] | xiansuo worker <stage>...`);
  if (command !== 'worker' && rest.length > 0) throw new ConfigurationError(`unknown argument "${rest[0]}"`);
  const forced = command === 'cluster' || command === 'worker' ? 'cluster' : undefined;
  const config = loadConfig(process.env, forced);
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger(config.logLevel, { pid: process.pid }) };
  const role = command === 'intake' || command === 'console' || command === 'worker' ? command : 'all';
  const stages = command === 'worker' ? parseStages(rest) : role === 'all' ? STAGE_NAMES : [];
  const embedder = await openEmbedder(config.embedder, runtime.logger, config.modelDir);
  const adapters =
    config.mode === 'cluster'
      ? await openClusterAdapters(config, runtime.logger, embedder)
      : await openEmbeddedAdapters({ embedder, ...(config.pgliteDataDir ? { pgliteDataDir: config.pgliteDataDir } : {}) });
  const obs = createObservability(adapters, runtime, {
    ...(config.mode === 'cluster' ? { cluster: { kafkaBrokers: config.kafkaBrokers, elasticsearchUrl: config.elasticsearchUrl!, namespace: config.namespace } } : {}),
  });
  const services = await createServices(obs.adapters, runtime, {
    keys: resolveKeys(config, runtime.logger),
    ...(config.consoleTokenSecret ? { consoleTokenSecret: config.consoleTokenSecret } : {}),
  });
  const subscriptions = await startWorkers(obs.adapters, { stages: obs.stages(services), handled: services.handled }, runtime, {}, stages);
  obs.watch(subscriptions, stages);
  runtime.logger.info('workers started', { mode: config.mode, stages, embedder: adapters.embedder.id });
  const opsPort = await obs.listen(config.host, config.opsPort);
  runtime.logger.info('ops listening', { url: `http://${config.host}:${opsPort}`, paths: ['/livez', '/readyz', '/metrics'] });
  let relay: NodeJS.Timeout | undefined;
  let deadlines: NodeJS.Timeout | undefined;
  const app = role === 'all' || role === 'intake' ? services.buildApp({ trustProxy: config.trustProxy }) : undefined;
  const consoleApp = role === 'all' || role === 'console' ? services.buildConsoleApp() : undefined;
  if (app) obs.instrumentApp(app, 'intake');
  if (consoleApp) obs.instrumentApp(consoleApp, 'console');
  if (consoleApp) {
    await consoleApp.listen({ host: config.host, port: config.consolePort });
    runtime.logger.info('console listening', { url: `http://${config.host}:${config.consolePort}` });
    // The console's process runs the deadline scheduler (one per deployment: its writes are idempotent if two run).
    const tick = () => void services.lifecycle.scheduler.tick().catch((error: Error) => runtime.logger.warn('deadline scheduler failed', { error: error.message }));
    tick();
    deadlines = setInterval(tick, DEADLINE_INTERVAL_MS);
  }
  if (app) {
    await app.listen({ host: config.host, port: config.port });
    relay = setInterval(() => {
      services.ingest.relayOutbox().catch((error: Error) => runtime.logger.warn('outbox relay failed', { error: error.message }));
    }, OUTBOX_INTERVAL_MS);
    runtime.logger.info('intake listening', { url: `http://${config.host}:${config.port}` });
  }
  const shutdown = async (signal: string): Promise<void> => {
    runtime.logger.info('shutting down', { signal });
    if (relay) clearInterval(relay);
    if (deadlines) clearInterval(deadlines);
    await app?.close();
    await consoleApp?.close();
    await Promise.all(subscriptions.map((s) => s.stop()));
    await obs.close();
    await closeAdapters(adapters);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function parseStages(names: readonly string[]): StageName[] {
  if (names.length === 0) throw new ConfigurationError(`name the stages to run: ${STAGE_NAMES.join(', ')}`);
  for (const n of names) if (!(STAGE_NAMES as readonly string[]).includes(n)) throw new ConfigurationError(`unknown stage "${n}"; stages: ${STAGE_NAMES.join(', ')}`);
  return names as StageName[];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
