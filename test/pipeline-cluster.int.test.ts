/**
 * The skeleton's end-to-end test in production mode: reports through the API, over real Kafka,
 * deduplicated in real Elasticsearch, stored in real PostgreSQL, out in the right topics, each
 * exactly once. Every run has its own topics, index and database (a random namespace).
 */
import { ALL_TOPICS } from '../infra/cluster';
import { openSandbox, sandboxEndpoints, type Sandbox } from '../infra/cluster-sandbox';
import { createServices, startWorkers, type Runtime, type Services } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { IncomingMessage, Subscription } from '../models/ports/bus.port';
import { TOPICS, provinceTopic } from '../models/topics';
import { SAMPLE_REPORTS } from './sample-reports';

const TIMEOUT = 120_000;
const queueTopic = (q: string): string => (q === 'national' ? TOPICS.national : q === 'out-of-scope' ? TOPICS.outOfScope : provinceTopic(q));

describe('the pipeline in production mode (Kafka, Elasticsearch, PostgreSQL)', () => {
  let sandbox: Sandbox;
  let services: Services;
  let workers: Subscription[] = [];
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('silent') };

  beforeAll(async () => {
    sandbox = await openSandbox(sandboxEndpoints(), runtime.logger, 'e2e');
    services = await createServices(sandbox.adapters, runtime, { reporterKey: Buffer.alloc(32, 3) });
    workers = await startWorkers(sandbox.adapters, services, runtime, { worker: { backoffMs: 10, maxBackoffMs: 100 } });
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await sandbox?.teardown();
  }, TIMEOUT);

  it(
    'routes every report to its queue exactly once, and a poison message to reports.dead',
    async () => {
      const app = services.buildApp();
      const expectedByQueue = new Map<string, number>();
      await sandbox.adapters.bus.publish([{ topic: TOPICS.received, key: 'poison', value: { reportId: 'poison' } }]);
      for (const sample of SAMPLE_REPORTS) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample.submission });
        expect(res.statusCode).toBe(201);
        expectedByQueue.set(sample.queue, (expectedByQueue.get(sample.queue) ?? 0) + 1);
      }
      // A second telling of the first report: dedup in Elasticsearch must put it in the same cluster.
      await app.inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission });
      expectedByQueue.set(SAMPLE_REPORTS[0]!.queue, expectedByQueue.get(SAMPLE_REPORTS[0]!.queue)! + 1);
      const expectedTotal = SAMPLE_REPORTS.length + 1;

      const seen: IncomingMessage[] = [];
      const reader = await sandbox.adapters.bus.consume({
        group: 'e2e-reader',
        topics: ALL_TOPICS.filter((t) => t.startsWith('leads.') || t === TOPICS.dead),
        process: async (m) => (seen.push(m), []),
      });
      const deadline = Date.now() + 90_000;
      while (seen.length < expectedTotal + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 2_000)); // anything routed twice would arrive by now
      await reader.stop();

      const routed = seen.filter((m) => m.topic.startsWith('leads.'));
      expect(routed).toHaveLength(expectedTotal);
      expect(new Set(routed.map((m) => m.key)).size).toBe(expectedTotal);
      for (const [queue, n] of expectedByQueue) expect(routed.filter((m) => m.topic === queueTopic(queue))).toHaveLength(n);
      const dead = seen.filter((m) => m.topic === TOPICS.dead);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.value).toMatchObject({ key: 'poison', error: { code: 'BAD_MESSAGE' } });

      const gansu = await services.leads.listByRouteTopic(provinceTopic('62'), { limit: 10, offset: 0 });
      expect(gansu).toHaveLength(2);
      expect(new Set(gansu.map((l) => l.clusterId)).size).toBe(1);
      expect(gansu.map((l) => l.dedup?.decision).sort()).toEqual(['duplicate', 'new']);
    },
    TIMEOUT,
  );
});
