/**
 * Writes synthetic tip-off reports with ground truth as JSON Lines.
 *
 *   npx xiansuo generate --count 10000 --seed 1 [--out FILE]
 *     [--duplicate-rate R] [--out-of-scope-rate R] [--invalid-rate R] [--same-subject-rate R]
 *
 * One report line `{id, submission, truth}` (a GeneratedReport; cli/commands.ts LINE_FORMAT) per
 * report to --out (or stdout), each a valid input of `xiansuo screen`; a one-line summary to stderr.
 */
import { createWriteStream } from 'node:fs';
import { generateReports, type GeneratedReport, type GeneratorOptions } from '../synth/generator';
import { describeFileError, EXIT, runCommand, UsageError } from './command';
import { COMMANDS } from './commands';

const RATE_FLAGS: Readonly<Record<string, 'duplicateRate' | 'outOfScopeRate' | 'invalidRate' | 'sameSubjectRate'>> = {
  '--duplicate-rate': 'duplicateRate',
  '--out-of-scope-rate': 'outOfScopeRate',
  '--invalid-rate': 'invalidRate',
  '--same-subject-rate': 'sameSubjectRate',
};

function fail(message: string): never {
  throw new UsageError(message);
}

function parseArgs(argv: readonly string[]): { options: GeneratorOptions; out?: string } {
  let count: number | undefined;
  let seed: number | undefined;
  let out: string | undefined;
  const rates: Partial<GeneratorOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
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

async function main(): Promise<number> {
  const { options, out } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  let reports: GeneratedReport[];
  try {
    reports = generateReports(options);
  } catch (e) {
    fail((e as Error).message);
  }
  const ms = Math.round(performance.now() - t0);
  const sink = out ? await openForWriting(out) : process.stdout;
  for (const r of reports) {
    if (!sink.write(`${JSON.stringify(r)}\n`)) await new Promise((res) => sink.once('drain', res));
  }
  if (out) await new Promise<void>((res, rej) => sink.end((err?: Error | null) => (err ? rej(err) : res())));
  process.stderr.write(summary(reports, ms));
  return EXIT.ok;
}

/** The file, opened before anything is generated into it: a missing folder is one line of error. */
async function openForWriting(path: string): Promise<NodeJS.WritableStream & { end(cb: (err?: Error | null) => void): void }> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(new Error(describeFileError(error, 'write') ?? error.message)));
  });
  return stream as never;
}

runCommand('generate', COMMANDS.generate!.usage, main);
