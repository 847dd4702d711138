/**
 * Two dedup workers (one consumer group, partitions shared) process copies of one report at the
 * same moment: neither sees the other's lead when it searches, so both would open a cluster.
 * The race-merge step must leave a single cluster.
 */
import { createDedupStage } from '../dedup/dedup.stage';
import { shippedPairParams } from '../infra/trained-params';
import type { LeadIndex } from '../models/ports/lead-index.port';
import type { Analyst } from '../models/actor';
import { GROUPS, TOPICS, provinceTopic } from '../models/topics';
import { SAMPLE_REPORTS } from './sample-reports';
import { startHarness, type Harness } from './embedded-harness';

const SYSTEM: Analyst = { id: 'system', name: '系统', role: 'system', scope: { kind: 'national' } };

describe('dedup race', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('ends with one cluster when copies of a report are deduplicated concurrently by two workers', async () => {
    const dedupIndex = 1;
    await h.subscriptions[dedupIndex]!.stop();
    const app = h.services.buildApp();
    const copies = 6;
    for (let i = 0; i < copies; i++) await app.inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission });
    while (h.adapters.bus.lag(GROUPS.screening, TOPICS.received) > 0) await new Promise((r) => setTimeout(r, 10));
    const partitions = new Set(h.adapters.bus.messages(TOPICS.screened).map((m) => m.partition));
    expect(partitions.size).toBeGreaterThan(1); // 6 random keys on 3 partitions: all on one has odds 1 in 243

    // Elasticsearch answers in milliseconds, not microtasks: slow the searches down so that both
    // workers search before either has written its lead (the race), as they would on a real cluster.
    const index = h.adapters.index;
    const slow = <T>(p: Promise<T>): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(p), 30));
    const slowIndex: LeadIndex = {
      ...index,
      upsert: (l) => index.upsert(l),
      knn: (...a) => slow(index.knn(...a)),
      searchText: (...a) => slow(index.searchText(...a)),
      searchEntities: (...a) => slow(index.searchEntities(...a)),
      get: (id) => index.get(id),
      count: () => index.count(),
      close: () => index.close(),
    };
    const merger = process.env.RACE_TEST_WITHOUT_MERGE
      ? undefined
      : { merge: async (a: string, b: string, reason: string) => void (await h.services.review.merge(SYSTEM, a, b, reason)) };
    const stage = createDedupStage({ index: slowIndex, leads: h.services.leads, reports: h.services.reports, params: (embedderId) => shippedPairParams(embedderId), ...(merger ? { merger } : {}) });
    const worker = () =>
      h.adapters.bus.consume({
        group: stage.group,
        topics: [stage.inputTopic],
        process: async (m) => {
          const outcome = await stage.handle(stage.parse(m.value), { logger: h.runtime.logger, clock: h.runtime.clock, attempt: 1 });
          return outcome.kind === 'emitted' ? outcome.messages : [];
        },
      });
    h.subscriptions[dedupIndex] = await worker();
    h.subscriptions.push(await worker());
    await h.drained();

    const leads = await h.services.leads.listByRouteTopic(provinceTopic("62"), { limit: 10, offset: 0 });
    expect(leads).toHaveLength(copies);
    expect(new Set(leads.map((l) => l.clusterId)).size).toBe(1);
    const cluster = await h.services.leads.findCluster(leads[0]!.clusterId!);
    expect(cluster?.memberCount).toBe(copies);
  });
});
