/**
 * npx xiansuo screen [FILE ...] [--received-at ISO-TIME] < reports.jsonl > leads.jsonl
 *
 * Screens each report line (cli/report-line.ts: the generator's `{id, submission, truth}`, the
 * API's request body, or `{text}`) and writes one JSON line per input line: segmentation summary,
 * entities with codes, categories with probabilities, credibility with reasons, the chosen
 * province; a line that cannot be screened gives `{"line": n, "id"?, "error": {code, message}}` in
 * its place, so output lines match input lines. Progress and the summary go to stderr. Exit 0 when
 * every line was screened, 1 when some were not, 2 on a wrong command line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { loadConfig } from '../infra/config';
import { describeEmbedder, openEmbedder } from '../infra/embedding/open-embedder';
import { jsonLogger } from '../infra/runtime/system-runtime';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { shippedScreeningModel } from '../infra/trained-params';
import { categoryName } from '../models/categories';
import { provinceName } from '../models/divisions';
import { coerceError } from '../models/errors';
import { Gazetteer } from '../screening/gazetteer';
import { screenReport, type ScreeningDeps } from '../screening/screen';
import { describeFileError, EXIT, runCommand, UsageError } from './command';
import { COMMANDS } from './commands';
import { SubmissionChecker, type ReportLine } from './report-line';

interface ScreenArgs {
  readonly files: readonly string[];
  readonly receivedAt?: string;
}

function parseScreenArgs(argv: readonly string[]): ScreenArgs {
  const files: string[] = [];
  let receivedAt: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--received-at') {
      const value = argv[++i];
      if (!value || Number.isNaN(Date.parse(value))) throw new UsageError(`--received-at needs an ISO 8601 time, got ${value ?? 'nothing'}`);
      receivedAt = new Date(value).toISOString();
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown argument ${arg}`);
    else files.push(arg);
  }
  return { files, ...(receivedAt ? { receivedAt } : {}) };
}

async function screenLine(line: ReportLine, deps: ScreeningDeps): Promise<unknown> {
  const r = line.submission;
  const s = await screenReport(
    {
      reportId: line.id,
      ...(line.receivedAt ? { receivedAt: line.receivedAt } : {}),
      reporter: { realName: !r.reporter.anonymous, contactGiven: Boolean(r.reporter.phone || r.reporter.otherContact) },
      subject: r.subject,
      facts: r.facts,
      ...(r.umbrella ? { umbrella: r.umbrella } : {}),
    },
    deps,
  );
  return {
    id: line.id,
    ...(line.receivedAt ? { receivedAt: line.receivedAt } : {}),
    segmentation: { tokens: s.tokens.length, sample: s.tokens.slice(0, 30) },
    entities: s.entities,
    scope: s.scope,
    categories: s.categories.filter((c) => c.probability >= 0.05).map((c) => ({ ...c, name: categoryName(c.code) })),
    credibility: s.credibility,
    province: s.location.provinceCode ? { code: s.location.provinceCode, name: provinceName(s.location.provinceCode) } : null,
    location: s.location,
    embedder: s.embedderId,
  };
}

/** The inputs, opened before any work: a missing file is a usage error, not a half-written output. */
async function openInputs(files: readonly string[]): Promise<Readable[]> {
  if (files.length === 0) return [process.stdin];
  const streams: Readable[] = [];
  for (const file of files) {
    if (file === '-') {
      streams.push(process.stdin);
      continue;
    }
    const stream = createReadStream(file);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) => reject(new UsageError(describeFileError(error, 'read') ?? error.message)));
    });
    streams.push(stream);
  }
  return streams;
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

async function main(): Promise<number> {
  const args = parseScreenArgs(process.argv.slice(2));
  const inputs = await openInputs(args.files);
  const config = loadConfig(process.env, 'embedded');
  const logger = jsonLogger('warn');
  const embedder = await openEmbedder(config.embedder, logger, config.modelDir);
  const deps: ScreeningDeps = { segmenter: new JiebaSegmenter(), embedder, gazetteer: Gazetteer.default(), classifier: shippedScreeningModel() };
  const checker = await SubmissionChecker.open(logger);
  process.stderr.write(`screening with ${describeEmbedder(embedder)}\n`);
  const started = Date.now();
  let n = 0;
  let failed = 0;
  for (const input of inputs) {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      if (!text.trim()) continue;
      n++;
      let out: unknown;
      try {
        const line = await checker.parse(text, n);
        out = await screenLine(args.receivedAt && !line.receivedAt ? { ...line, receivedAt: args.receivedAt } : line, deps);
      } catch (error) {
        failed++;
        out = { line: n, error: coerceError(error).toJSON() };
      }
      await write(`${JSON.stringify(out)}\n`);
      if (n % 25 === 0 && process.stderr.isTTY) progress(n, started);
    }
  }
  await checker.close();
  if (process.stderr.isTTY) progress(n, started);
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${n} lines: ${n - failed} screened, ${failed} could not be screened${failed ? ' (their lines carry "error")' : ''}\n`);
  return failed === 0 ? EXIT.ok : EXIT.someFailed;
}

function progress(n: number, started: number): void {
  const s = Math.max(0.001, (Date.now() - started) / 1000);
  process.stderr.write(`\r${'█'.repeat(Math.min(30, Math.floor(n / 50)))} ${n} screened, ${(n / s).toFixed(1)}/s`);
}

runCommand('screen', COMMANDS.screen!.usage, main);
