/**
 * The daily one-way import (npm run import): a file of reports, one JSON object a line, fed
 * through the intake's own route (the same JSON schema, rules and Chinese errors as a citizen's
 * submission, without the per-address rate limit), so what is accepted is exactly what the
 * intake would accept.
 *
 * Exactly once across re-runs: each line's content is hashed (keyed, canonical JSON) and its
 * report id derived from that hash. A line whose hash is in the ledger, or whose report is
 * stored already (a run killed between the two writes), is skipped; otherwise it is submitted
 * and recorded. A line is either a bare submission or the generator's `{id, submission, truth}`.
 */
import type { FastifyInstance } from 'fastify';
import { createIngest } from '../../ingest/ingest.service';
import { buildIntakeApp } from '../../intake/intake.app';
import type { Bus } from '../../models/ports/bus.port';
import type { Clock, Logger } from '../../models/ports/runtime.port';
import type { Services } from '../pipeline';
import type { SqlImportLedger } from '../store/sql-import-ledger';
import { systemIds } from '../runtime/system-runtime';

export interface ImportSummary {
  /** Lines accepted by this run. */
  accepted: number;
  /** Lines accepted by an earlier run (same content hash). */
  skipped: number;
  /** Lines refused (not JSON, or what the intake refuses), written to the side file. */
  rejected: number;
  /** Lines repeating the content of an earlier line of this run. */
  duplicates: number;
}

export interface Rejection {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ImportDeps {
  readonly services: Pick<Services, 'reports' | 'sealer' | 'queryCodes'>;
  readonly bus: Pick<Bus, 'publish'>;
  readonly ledger: SqlImportLedger;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** JSON with object keys sorted: the same content hashes the same whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A UUID made of the first 128 bits of a hex hash (version nibble 8: custom, RFC 9562). */
export function uuidFromHash(hex: string): string {
  const h = hex.slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The submission of one line: the line itself, or the `submission` of the generator's wrapper. */
export function submissionOf(parsed: unknown): unknown {
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && 'submission' in parsed && !('facts' in parsed)) return (parsed as { submission: unknown }).submission;
  return parsed;
}

export class BulkImporter {
  private nextReportId = '';
  private readonly app: FastifyInstance;
  private readonly seen = new Set<string>();
  readonly summary: ImportSummary = { accepted: 0, skipped: 0, rejected: 0, duplicates: 0 };

  constructor(
    private readonly deps: ImportDeps,
    private readonly source: string,
  ) {
    const { services, bus, clock, logger } = deps;
    // One ingest whose report id is the current line's, derived from its content hash.
    const ids = { uuid: () => this.nextReportId, randomBytes: systemIds.randomBytes };
    const ingest = createIngest({ reports: services.reports, bus, sealer: services.sealer, codes: services.queryCodes, ids, clock, logger });
    this.app = buildIntakeApp({ ingest, logger, limits: { overall: false }, bodyLimit: 1024 * 1024 });
  }

  /** Handles one line (1-based number); lines are handled one at a time, in order. */
  async line(text: string, number: number): Promise<Rejection | undefined> {
    if (text.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.summary.rejected++;
      return { line: number, code: 'INVALID_JSON', message: '该行不是有效的 JSON' };
    }
    const submission = submissionOf(parsed);
    const contentHash = this.deps.services.queryCodes.hash(`import:${canonicalJson(submission)}`);
    if (this.seen.has(contentHash)) {
      this.summary.duplicates++;
      return undefined;
    }
    this.seen.add(contentHash);
    const reportId = uuidFromHash(contentHash);
    if ((await this.deps.ledger.has(contentHash)) || (await this.deps.ledger.reportExists(reportId))) {
      await this.deps.ledger.record({ contentHash, reportId, source: this.source, line: number, at: this.deps.clock.now() });
      this.summary.skipped++;
      return undefined;
    }
    this.nextReportId = reportId;
    const res = await this.app.inject({ method: 'POST', url: '/api/v1/reports', payload: JSON.stringify(submission ?? null), headers: { 'content-type': 'application/json' } });
    if (res.statusCode !== 201) {
      this.seen.delete(contentHash);
      this.summary.rejected++;
      const body = safeJson(res.body);
      return { line: number, code: String(body.code ?? res.statusCode), message: String(body.message ?? res.body) };
    }
    await this.deps.ledger.record({ contentHash, reportId, source: this.source, line: number, at: this.deps.clock.now() });
    this.summary.accepted++;
    return undefined;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
