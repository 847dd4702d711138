/**
 * npm run import -- FILE.jsonl [--rejects FILE] [--timeout SECONDS]
 *
 * The daily one-way import: every line of FILE (a report submission, or the generator's
 * `{id, submission, truth}`) through the intake's route, a progress bar on stderr. Re-running
 * after an interruption skips what was accepted (content hash, infra/bulk/bulk-import.ts).
 * Refused lines go to the side file (default FILE.rejected.jsonl: line, code, Chinese reason
 * and the line itself, which may hold a reporter's identity: kept 0600). The last line on
 * stdout is `{"accepted":…,"skipped":…,"rejected":…,"duplicates":…}`.
 *
 * Embedded (the default; PGLITE_DATA_DIR makes it resumable): the pipeline runs in this process
 * and the import ends when every report is routed; reports an earlier run stored but never
 * routed are queued again first. Production (KAFKA_BROKERS, ELASTICSEARCH_URL, DATABASE_URL):
 * reports go to Kafka for the running workers; the import ends when all are published.
 */
import { createReadStream, openSync, closeSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { BulkImporter, type Rejection } from '../infra/bulk/bulk-import';
import { openClusterAdapters } from '../infra/cluster';
import { loadConfig } from '../infra/config';
import { resolveKeys } from '../infra/crypto/keyring';
import { closeAdapters, openEmbeddedAdapters } from '../infra/embedded';
import { openEmbedder } from '../infra/embedding/open-embedder';
import { createObservability } from '../infra/observability/observe';
import { createServices, STAGE_NAMES, startWorkers, type Runtime } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import { SqlImportLedger } from '../infra/store/sql-import-ledger';
import { GROUPS, TOPICS } from '../models/topics';
import { parseFlags } from './flags';
import { runCommand } from './command';

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) n++;
  return n;
}

/** A one-line progress bar on stderr: redrawn in place on a terminal; otherwise a line every 10% or every 10 s. */
function progressBar(total: number): (done: number, counts: string, force?: boolean) => void {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  return (done, counts, force = false) => {
    const now = Date.now();
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const decile = Math.floor(fraction * 10);
    if (!force && (tty ? now - lastDraw < 200 : decile === lastDecile && now - lastDraw < 10_000)) return;
    lastDraw = now;
    lastDecile = decile;
    const width = 30;
    const filled = Math.round(fraction * width);
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} lines, ${rate.toFixed(0)}/s — ${counts}`;
    process.stderr.write(tty ? `\r${text}` : `${text}\n`);
  };
}

async function main(): Promise<number> {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || file.startsWith('--')) throw new Error('usage: npm run import -- FILE.jsonl [--rejects FILE] [--timeout SECONDS]');
  const flags = parseFlags(rest, { rejects: `${file.replace(/\.jsonl?$/, '')}.rejected.jsonl`, timeout: 3600 });
  const config = loadConfig(process.env);
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { pid: process.pid }) };
  if (config.mode === 'embedded' && !config.pgliteDataDir) runtime.logger.warn('no PGLITE_DATA_DIR: the import is kept in memory and lost at exit (and cannot resume)');
  const total = await countLines(file);
  const embedder = await openEmbedder(config.embedder, runtime.logger, config.modelDir);
  const embedded = config.mode === 'embedded' ? await openEmbeddedAdapters({ embedder, ...(config.pgliteDataDir ? { pgliteDataDir: config.pgliteDataDir } : {}) }) : undefined;
  const adapters = embedded ?? (await openClusterAdapters(config, runtime.logger, embedder));
  const obs = createObservability(adapters, runtime, { processMetrics: false });
  const services = await createServices(obs.adapters, runtime, { keys: resolveKeys(config, runtime.logger) });
  const ledger = new SqlImportLedger(adapters.store);
  const subscriptions = embedded ? await startWorkers(obs.adapters, { stages: obs.stages(services), handled: services.handled }, runtime, {}, STAGE_NAMES) : [];
  if (embedded) {
    const requeued = await ledger.requeueUnrouted();
    if (requeued > 0) runtime.logger.warn('reports stored but never routed are queued again', { requeued });
  }
  await services.ingest.relayOutbox();

  const importer = new BulkImporter({ services, bus: obs.adapters.bus, ledger, clock: runtime.clock, logger: runtime.logger }, file);
  const draw = progressBar(total);
  const counts = (): string => Object.entries(importer.summary).map(([k, v]) => `${k} ${v}`).join(', ');
  let rejectsFd: number | undefined;
  const reject = (r: Rejection, input: string): void => {
    rejectsFd ??= openSync(flags.rejects, 'w', 0o600);
    writeSync(rejectsFd, `${JSON.stringify({ line: r.line, code: r.code, message: r.message, input })}\n`);
  };
  let n = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const rejection = await importer.line(text, ++n);
    if (rejection) reject(rejection, text);
    draw(n, counts());
  }
  draw(n, counts(), true);
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (rejectsFd !== undefined) closeSync(rejectsFd);
  await importer.close();
  await services.ingest.relayOutbox();

  if (embedded) {
    const lag = (): number => embedded.bus.lag(GROUPS.screening, TOPICS.received) + embedded.bus.lag(GROUPS.dedup, TOPICS.screened) + embedded.bus.lag(GROUPS.routing, TOPICS.deduped);
    const deadline = Date.now() + flags.timeout * 1000;
    while (lag() > 0 && Date.now() < deadline) {
      process.stderr.write(process.stderr.isTTY ? `\rrouting: ${lag()} messages to go   ` : '');
      await new Promise((r) => setTimeout(r, 250));
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (lag() > 0) runtime.logger.error('the pipeline did not finish in time; re-run the import to route the rest', { lag: lag() });
  }
  await Promise.all(subscriptions.map((s) => s.stop()));
  await obs.close();
  await closeAdapters(adapters);
  if (importer.summary.rejected > 0) process.stderr.write(`rejected lines and their reasons: ${flags.rejects}\n`);
  process.stdout.write(`${JSON.stringify(importer.summary)}\n`);
  return 0;
}

runCommand('import', 'usage: npm run import -- FILE.jsonl [--rejects FILE] [--timeout SECONDS]\n', main);
