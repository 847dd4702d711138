/**
 * Idempotent stages on the embedded default: a report that reaches reports.received twice (the
 * outbox is at least once) reaches its queue once; a message whose worker died after the stage's
 * store writes and before the commit is handled again, so nothing is lost either.
 */
import { MemoryBus } from '../infra/bus/memory-bus';
import { processMessage } from '../infra/stage-worker';
import type { IncomingMessage } from '../models/ports/bus.port';
import { TOPICS } from '../models/topics';
import { SAMPLE_REPORTS } from './sample-reports';
import { startHarness, type Harness } from './embedded-harness';

const routedTopics = (h: Harness): string[] => h.adapters.bus.topicNames().filter((t) => t.startsWith('leads.'));
const countByKey = (messages: readonly IncomingMessage[]): Map<string, number> =>
  messages.reduce((m, x) => m.set(x.key, (m.get(x.key) ?? 0) + 1), new Map<string, number>());

describe('a report delivered twice to the stages', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('reaches its queue once when the copy arrives after the report was routed', async () => {
    const app = h.services.buildApp();
    for (const sample of SAMPLE_REPORTS.slice(0, 3)) await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample.submission });
    await h.drained();
    const originals = h.adapters.bus.messages(TOPICS.received);
    await h.adapters.bus.publish(originals.map((m) => ({ topic: TOPICS.received, key: m.key, value: m.value })));
    await h.drained();

    expect(h.adapters.bus.messages(TOPICS.received)).toHaveLength(6);
    for (const topic of [TOPICS.screened, TOPICS.deduped]) expect([...countByKey(h.adapters.bus.messages(topic)).values()]).toEqual([1, 1, 1]);
    const routed = routedTopics(h).flatMap((t) => h.adapters.bus.messages(t));
    expect([...countByKey(routed)].sort()).toEqual(originals.map((m) => [m.key, 1]).sort());
  });

  it('reaches its queue once when the copy is published right behind the report', async () => {
    const app = h.services.buildApp();
    const bus = h.adapters.bus;
    const original = bus.publish.bind(bus);
    // The outbox publishing twice, as a relay and a direct publication once raced.
    bus.publish = async (messages) => {
      await original(messages);
      if (messages.some((m) => m.topic === TOPICS.received)) await original(messages);
    };
    for (const sample of SAMPLE_REPORTS.slice(0, 4)) await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample.submission });
    bus.publish = original;
    await h.drained();

    expect(bus.messages(TOPICS.received)).toHaveLength(8);
    const routed = routedTopics(h).flatMap((t) => bus.messages(t));
    expect(routed).toHaveLength(4);
    expect(new Set(routed.map((m) => m.key)).size).toBe(4);
  });
});

describe('a worker that dies after its stage wrote to the store', () => {
  it('handles the same message again and emits its outputs once', async () => {
    const h = await startHarness();
    try {
      await Promise.all(h.subscriptions.map((s) => s.stop()));
      const bus = new MemoryBus();
      const options = { logger: h.runtime.logger, clock: h.runtime.clock, handled: h.services.handled };
      let deaths = 0;
      const subscription = await bus.consume({
        group: 'screening',
        topics: [TOPICS.received],
        process: async (m) => {
          const out = await processMessage(h.services.stages.screening, m, options);
          if (deaths++ === 0) throw new Error('worker died before the commit');
          return out;
        },
      });
      const report = h.adapters.bus.messages(TOPICS.received);
      expect(report).toHaveLength(0);
      await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission });
      const [received] = h.adapters.bus.messages(TOPICS.received);
      await bus.publish([{ topic: TOPICS.received, key: received!.key, value: received!.value }]);
      const deadline = Date.now() + 20_000;
      while (bus.lag('screening', TOPICS.received) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await subscription.stop();
      await bus.close();

      expect(deaths).toBe(2);
      expect(bus.messages(TOPICS.screened).map((m) => m.key)).toEqual([received!.key]);
    } finally {
      await h.stop();
    }
  });
});
