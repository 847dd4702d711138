/**
 * Writes synthetic tip-off reports with ground truth as JSON Lines.
 *
 *   npx tsx cli/generate.ts --count 10000 --seed 1 [--out FILE]
 *     [--duplicate-rate R] [--out-of-scope-rate R] [--invalid-rate R] [--same-subject-rate R]
 *
 * One GeneratedReport per line to --out (or stdout); a one-line summary to stderr.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { generateReports, type GeneratedReport, type GeneratorOptions } from '../synth/generator';

const USAGE = 'usage: generate --count N --seed S [--out FILE] [--duplicate-rate R] [--out-of-scope-rate R] [--invalid-rate R] [--same-subject-rate R]';

const RATE_FLAGS: Readonly<Record<string, 'duplicateRate' | 'outOfScopeRate' | 'invalidRate' | 'sameSubjectRate'>> = {
  '--duplicate-rate': 'duplicateRate',
  '--out-of-scope-rate': 'outOfScopeRate',
  '--invalid-rate': 'invalidRate',
  '--same-subject-rate': 'sameSubjectRate',
};

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { options: GeneratorOptions; out?: string } {
  let count: number | undefined;
  let seed: number | undefined;
  let out: string | undefined;
  const rates: Partial<GeneratorOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`${name} needs a value`);
    if (name === '--count') {
      if (!/^\d+$/.test(value)) fail(`--count must be a non-negative integer, got "${value}"`);
      count = Number(value);
    } else if (name === '--seed') {
      if (!/^-?\d+$/.test(value)) fail(`--seed must be an integer, got "${value}"`);
      seed = Number(value);
    } else if (name === '--out') {
      if (!value) fail('--out needs a file name');
      out = value;
    } else if (name in RATE_FLAGS) {
      const r = Number(value);
      if (!/^\d*\.?\d+$/.test(value) || !(r >= 0 && r <= 1)) fail(`${name} must be a number within [0, 1], got "${value}"`);
      rates[RATE_FLAGS[name] as keyof typeof rates] = r as never;
    } else fail(`unknown argument "${flag}"`);
  }
  if (count === undefined) fail('--count is required');
  if (seed === undefined) fail('--seed is required');
  return { options: { count, seed, ...rates }, ...(out ? { out } : {}) };
}

function summary(reports: readonly GeneratedReport[], ms: number): string {
  const kinds: Record<string, number> = {};
  const primary: Record<string, number> = {};
  const perIncident = new Map<string, number>();
  for (const r of reports) {
    kinds[r.truth.kind] = (kinds[r.truth.kind] ?? 0) + 1;
    const c = r.truth.categories[0] ?? '?';
    primary[c] = (primary[c] ?? 0) + 1;
    perIncident.set(r.truth.incidentId, (perIncident.get(r.truth.incidentId) ?? 0) + 1);
  }
  let multi = 0;
  let inMulti = 0;
  for (const n of perIncident.values()) if (n >= 2) { multi++; inMulti += n; }
  const fmt = (o: Record<string, number>) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ');
  return `generated ${reports.length} reports in ${ms} ms | kinds: ${fmt(kinds)} | primary: ${fmt(primary)} | incidents: ${perIncident.size}, with ≥2 reports: ${multi} (${inMulti} reports)\n`;
}

async function main(): Promise<void> {
  const { options, out } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  let reports: GeneratedReport[];
  try {
    reports = generateReports(options);
  } catch (e) {
    fail((e as Error).message);
  }
  const ms = Math.round(performance.now() - t0);
  const sink: NodeJS.WritableStream = out ? createWriteStream(out) : process.stdout;
  for (const r of reports) {
    if (!sink.write(`${JSON.stringify(r)}\n`)) await new Promise((res) => sink.once('drain', res));
  }
  if (out) await new Promise<void>((res, rej) => (sink as WriteStream).end((err?: Error | null) => (err ? rej(err) : res())));
  process.stderr.write(summary(reports, ms));
}

main().catch((e: unknown) => {
  process.stderr.write(`generate: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
