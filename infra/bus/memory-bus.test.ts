import type { IncomingMessage } from '../../models/ports/bus.port';
import { MemoryBus } from './memory-bus';
import { partitionFor } from './partitioning';

const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('MemoryBus', () => {
  it('keeps messages of one key on one partition, in order', async () => {
    const bus = new MemoryBus({ partitions: 4 });
    await bus.publish(['a', 'b', 'a', 'c', 'a'].map((key, i) => ({ topic: 't', key, value: i })));
    const as = bus.messages('t').filter((m) => m.key === 'a');
    expect(new Set(as.map((m) => m.partition))).toEqual(new Set([partitionFor('a', 4)]));
    expect(as.map((m) => m.value)).toEqual([0, 2, 4]);
  });

  it('delivers each message to one member of a group, and to every group', async () => {
    const bus = new MemoryBus({ partitions: 3 });
    const seen: Record<string, string[]> = { g1: [], g2: [] };
    const subs = await Promise.all([
      bus.consume({ group: 'g1', topics: ['t'], process: async (m) => (seen.g1!.push(m.key), []) }),
      bus.consume({ group: 'g1', topics: ['t'], process: async (m) => (seen.g1!.push(m.key), []) }),
      bus.consume({ group: 'g2', topics: ['t'], process: async (m) => (seen.g2!.push(m.key), []) }),
    ]);
    await bus.publish(Array.from({ length: 30 }, (_, i) => ({ topic: 't', key: `k${i}`, value: i })));
    await until(() => seen.g1!.length === 30 && seen.g2!.length === 30);
    expect(new Set(seen.g1).size).toBe(30);
    await Promise.all(subs.map((s) => s.stop()));
  });

  it('redelivers a message whose processing threw and discards what it would have published', async () => {
    const bus = new MemoryBus({ partitions: 1, redeliveryDelayMs: 1 });
    let calls = 0;
    const sub = await bus.consume({
      group: 'g',
      topics: ['in'],
      process: async (m: IncomingMessage) => {
        calls++;
        if (calls === 1) throw new Error('crash');
        return [{ topic: 'out', key: m.key, value: m.value }];
      },
    });
    await bus.publish([{ topic: 'in', key: 'k', value: 1 }]);
    await until(() => bus.messages('out').length === 1);
    expect(calls).toBe(2);
    expect(bus.lag('g', 'in')).toBe(0);
    await sub.stop();
    expect(bus.messages('out')).toHaveLength(1);
  });
});
