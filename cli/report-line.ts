/**
 * The one line format of the batch commands (cli/commands.ts LINE_FORMAT): what `generate` writes
 * and `screen` reads. A line is a wrapper `{id, submission, receivedAt?, truth?}` (the generator's
 * line), the request body of POST /api/v1/reports itself, or `{id?, text, receivedAt?}`. The
 * submission is checked by the intake's own JSON schema and rules, so a line refused here would be
 * refused by the API with the same Chinese message.
 */
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../api/http-app';
import { checkSubmission } from '../ingest/ingest.service';
import { normaliseSubmission } from '../ingest/normalise-submission';
import { reportSubmissionSchema } from '../ingest/report.schema';
import { ValidationError } from '../models/errors';
import type { Logger } from '../models/ports/runtime.port';
import type { ReportSubmission } from '../models/report';

export interface ReportLine {
  readonly id: string;
  /** Normalised and checked, as ingest stores it. */
  readonly submission: ReportSubmission;
  /** ISO 8601; absent when the line does not say when the report was received. */
  readonly receivedAt?: string;
}

const WRAPPER_KEYS = new Set(['id', 'submission', 'receivedAt', 'truth']);
const TEXT_KEYS = new Set(['id', 'text', 'receivedAt']);

/** What a line says before the submission is checked. */
export function unwrapLine(line: string, lineNumber: number): { id: string; body: unknown; receivedAt?: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ValidationError('该行不是有效的 JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ValidationError('每行应为一个 JSON 对象');
  const v = value as Record<string, unknown>;
  const id = v.id === undefined ? String(lineNumber) : typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : null;
  if (id === null) throw new ValidationError('id 应为字符串');
  const receivedAt = checkReceivedAt(v.receivedAt);
  const at = receivedAt ? { receivedAt } : {};
  if ('submission' in v) {
    refuseUnknown(v, WRAPPER_KEYS);
    return { id, body: v.submission, ...at };
  }
  if ('text' in v) {
    refuseUnknown(v, TEXT_KEYS);
    if (typeof v.text !== 'string') throw new ValidationError('text 应为字符串');
    return { id, body: { reporter: { anonymous: true }, subject: { people: [] }, facts: { text: v.text } }, ...at };
  }
  const { id: _id, receivedAt: _at, ...body } = v;
  return { id, body, ...at };
}

function refuseUnknown(v: Record<string, unknown>, allowed: ReadonlySet<string>): void {
  const extra = Object.keys(v).filter((k) => !allowed.has(k));
  if (extra.length > 0) throw new ValidationError(`不支持的字段：${extra.join('、')}`);
}

function checkReceivedAt(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError('receivedAt 应为 ISO 8601 时间，如 2024-05-01T08:00:00Z');
  }
  return new Date(value).toISOString();
}

/** Checks submissions with the intake's schema (through a bare app that only validates) and rules. */
export class SubmissionChecker {
  private constructor(private readonly app: FastifyInstance) {}

  static async open(logger: Logger): Promise<SubmissionChecker> {
    const app = createHttpApp({ logger, rateLimit: false }, (a) => {
      a.post('/check', { schema: { body: reportSubmissionSchema } }, async () => ({ ok: true }));
    });
    await app.ready();
    return new SubmissionChecker(app);
  }

  async parse(line: string, lineNumber: number): Promise<ReportLine> {
    const { id, body, receivedAt } = unwrapLine(line, lineNumber);
    const res = await this.app.inject({ method: 'POST', url: '/check', payload: JSON.stringify(body ?? null), headers: { 'content-type': 'application/json' } });
    if (res.statusCode !== 200) {
      const error = res.json() as { message?: string };
      throw new ValidationError(error.message ?? '举报内容不符合要求');
    }
    const submission = normaliseSubmission(body as ReportSubmission);
    checkSubmission(submission);
    return { id, submission, ...(receivedAt ? { receivedAt } : {}) };
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
