/**
 * One run of the exactly-once ledger on the real services: the intake in this process (API
 * service, outbox relay), two worker processes of every stage in the same consumer groups, a
 * stream of generated reports, and a fault during the stream:
 *   none   nothing happens;
 *   kill   worker A is SIGKILLed (and a replacement started);
 *   stop   worker B is SIGSTOPped past its session timeout, then continued (a zombie);
 *   both   the kill, then the stop.
 * Then every committed message of the run's topics is counted per key (ledger.ts).
 */
import { randomBytes } from 'node:crypto';
import { openSandbox, sandboxEndpoints } from '../../infra/cluster-sandbox';
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { createServices, type Runtime } from '../../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../../infra/runtime/system-runtime';
import { generateReports } from '../../synth/generator';
import { readLedger, routedCounts, summarise, type LedgerRow } from './ledger';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export const FAULTS = ['none', 'kill', 'stop', 'both'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultRunOptions {
  readonly fault: Fault;
  readonly count: number;
  readonly seed: number;
  /** Reports submitted per second, over `concurrency` submitters. */
  readonly rate: number;
  readonly concurrency: number;
  /** The workers' consumer session timeout (KAFKA_SESSION_TIMEOUT_MS); the stop lasts 1.5 times as long. */
  readonly sessionTimeoutMs: number;
  /** How long to wait for every accepted report to reach a queue. */
  readonly drainTimeoutMs: number;
  /** Called with progress lines (optional). */
  readonly log?: (line: string) => void;
}

export interface FaultRunResult extends LedgerRow {
  readonly fault: Fault;
  readonly seconds: number;
  /** Transactions the worker processes saw fail (a zombie fenced, a killed member's open one aborted). */
  readonly failedTransactions: number;
  readonly acceptedIds: readonly string[];
  readonly counts: Map<string, Map<string, number>>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runFaultScenario(o: FaultRunOptions): Promise<FaultRunResult> {
  const log = o.log ?? (() => undefined);
  const started = performance.now();
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('silent') };
  const endpoints = sandboxEndpoints();
  const sandbox = await openSandbox(endpoints, runtime.logger, 'soak', new HashingEmbedder(512));
  const workers: WorkerProcess[] = [];
  const retired: WorkerProcess[] = [];
  let relay: NodeJS.Timeout | undefined;
  try {
    const keys = { reporter: { current: randomBytes(32) }, queryCode: randomBytes(32) };
    const services = await createServices(sandbox.adapters, runtime, { keys });
    const env = {
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      ELASTICSEARCH_URL: endpoints.elasticsearchUrl,
      DATABASE_URL: sandbox.databaseUrl,
      XIANSUO_NAMESPACE: sandbox.namespace,
      REPORTER_KEY: keys.reporter.current.toString('base64'),
      QUERY_CODE_KEY: keys.queryCode.toString('base64'),
      EMBEDDER: 'hash',
      KAFKA_SESSION_TIMEOUT_MS: String(o.sessionTimeoutMs),
      // Two workers on one host: each its own ops listener, on a port the system picks.
      OPS_PORT: '0',
    };
    workers.push(...(await Promise.all([startWorkerProcess('A', env), startWorkerProcess('B', env)])));
    log(`${o.fault}: after ${((performance.now() - started) / 1000).toFixed(0)} s, workers A (${workers[0]!.pid}) and B (${workers[1]!.pid}) joined; namespace ${sandbox.namespace}`);
    const ledger = await readLedger(endpoints.kafkaBrokers, sandbox.namespace);
    relay = setInterval(() => void services.ingest.relayOutbox().catch(() => undefined), 500);

    const faults: Array<Promise<void>> = [];
    const kill = async (): Promise<void> => {
      const a = workers[0]!;
      a.signal('SIGKILL');
      await a.exited;
      retired.push(a);
      log(`${o.fault}: SIGKILLed worker A (${a.pid})`);
      workers[0] = await startWorkerProcess("A'", env);
      log(`${o.fault}: worker A' (${workers[0].pid}) joined`);
    };
    const stop = async (): Promise<void> => {
      const b = workers[1]!;
      b.signal('SIGSTOP');
      log(`${o.fault}: SIGSTOPped worker B (${b.pid}) for ${(o.sessionTimeoutMs * 1.5) / 1000} s`);
      await sleep(o.sessionTimeoutMs * 1.5);
      b.signal('SIGCONT');
      log(`${o.fault}: SIGCONT worker B`);
    };
    const at: Array<[number, () => Promise<void>]> =
      o.fault === 'kill' ? [[Math.floor(o.count / 3), kill]]
      : o.fault === 'stop' ? [[Math.floor(o.count / 3), stop]]
      : o.fault === 'both' ? [[Math.floor(o.count / 4), kill], [Math.floor(o.count / 2), stop]]
      : [];

    const reports = generateReports({ count: o.count, seed: o.seed });
    const accepted: string[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        for (let i = next++; i < reports.length; i = next++) {
          for (const [threshold, fault] of at) if (i === threshold) faults.push(fault());
          const due = t0 + (i * 1000) / o.rate - performance.now();
          if (due > 0) await sleep(due);
          try {
            accepted.push((await services.ingest.submit(reports[i]!.submission)).reportId);
          } catch {
            // Refused (a generated report the validation rejects): not accepted, not counted.
          }
        }
      }),
    );
    await Promise.all(faults);
    clearInterval(relay);
    relay = undefined;
    while ((await services.ingest.relayOutbox()) > 0);
    log(`${o.fault}: ${accepted.length} of ${o.count} accepted; waiting for every one to reach a queue`);

    const deadline = Date.now() + o.drainTimeoutMs;
    const missing = (): number => {
      const routed = routedCounts(ledger.counts);
      return accepted.filter((k) => !routed.has(k)).length;
    };
    const waitStart = Date.now();
    while (missing() > 0 && Date.now() < deadline) await sleep(500);
    log(`${o.fault}: ${missing()} missing after ${((Date.now() - waitStart) / 1000).toFixed(0)} s`);
    // Late copies (a zombie's commit, a replay) would arrive now.
    await sleep(Math.max(5_000, o.sessionTimeoutMs / 2));
    await ledger.stop();
    const row = summarise(ledger.counts, accepted);
    const failedTransactions = [...workers, ...retired].reduce((n, w) => n + w.failedTransactions(), 0);
    return { fault: o.fault, seconds: (performance.now() - started) / 1000, failedTransactions, acceptedIds: accepted, counts: ledger.counts, ...row };
  } finally {
    if (relay) clearInterval(relay);
    await Promise.all(workers.map((w) => w.stop()));
    await sandbox.teardown();
  }
}
