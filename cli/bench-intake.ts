/**
 * npm run bench -- intake [--rate 50 --duration 60 --mode embedded|cluster --embedder hash|bge|auto]
 *
 * Sustained intake at a fixed rate (autocannon, `overallRate`) against the intake application on
 * a real socket, with every stage worker running: throughput, latency p50/p99 and errors of the
 * submissions, then how far the pipeline lags behind intake (accepted − routed, sampled each
 * second) and how long it takes to catch up once the load stops. Prints figures; asserts nothing.
 *
 * Embedded, the workers share the process (and its single PGlite connection) with the intake.
 * In cluster mode they run in a separate process (`npm run worker -- screening dedup routing` on
 * the same throw-away namespace), as intake and workers do in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { openSandbox, sandboxEndpoints } from '../infra/cluster-sandbox';
import { closeAdapters, openEmbeddedAdapters } from '../infra/embedded';
import { openEmbedder, type EmbedderChoice } from '../infra/embedding/open-embedder';
import { createServices, startWorkers, type Runtime } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Store } from '../models/ports/store.port';
import { generateReports } from '../synth/generator';
import { parseFlags } from './flags';

async function counts(store: Store): Promise<{ accepted: number; routed: number }> {
  const { rows } = await store.query<{ accepted: number; routed: number }>(
    'SELECT (SELECT count(*)::int FROM reports) AS accepted, (SELECT count(*)::int FROM leads WHERE route IS NOT NULL) AS routed',
  );
  return rows[0]!;
}

export async function benchIntake(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, { rate: 50, duration: 60, connections: 20, mode: 'embedded', embedder: 'hash', seed: 7, catchUpTimeout: 900 });
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('error') };
  const embedder = await openEmbedder(flags.embedder as EmbedderChoice, runtime.logger);
  const sandbox = flags.mode === 'cluster' ? await openSandbox(sandboxEndpoints(), runtime.logger, 'benchin', embedder) : undefined;
  const adapters = sandbox ? sandbox.adapters : await openEmbeddedAdapters({ embedder });
  const keys = { reporter: { current: Buffer.alloc(32, 1) }, queryCode: Buffer.alloc(32, 2) };
  const services = await createServices(adapters, runtime, { keys });
  const workers = sandbox ? [] : await startWorkers(adapters, services, runtime);
  let child: ChildProcess | undefined;
  if (sandbox) {
    child = spawn(process.execPath, [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'start.ts'), 'worker', 'screening', 'dedup', 'routing'], {
      env: {
        ...process.env,
        KAFKA_BROKERS: sandboxEndpoints().kafkaBrokers.join(','),
        ELASTICSEARCH_URL: sandboxEndpoints().elasticsearchUrl,
        DATABASE_URL: sandbox.databaseUrl,
        XIANSUO_NAMESPACE: sandbox.namespace,
        REPORTER_KEY: keys.reporter.current.toString('base64'),
        QUERY_CODE_KEY: keys.queryCode.toString('base64'),
        EMBEDDER: flags.embedder,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    // The load starts once the workers have joined their consumer groups.
    await new Promise<void>((resolve, reject) => {
      child!.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
      child!.stderr!.on('data', (d: Buffer) => {
        for (const line of d.toString('utf8').split('\n')) {
          if (line.includes('"workers started"')) resolve();
          else if (line.includes('"level":"error"')) process.stderr.write(`${line}\n`);
        }
      });
    });
  }
  // The limits per client address are off: the load comes from one address on purpose.
  const app = services.buildApp({ limits: { overall: false } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bodies = generateReports({ count: Math.ceil(flags.rate * flags.duration * 1.1) + 100, seed: flags.seed }).map((g) => JSON.stringify(g.submission));
  let next = 0;

  const lagSamples: number[] = [];
  const sampler = setInterval(() => {
    counts(adapters.store).then((c) => lagSamples.push(c.accepted - c.routed), () => undefined);
  }, 1_000);
  const result = await autocannon({
    url,
    duration: flags.duration,
    connections: flags.connections,
    overallRate: flags.rate,
    timeout: 30,
    requests: [{ method: 'POST', path: '/api/v1/reports', headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: bodies[next++ % bodies.length]! }) }],
  });
  const atEnd = await counts(adapters.store);
  const stopped = performance.now();
  let caughtUp = atEnd;
  while (caughtUp.routed < caughtUp.accepted && performance.now() - stopped < flags.catchUpTimeout * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    caughtUp = await counts(adapters.store);
  }
  const catchUpS = (performance.now() - stopped) / 1000;
  clearInterval(sampler);

  const mode = sandbox ? 'cluster mode (Kafka, Elasticsearch, PostgreSQL; workers in a separate process)' : 'embedded default (workers in the same process)';
  console.log(`xiansuo bench intake — ${mode}, ${adapters.embedder.id}, target ${flags.rate} reports/s for ${flags.duration} s over ${flags.connections} connections`);
  console.log(
    `intake: ${result.requests.total} requests, ${result['2xx']} accepted (2xx), ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; ` +
      `${(result['2xx'] / result.duration).toFixed(1)} accepted/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  const maxLag = Math.max(0, ...lagSamples);
  console.log(
    `pipeline: lag (accepted − routed) max ${maxLag}, ${atEnd.accepted - atEnd.routed} when the load stopped; ` +
      `caught up ${caughtUp.routed}/${caughtUp.accepted} in ${catchUpS.toFixed(1)} s after the load stopped` +
      (caughtUp.routed < caughtUp.accepted ? ' (NOT caught up within the timeout)' : ''),
  );
  console.log(`end to end: ${caughtUp.routed} routed in ${(result.duration + catchUpS).toFixed(1)} s = ${(caughtUp.routed / (result.duration + catchUpS)).toFixed(1)} reports/s`);
  await app.close();
  await Promise.all(workers.map((w) => w.stop()));
  if (child) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (sandbox) await sandbox.teardown();
  else await closeAdapters(adapters);
}
