import { TOPICS, provinceTopic } from '../models/topics';
import type { LeadRouted } from '../models/messages';
import { SAMPLE_REPORTS } from './sample-reports';
import { startHarness, type Harness } from './embedded-harness';

function topicOfQueue(queue: string): string {
  return queue === 'national' ? TOPICS.national : queue === 'out-of-scope' ? TOPICS.outOfScope : provinceTopic(queue);
}

const ROUTED_TOPICS = (h: Harness): string[] => h.adapters.bus.topicNames().filter((t) => t.startsWith('leads.'));

describe('the embedded pipeline, end to end', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('routes every report posted through the API to its queue, each exactly once', async () => {
    const app = h.services.buildApp();
    const idsByQueue = new Map<string, string[]>();
    for (const sample of SAMPLE_REPORTS) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample.submission });
      expect(res.statusCode).toBe(201);
      const { queryCode } = res.json() as { queryCode: string };
      expect(queryCode).toMatch(/^XS-/);
      idsByQueue.set(sample.queue, [...(idsByQueue.get(sample.queue) ?? []), queryCode]);
    }
    await h.drained();

    const routed = ROUTED_TOPICS(h).flatMap((t) => h.adapters.bus.messages(t));
    expect(routed).toHaveLength(SAMPLE_REPORTS.length);
    expect(new Set(routed.map((m) => m.key)).size).toBe(SAMPLE_REPORTS.length);
    for (const [queue, codes] of idsByQueue) {
      expect(h.adapters.bus.messages(topicOfQueue(queue))).toHaveLength(codes.length);
      for (const code of codes) {
        const status = await app.inject({ method: 'GET', url: `/api/v1/reports/${code}` });
        expect(status.json()).toMatchObject({ status: 'received', statusLabel: '已受理', feedback: null });
      }
    }
    expect(h.adapters.bus.messages(TOPICS.dead)).toHaveLength(0);
  });

  it('never puts the reporter identity on the bus', async () => {
    const app = h.services.buildApp();
    await app.inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission });
    await h.drained();
    const everything = JSON.stringify(h.adapters.bus.topicNames().flatMap((t) => h.adapters.bus.messages(t)));
    expect(everything).not.toContain('13912345678');
    expect(everything).not.toContain('李明');
  });

  it('answers a malformed report with 400 and a code, and publishes nothing', async () => {
    const app = h.services.buildApp();
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { reporter: { anonymous: 'yes' }, facts: {} } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((res.json() as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(h.adapters.bus.messages(TOPICS.received)).toHaveLength(0);
  });

  it('sends a message that makes a stage throw to reports.dead, and the others still flow', async () => {
    const app = h.services.buildApp();
    await h.adapters.bus.publish([{ topic: TOPICS.received, key: 'poison', value: { reportId: 'poison', nonsense: true } }]);
    for (const sample of SAMPLE_REPORTS) await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample.submission });
    await h.drained();
    const dead = h.adapters.bus.messages(TOPICS.dead);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.value).toMatchObject({ key: 'poison', topic: TOPICS.received, error: { code: 'BAD_MESSAGE' } });
    expect(ROUTED_TOPICS(h).flatMap((t) => h.adapters.bus.messages(t))).toHaveLength(SAMPLE_REPORTS.length);
  });

  it('loses nothing and routes nothing twice when the routing worker dies mid-message', async () => {
    // Stop the real routing worker; run one that dies after its side effects, before the commit.
    const routingIndex = 2;
    await h.subscriptions[routingIndex]!.stop();
    const routing = h.services.stages.routing;
    let deaths = 0;
    const dying = await h.adapters.bus.consume({
      group: routing.group,
      topics: [routing.inputTopic],
      process: async (m) => {
        const outcome = await routing.handle(routing.parse(m.value), { logger: h.runtime.logger, clock: h.runtime.clock, attempt: 1 });
        if (deaths < 2) {
          deaths++;
          throw new Error('worker killed');
        }
        return outcome.kind === 'emitted' ? outcome.messages : [];
      },
    });
    h.subscriptions[routingIndex] = dying;
    const app = h.services.buildApp();
    for (const sample of SAMPLE_REPORTS) await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample.submission });
    await h.drained();
    expect(deaths).toBe(2);
    const routed = ROUTED_TOPICS(h).flatMap((t) => h.adapters.bus.messages(t));
    expect(routed.map((m) => m.key).sort()).toEqual([...new Set(routed.map((m) => m.key))].sort());
    expect(routed).toHaveLength(SAMPLE_REPORTS.length);
    for (const m of routed) expect((m.value as LeadRouted).route.topic).toBe(m.topic);
  });

  it('publishes from the outbox a report accepted while the bus was refusing', async () => {
    const bus = h.adapters.bus;
    const original = bus.publish.bind(bus);
    bus.publish = async () => {
      throw new Error('broker down');
    };
    const app = h.services.buildApp();
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission });
    expect(res.statusCode).toBe(201);
    expect(bus.messages(TOPICS.received)).toHaveLength(0);
    bus.publish = original;
    expect(await h.services.ingest.relayOutbox()).toBe(1);
    expect(await h.services.ingest.relayOutbox()).toBe(0);
    await h.drained();
    expect(bus.messages(provinceTopic('62'))).toHaveLength(1);
  });
});

describe('corroboration across a duplicate cluster', () => {
  it('raises the credibility for another reporter of the same incident, never for a copy or a retelling by the same reporter', async () => {
    const h = await startHarness();
    try {
      const app = h.services.buildApp();
      const original = SAMPLE_REPORTS[0]!.submission;
      expect(original.reporter.anonymous).toBe(false);
      const retold = { ...original, facts: { ...original.facts, text: `${original.facts.text}我也是市场里的商户，亲眼看见过他们砸摊。` } };
      const samePersonAgain = { ...retold, reporter: { ...original.reporter, phone: `+86 ${original.reporter.phone}` } };
      // Another citizen tells it in their own words: a copy of someone else's text would not corroborate.
      const otherReporter = { ...original, facts: { ...original.facts, text: `${original.facts.text}我是隔壁摊主，上个月他们也砸了我的摊子，还逼我交了两千块钱。` }, reporter: { anonymous: false, name: '赵敏', phone: '13700001111' } };
      for (const payload of [original, original, samePersonAgain, otherReporter]) {
        expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload })).statusCode).toBe(201);
        await h.drained();
      }
      const leads = (await h.services.leads.listByRouteTopic(provinceTopic('62'), { limit: 10, offset: 0 })).reverse();
      expect(leads).toHaveLength(4);
      expect(new Set(leads.map((l) => l.clusterId)).size).toBe(1);
      const [first, copy, resent, other] = leads;
      expect(copy!.credibility).toBe(first!.credibility);
      expect(resent!.credibility).toBe(first!.credibility);
      expect(other!.credibility).toBeGreaterThan(first!.credibility);
      const { rows } = await h.adapters.store.query<{ screening: { credibility: { reasons: Array<{ code: string; message: string }> } } | string }>('SELECT screening FROM leads WHERE lead_id = $1', [other!.leadId]);
      const screening = typeof rows[0]!.screening === 'string' ? JSON.parse(rows[0]!.screening) : rows[0]!.screening;
      expect(screening.credibility.reasons).toContainEqual(expect.objectContaining({ code: 'CORROBORATED', message: '同一事件另有 1 位举报人独立举报，相互印证' }));
    } finally {
      await h.stop();
    }
  }, 240_000); // starts its own pipeline (PGlite) inside the test and drains four reports: a minute on a busy machine
});
