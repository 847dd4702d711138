/**
 * npm run screen < reports.jsonl > leads.jsonl
 *
 * Screens each input line — a report (the API's four parts) or a bare {"text": "..."} — and
 * writes one lead per line: segmentation summary, entities with codes, categories with
 * probabilities, credibility with reasons, the chosen province. A line that cannot be read gives
 * {"line": n, "error": {...}} in its place, so output lines match input lines. Progress on stderr.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../infra/config';
import { describeEmbedder, openEmbedder } from '../infra/embedding/open-embedder';
import { jsonLogger } from '../infra/runtime/system-runtime';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { checkSubmission } from '../ingest/ingest.service';
import { normaliseSubmission } from '../ingest/normalise-submission';
import { categoryName } from '../models/categories';
import { provinceName } from '../models/divisions';
import { coerceError, ValidationError } from '../models/errors';
import type { ReportSubmission } from '../models/report';
import { shippedScreeningModel } from '../infra/trained-params';
import { Gazetteer } from '../screening/gazetteer';
import { screenReport, type ScreeningDeps } from '../screening/screen';

function toSubmission(value: unknown): ReportSubmission {
  const v = value as Partial<ReportSubmission> & { text?: unknown };
  if (v && typeof v.text === 'string') return { reporter: { anonymous: true }, subject: { people: [] }, facts: { text: v.text } };
  if (!v || typeof v.facts?.text !== 'string') throw new ValidationError('每行应为一份举报（含 facts.text）或 {"text": "..."}');
  return { reporter: v.reporter ?? { anonymous: true }, subject: { people: v.subject?.people ?? [], ...v.subject }, facts: v.facts, ...(v.umbrella ? { umbrella: v.umbrella } : {}) };
}

async function screenLine(line: string, n: number, deps: ScreeningDeps): Promise<unknown> {
  const parsed = JSON.parse(line) as { id?: unknown };
  const report = normaliseSubmission(toSubmission(parsed));
  checkSubmission({ ...report, reporter: { anonymous: true } });
  const s = await screenReport(
    { reportId: String(parsed.id ?? n), receivedAt: new Date(0).toISOString(), reporter: { realName: !report.reporter.anonymous, contactGiven: Boolean(report.reporter.phone || report.reporter.otherContact) }, subject: report.subject, facts: report.facts, ...(report.umbrella ? { umbrella: report.umbrella } : {}) },
    deps,
  );
  return {
    id: parsed.id ?? n,
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

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'embedded');
  const logger = jsonLogger('warn');
  const embedder = await openEmbedder(config.embedder, logger, config.modelDir);
  const deps: ScreeningDeps = { segmenter: new JiebaSegmenter(), embedder, gazetteer: Gazetteer.default(), classifier: shippedScreeningModel() };
  process.stderr.write(`screening with ${describeEmbedder(embedder)}\n`);
  const started = Date.now();
  let n = 0;
  let failed = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    n++;
    let out: unknown;
    try {
      out = await screenLine(line, n, deps);
    } catch (error) {
      failed++;
      const e = error instanceof SyntaxError ? new ValidationError('该行不是有效的 JSON') : coerceError(error);
      out = { line: n, error: e.toJSON() };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
    if (n % 25 === 0 && process.stderr.isTTY !== false) progress(n, started);
  }
  progress(n, started);
  process.stderr.write(`\n${n} lines, ${failed} could not be screened\n`);
}

function progress(n: number, started: number): void {
  const s = (Date.now() - started) / 1000;
  process.stderr.write(`\r${'█'.repeat(Math.min(30, Math.floor(n / 50)))} ${n} screened, ${(n / s).toFixed(1)}/s`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
