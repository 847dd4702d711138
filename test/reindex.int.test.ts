/**
 * `npm run reindex` reproduces the Elasticsearch lead index from PostgreSQL: after a production
 * run, the index rebuilt behind the alias holds the same ids with the same vectors (as
 * Elasticsearch keeps them, float32) and the same clusters, the serving name is now an alias of
 * the new index, and the pipeline keeps deduplicating through it.
 */
import { Client } from '@elastic/elasticsearch';
import { openSandbox, sandboxEndpoints, type Sandbox } from '../infra/cluster-sandbox';
import { reindexFromStore } from '../infra/index/reindex';
import { leadIndexName } from '../infra/index/elastic-lead-mapping';
import { createServices, startWorkers, type Runtime, type Services } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Subscription } from '../models/ports/bus.port';
import { SAMPLE_REPORTS } from './sample-reports';

const TIMEOUT = 240_000;

interface Doc {
  vector: number[];
  clusterId: string;
  embedderId: string;
}

async function snapshot(es: Client, index: string): Promise<Map<string, Doc>> {
  await es.indices.refresh({ index });
  const res = await es.search<Doc>({ index, size: 1000, query: { match_all: {} } });
  return new Map(res.hits.hits.map((h) => [h._id!, h._source!]));
}

describe('npm run reindex', () => {
  const endpoints = sandboxEndpoints();
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('silent') };
  const es = new Client({ node: endpoints.elasticsearchUrl });
  let sandbox: Sandbox;
  let services: Services;
  let workers: Subscription[] = [];

  beforeAll(async () => {
    sandbox = await openSandbox(endpoints, runtime.logger, 'reindex');
    services = await createServices(sandbox.adapters, runtime, { reporterKey: Buffer.alloc(32, 9) });
    workers = await startWorkers(sandbox.adapters, services, runtime, { worker: { backoffMs: 10, maxBackoffMs: 100 } });
    const app = services.buildApp({ limits: { overall: false } });
    for (const s of SAMPLE_REPORTS) expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: s.submission })).statusCode).toBe(201);
    const deadline = Date.now() + 150_000;
    const routed = async (): Promise<number> => Number((await sandbox.adapters.store.query<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE route_topic IS NOT NULL')).rows[0]!.n);
    while ((await routed()) < SAMPLE_REPORTS.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await routed()).toBe(SAMPLE_REPORTS.length);
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await sandbox?.teardown();
    await es.close();
  }, TIMEOUT);

  it(
    'rebuilds the index behind the alias with the same ids, vectors and clusters',
    async () => {
      const name = leadIndexName(`${sandbox.namespace}xiansuo`, 512);
      const before = await snapshot(es, name);
      expect(before.size).toBe(SAMPLE_REPORTS.length);
      expect(await es.indices.existsAlias({ name })).toBe(false);

      const result = await reindexFromStore({ url: endpoints.elasticsearchUrl, indexPrefix: `${sandbox.namespace}xiansuo`, dimensions: 512, store: sandbox.adapters.store, clock: systemClock, logger: runtime.logger });
      expect(result).toMatchObject({ alias: name, indexed: SAMPLE_REPORTS.length, removed: [name] });
      expect(await es.indices.existsAlias({ name })).toBe(true);
      expect(Object.keys(await es.indices.getAlias({ name }))).toEqual([result.index]);

      const after = await snapshot(es, name);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [id, doc] of before) {
        const rebuilt = after.get(id)!;
        expect(rebuilt.clusterId).toBe(doc.clusterId);
        expect(rebuilt.embedderId).toBe(doc.embedderId);
        expect(rebuilt.vector.map(Math.fround)).toEqual(doc.vector.map(Math.fround));
      }
    },
    TIMEOUT,
  );

  it(
    'keeps serving dedup through the alias: a second telling joins its cluster',
    async () => {
      const app = services.buildApp({ limits: { overall: false } });
      expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission })).statusCode).toBe(201);
      const deadline = Date.now() + 120_000;
      const clusterSizes = async (): Promise<number[]> =>
        (await sandbox.adapters.store.query<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE route_topic IS NOT NULL GROUP BY cluster_id ORDER BY n DESC')).rows.map((r) => Number(r.n));
      while ((await clusterSizes()).reduce((a, b) => a + b, 0) < SAMPLE_REPORTS.length + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      expect((await clusterSizes())[0]).toBe(2);
    },
    TIMEOUT,
  );
});
