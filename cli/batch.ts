/**
 * Shared by the demo and the bench: submit generated reports through the API, wait until every
 * one is routed, and compare what the pipeline found with the generator's truth.
 */
import { hashedPart } from '../ingest/query-code';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../infra/pipeline';
import type { Store } from '../models/ports/store.port';
import type { GeneratedReport } from '../synth/generator';

export interface Submitted {
  readonly generated: GeneratedReport;
  readonly reportId: string;
}

export async function submitAll(
  app: FastifyInstance,
  services: Pick<Services, 'reports' | 'queryCodes'>,
  batch: readonly GeneratedReport[],
  concurrency = 16,
): Promise<{ submitted: Submitted[]; rejected: Array<{ id: string; status: number; body: string }> }> {
  const submitted: Submitted[] = [];
  const rejected: Array<{ id: string; status: number; body: string }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const generated = batch[next++]!;
      const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: generated.submission });
      if (res.statusCode !== 201) {
        rejected.push({ id: generated.id, status: res.statusCode, body: res.body });
        continue;
      }
      const { queryCode } = res.json() as { queryCode: string };
      const reportId = await services.reports.findReportIdByQueryCodeHash(services.queryCodes.hash(hashedPart(queryCode)));
      if (!reportId) throw new Error(`report ${generated.id} accepted but not stored`);
      submitted.push({ generated, reportId });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { submitted, rejected };
}

/** Polls the store until `expected` leads are routed or the timeout passes. */
export async function waitUntilRouted(store: Store, expected: number, timeoutMs: number, onProgress?: (routed: number) => void): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await store.query<{ n: number | string }>('SELECT count(*) AS n FROM leads WHERE route IS NOT NULL');
    const routed = Number(rows[0]!.n);
    onProgress?.(routed);
    if (routed >= expected || Date.now() > deadline) return routed;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface LeadOutcome {
  readonly reportId: string;
  readonly primaryCategory: string;
  readonly provinceCode: string | null;
  readonly clusterId: string | null;
  readonly topic: string | null;
}

export async function loadOutcomes(store: Store): Promise<Map<string, LeadOutcome>> {
  const { rows } = await store.query<{ lead_id: string; primary_category: string; province_code: string | null; cluster_id: string | null; route_topic: string | null }>(
    'SELECT lead_id, primary_category, province_code, cluster_id, route_topic FROM leads',
  );
  return new Map(
    rows.map((r) => [r.lead_id, { reportId: r.lead_id, primaryCategory: r.primary_category, provinceCode: r.province_code, clusterId: r.cluster_id, topic: r.route_topic }]),
  );
}

export interface PairMetrics {
  readonly truePairs: number;
  readonly foundPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Pairwise agreement of two clusterings: a pair counts when both reports share a cluster. */
export function pairMetrics(items: ReadonlyArray<{ truth: string; found: string }>): PairMetrics {
  const pairs = (key: (x: { truth: string; found: string }) => string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return m;
  };
  const choose2 = (n: number): number => (n * (n - 1)) / 2;
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + choose2(n), 0);
  const truePairs = sum(pairs((x) => x.truth));
  const foundPairs = sum(pairs((x) => x.found));
  const both = sum(pairs((x) => `${x.truth}\u0000${x.found}`));
  const precision = foundPairs === 0 ? 1 : both / foundPairs;
  const recall = truePairs === 0 ? 1 : both / truePairs;
  return { truePairs, foundPairs, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const width = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: readonly string[]): string => r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
