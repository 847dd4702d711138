/**
 * `npm run import` on the embedded default with a persistent store: killed halfway (SIGKILL,
 * no chance to tidy up) and run again, every line is accepted exactly once: one stored report
 * and one routed lead per distinct valid line, none twice; refused lines are in the side file
 * with their reasons; the last line of output is the summary.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../infra/bulk/bulk-import';
import { PgliteStore } from '../infra/store/pglite-store';
import { generateReports } from '../synth/generator';

const ROOT = join(__dirname, '..');
const TIMEOUT = 900_000;
const children = new Set<import('node:child_process').ChildProcess>();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the import; `killWhen` is asked after each stderr chunk whether to SIGKILL it now. */
function runImport(file: string, dataDir: string, killWhen?: (stderr: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    // tsx as a loader of this very process (not tsx's CLI, which runs the script in a grandchild that SIGKILL would miss).
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/import.ts'), file], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', PGLITE_DATA_DIR: dataDir, EMBEDDER: 'hash', LOG_LEVEL: 'warn', MODE: 'embedded', KAFKA_BROKERS: '', DATABASE_URL: '', ELASTICSEARCH_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const run: Run = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      run.stderr += d.toString('utf8');
      if (killWhen?.(run.stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code) => (children.delete(child), resolve({ ...run, code })));
  });
}

const acceptedSoFar = (stderr: string): number => Math.max(0, ...[...stderr.matchAll(/accepted (\d+)/g)].map((m) => Number(m[1])));

describe('npm run import, interrupted and run again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xiansuo-import-'));
  const file = join(dir, 'reports.jsonl');
  const dataDir = join(dir, 'data');
  const generated = generateReports({ count: 14, seed: 13, invalidRate: 0 });
  // The generator's wrapper and bare submissions, a repeated line, and two lines the intake refuses.
  const lines = [
    ...generated.slice(0, 9).map((g) => JSON.stringify(g)),
    ...generated.slice(9).map((g) => JSON.stringify(g.submission)),
    JSON.stringify(generated[3]),
    '{"reporter": {"anonymous": true}, "subject": {"people": []}, "facts": {"text": "短"}}',
    'not json at all',
  ];
  // Resubmissions may repeat a submission word for word: those are duplicates too.
  const distinctValid = new Set(generated.map((g) => canonicalJson(g.submission))).size;
  const repeated = generated.length + 1 - distinctValid;
  let first: Run;
  let second: Run;

  beforeAll(async () => {
    writeFileSync(file, `${lines.join('\n')}\n`);
    first = await runImport(file, dataDir, (stderr) => acceptedSoFar(stderr) >= 4);
    second = await runImport(file, dataDir);
  }, TIMEOUT);

  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('was killed halfway the first time, after accepting some lines', () => {
    expect(first.code).toBeNull();
    expect(acceptedSoFar(first.stderr)).toBeGreaterThanOrEqual(4);
    expect(acceptedSoFar(first.stderr)).toBeLessThan(distinctValid);
  });

  it('ends the second run with the summary as the last line: the rest accepted, the earlier ones skipped', () => {
    expect(second.code).toBe(0);
    const last = second.stdout.trim().split('\n').at(-1)!;
    const summary = JSON.parse(last) as { accepted: number; skipped: number; rejected: number; duplicates: number };
    expect(Object.keys(summary).sort()).toEqual(['accepted', 'duplicates', 'rejected', 'skipped']);
    expect(summary.skipped).toBeGreaterThanOrEqual(4);
    expect(summary.accepted + summary.skipped).toBe(distinctValid);
    expect(summary.rejected).toBe(2);
    expect(summary.duplicates).toBe(repeated);
  });

  it('stores every distinct line once and routes each once', async () => {
    const store = await PgliteStore.open(dataDir);
    try {
      const one = async (sql: string): Promise<number> => (await store.query<{ n: number }>(sql)).rows[0]!.n;
      expect(await one('SELECT count(*)::int AS n FROM reports')).toBe(distinctValid);
      expect(await one('SELECT count(*)::int AS n FROM import_ledger')).toBe(distinctValid);
      expect(await one('SELECT count(DISTINCT report_id)::int AS n FROM import_ledger')).toBe(distinctValid);
      expect(await one('SELECT count(*)::int AS n FROM leads WHERE route_topic IS NOT NULL')).toBe(distinctValid);
    } finally {
      await store.close();
    }
  });

  it('writes the refused lines with their line numbers and Chinese reasons to the side file', () => {
    const rejected = readFileSync(join(dir, 'reports.rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; code: string; message: string });
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [lines.length - 1, 'VALIDATION_FAILED'],
      [lines.length, 'INVALID_JSON'],
    ]);
    for (const r of rejected) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
