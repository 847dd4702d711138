/**
 * npm run status [-- --url http://127.0.0.1:9464,http://10.0.0.5:9464 --interval 5 --json]
 *
 * For a running deployment: each stage's lag, throughput over the interval, messages processed,
 * failed attempts and dead letters, as a table; then each process's readiness. Reads the ops
 * listener (/metrics, /readyz) of every process named (default: this host's OPS_PORT).
 * Exit code 0 when every process answered and is ready, 1 otherwise.
 */
import { loadConfig } from '../infra/config';
import { parseMetrics, stageStatus, type Sample } from '../infra/observability/status-report';

import { table } from './batch';
import { parseFlags } from './flags';
import { GROUPS } from '../models/topics';
import { runCommand } from './command';

/** The stages, without loading the pipeline (status starts in a moment). */
const STAGE_NAMES = Object.keys(GROUPS);

async function scrape(url: string): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${url}/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}

async function readiness(url: string): Promise<{ url: string; ready: boolean; failing: string[] }> {
  try {
    const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { checks?: Record<string, { ok: boolean; error?: string }> };
    const failing = Object.entries(body.checks ?? {}).filter(([, c]) => !c.ok).map(([name, c]) => `${name}: ${c.error ?? 'failed'}`);
    return { url, ready: res.status === 200, failing };
  } catch (error) {
    return { url, ready: false, failing: [`unreachable: ${(error as Error).message}`] };
  }
}

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const flags = parseFlags(process.argv.slice(2), { url: `http://${config.host}:${config.opsPort}`, interval: 5, json: false });
  const urls = flags.url.split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean);
  const before = await Promise.all(urls.map(scrape));
  const started = Date.now();
  await new Promise((r) => setTimeout(r, flags.interval * 1000));
  const after = await Promise.all(urls.map(scrape));
  const rows = stageStatus(STAGE_NAMES, before, after, (Date.now() - started) / 1000);
  const ready = await Promise.all(urls.map(readiness));
  if (flags.json) {
    console.log(JSON.stringify({ stages: rows, processes: ready }));
  } else {
    console.log(
      table(
        ['stage', 'lag', 'msg/s', 'processed', 'failed attempts', 'dead letters'],
        rows.map((r) => [r.stage, r.lag, r.perSecond.toFixed(1), r.processed, r.failedAttempts, r.deadLetters]),
      ),
    );
    console.log(`\n${table(['process', 'ready', 'failing checks'], ready.map((p) => [p.url, p.ready ? 'yes' : 'NO', p.failing.join('; ') || '-']))}`);
    console.log(`\n(throughput over ${flags.interval} s; processed, failed and dead letters since each process started)`);
  }
  return ready.every((p) => p.ready) ? 0 : 1;
}

runCommand('status', 'usage: npm run status -- [--url URL,URL…] [--interval 5] [--json]\n', main);
