/**
 * Behaviour every Bus must have, run on the in-process bus (unit) and on Kafka (integration),
 * so that the two modes cannot drift apart.
 */
import type { Bus, IncomingMessage, OutgoingMessage, Subscription } from '../../models/ports/bus.port';

export interface BusFixture {
  readonly bus: Bus;
  /** A topic or group name not used by any other test. */
  unique(name: string): string;
  /** Reads back everything on a topic (committed messages only). */
  readAll(topic: string, expected: number): Promise<IncomingMessage[]>;
  close(): Promise<void>;
}

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function describeBusContract(name: string, open: () => Promise<BusFixture>, timeoutMs = 30_000): void {
  describe(`Bus contract: ${name}`, () => {
    let f: BusFixture;
    const subs: Subscription[] = [];
    beforeAll(async () => {
      f = await open();
    }, timeoutMs);
    afterAll(async () => {
      await Promise.all(subs.map((s) => s.stop()));
      await f?.close();
    }, timeoutMs);

    it(
      'delivers every published message once to a group, keeping the order of each key',
      async () => {
        const topic = f.unique('orders');
        const seen: IncomingMessage[] = [];
        subs.push(await f.bus.consume({ group: f.unique('g'), topics: [topic], process: async (m) => (seen.push(m), []) }));
        const messages: OutgoingMessage[] = Array.from({ length: 30 }, (_, i) => ({ topic, key: `k${i % 3}`, value: { i }, headers: { 'x-n': String(i) } }));
        await f.bus.publish(messages);
        await until(() => seen.length >= 30, timeoutMs, '30 deliveries');
        expect(seen).toHaveLength(30);
        for (const key of ['k0', 'k1', 'k2']) {
          const values = seen.filter((m) => m.key === key).map((m) => (m.value as { i: number }).i);
          expect(values).toEqual([...values].sort((a, b) => a - b));
          expect(values).toHaveLength(10);
        }
        expect(seen.find((m) => (m.value as { i: number }).i === 7)).toMatchObject({ topic, key: 'k1', headers: { 'x-n': '7' } });
      },
      timeoutMs,
    );

    it(
      'redelivers a message whose processing threw, and publishes its outputs exactly once',
      async () => {
        const input = f.unique('in');
        const output = f.unique('out');
        let attempts = 0;
        subs.push(
          await f.bus.consume({
            group: f.unique('g'),
            topics: [input],
            process: async (m) => {
              if (m.key === 'fragile' && ++attempts < 3) throw new Error('worker died');
              return [{ topic: output, key: m.key, value: m.value }];
            },
          }),
        );
        await f.bus.publish([
          { topic: input, key: 'a', value: 1 },
          { topic: input, key: 'fragile', value: 2 },
          { topic: input, key: 'b', value: 3 },
        ]);
        const out = await f.readAll(output, 3);
        expect(attempts).toBe(3);
        expect(out.map((m) => m.key).sort()).toEqual(['a', 'b', 'fragile']);
      },
      timeoutMs,
    );

    it(
      'shares the partitions of a topic among the members of one group',
      async () => {
        const topic = f.unique('shared');
        const group = f.unique('g');
        const byMember: string[][] = [[], []];
        for (const seen of byMember) subs.push(await f.bus.consume({ group, topics: [topic], process: async (m) => (seen.push(m.key), []) }));
        await f.bus.publish(Array.from({ length: 40 }, (_, i) => ({ topic, key: `key-${i}`, value: i })));
        await until(() => byMember[0]!.length + byMember[1]!.length >= 40, timeoutMs, '40 deliveries');
        const all = [...byMember[0]!, ...byMember[1]!];
        expect(new Set(all).size).toBe(40);
        expect(all).toHaveLength(40);
      },
      timeoutMs,
    );
  });
}
