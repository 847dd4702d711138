/**
 * npm run bench -- dedup [--sizes 10000,100000 --queries 200]
 *
 * Dedup on real Elasticsearch at growing index sizes: per-lead latency of candidate retrieval
 * (kNN + BM25 + entity blocking, as the stage runs them), of pair scoring, and of the two
 * together; and kNN recall@10 of Elasticsearch's HNSW against exact search on the same vectors.
 * The index is filled with generated reports embedded by the hashing embedder (bulk, no refresh
 * per document): embedding 100,000 reports with the real model would take hours on 2 cores, and
 * latency and recall depend on the index, not on which model made the vectors.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CANDIDATE_POLICY, findCandidates } from '../dedup/candidates';
import { decide, type EarlierLead } from '../dedup/decide';
import { toIndexedLead } from '../dedup/dedup.stage';
import { normaliseSubmission } from '../ingest/normalise-submission';
import { HashingEmbedder } from '../infra/embedding/hashing-embedder';
import { ElasticLeadIndex } from '../infra/index/elastic-lead-index';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { sandboxEndpoints } from '../infra/cluster-sandbox';
import type { ReportScreened } from '../models/messages';
import { shippedScreeningModel, shippedPairParams } from '../infra/trained-params';
import { Gazetteer } from '../screening/gazetteer';
import { screenReport } from '../screening/screen';
import { generateReports } from '../synth/generator';
import { table } from './batch';
import { parseFlags } from './flags';

const embedder = new HashingEmbedder(512);
const deps = { segmenter: new JiebaSegmenter(), embedder, gazetteer: Gazetteer.default(), classifier: shippedScreeningModel() };

async function screenAll(count: number, seed: number, from: Date): Promise<ReportScreened[]> {
  const out: ReportScreened[] = [];
  for (const [i, g] of generateReports({ count, seed }).entries()) {
    const r = normaliseSubmission(g.submission);
    const receivedAt = new Date(from.getTime() + i * 1000).toISOString();
    const report = { reportId: `${seed}-${i}`, receivedAt, reporter: { realName: false, contactGiven: false }, subject: r.subject, facts: r.facts, ...(r.umbrella ? { umbrella: r.umbrella } : {}) };
    out.push({ reportId: report.reportId, receivedAt, reporter: report.reporter, screening: await screenReport(report, deps) });
  }
  return out;
}

function exactTop(vectors: Float32Array[], ids: string[], q: readonly number[], k: number): Set<string> {
  const scores = vectors.map((v, i) => {
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += v[d]! * q[d]!;
    return [dot, i] as const;
  });
  scores.sort((a, b) => b[0] - a[0]);
  return new Set(scores.slice(0, k).map(([, i]) => ids[i]!));
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

export async function benchDedup(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, { sizes: '10000,100000', queries: 200 });
  const sizes = flags.sizes.split(',').map(Number).sort((a, b) => a - b);
  const endpoints = sandboxEndpoints();
  const index = await ElasticLeadIndex.open({ url: endpoints.elasticsearchUrl, indexPrefix: `bench-dedup-${randomBytes(3).toString('hex')}`, dimensions: 512 });
  const params = shippedPairParams(embedder.id);
  const rows: Array<Array<string | number>> = [];
  try {
    const t0 = Date.now();
    const queries = await screenAll(flags.queries, 4242, new Date('2026-06-01T00:00:00Z'));
    const byId = new Map<string, ReportScreened>(queries.map((q) => [q.reportId, q]));
    const vectors: Float32Array[] = [];
    const ids: string[] = [];
    let loaded = 0;
    for (const size of sizes) {
      // Fill up to `size` with generated reports (seeds vary so texts do not repeat exactly).
      while (loaded < size) {
        const chunk = Math.min(5000, size - loaded);
        const leads = await screenAll(chunk, 10_000 + loaded, new Date(Date.parse('2025-01-01T00:00:00Z') + loaded * 1000));
        await index.bulkUpsert(leads.map((l) => toIndexedLead(l, l.reportId)));
        for (const l of leads) {
          vectors.push(Float32Array.from(l.screening.embedding));
          ids.push(l.reportId);
          byId.set(l.reportId, l);
        }
        loaded += chunk;
        process.stderr.write(`\rindexed ${loaded}/${size} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      }
      await index.refreshNow();
      process.stderr.write('\n');
      const retrieval: number[] = [];
      const scoring: number[] = [];
      let recallHits = 0;
      const added = { vector: 0, text: 0, entities: 0 };
      for (const q of queries) {
        let t = performance.now();
        const { candidates, added: a } = await findCandidates(index, q, DEFAULT_CANDIDATE_POLICY);
        for (const k of ['vector', 'text', 'entities'] as const) added[k] += a[k];
        retrieval.push(performance.now() - t);
        const earlier: EarlierLead[] = candidates.flatMap((c) => {
          const s = byId.get(c.leadId);
          return s ? [{ leadId: c.leadId, clusterId: c.leadId, screening: s.screening }] : [];
        });
        t = performance.now();
        decide(q, earlier, params, 0.7);
        scoring.push(performance.now() - t);
        const approx = await index.knn(q.screening.embedding, 10, { embedderId: embedder.id });
        const exact = exactTop(vectors, ids, q.screening.embedding, 10);
        recallHits += approx.filter((h) => exact.has(h.leadId)).length;
      }
      const total = retrieval.map((r, i) => r + scoring[i]!);
      rows.push([
        size,
        quantile(retrieval, 0.5).toFixed(1),
        quantile(retrieval, 0.99).toFixed(1),
        quantile(scoring, 0.5).toFixed(1),
        quantile(total, 0.5).toFixed(1),
        quantile(total, 0.99).toFixed(1),
        (recallHits / (queries.length * 10)).toFixed(3),
        (['vector', 'text', 'entities'] as const).map((k) => (added[k] / queries.length).toFixed(1)).join(' / '),
      ]);
    }
    console.log(`dedup on Elasticsearch ${endpoints.elasticsearchUrl}, ${queries.length} query leads, embedder ${embedder.id} (see the header comment)`);
    console.log(table(['indexed leads', 'retrieval p50 ms', 'retrieval p99 ms', 'scoring p50 ms', 'dedup p50 ms', 'dedup p99 ms', 'kNN recall@10', 'candidates added: vector / text / entities'], rows));
    console.log('dedup = candidate retrieval (kNN k=10 + BM25 k=10 + blocking k=20) + pair scoring of the candidates; the stage adds its store writes and the index write (refresh 100 ms, wait_for).');
  } finally {
    await index.client.indices.delete({ index: index.indexName }).catch(() => undefined);
    await index.close();
  }
}
