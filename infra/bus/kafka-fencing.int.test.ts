/**
 * Fencing on real Kafka: a member that stalls past its session inside a message (no heartbeat,
 * as under SIGSTOP or a long pause) loses its partition to a second member, which processes the
 * message and commits. When the stalled member wakes and tries to commit the same message's
 * output, it must fail: read-committed, the output topic holds the message once.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingMessage, Subscription } from '../../models/ports/bus.port';
import { jsonLogger } from '../runtime/system-runtime';
import { KafkaBus } from './kafka-bus';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const SESSION_MS = 6_000; // the broker's group.min.session.timeout.ms
const TIMEOUT = 120_000;

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a stalled member on Kafka', () => {
  const namespace = `fence-${randomBytes(4).toString('hex')}-`;
  const open = (): Promise<KafkaBus> =>
    KafkaBus.open({ brokers, namespace, partitions: 1, sessionTimeoutMs: SESSION_MS, logger: jsonLogger('silent') }, ['in', 'out']);
  let zombie: KafkaBus;
  let successor: KafkaBus;
  const subs: Subscription[] = [];

  afterAll(async () => {
    await Promise.all(subs.map((s) => s.stop().catch(() => undefined)));
    await successor?.deleteNamespaceTopics().catch(() => undefined);
    await Promise.all([zombie?.close(), successor?.close()].map((p) => p?.catch(() => undefined)));
  }, TIMEOUT);

  it(
    'cannot commit, on waking, the output of a message its successor has committed',
    async () => {
      zombie = await open();
      successor = await open();
      const echo = (m: IncomingMessage, by: string): OutgoingMessage[] => [{ topic: 'out', key: m.key, value: { by } }];
      let wake!: () => void;
      const asleep = new Promise<void>((r) => (wake = r));
      let zombieStarted = false;
      let zombieWoke = false;
      subs.push(
        await zombie.consume({
          group: 'g',
          topics: ['in'],
          process: async (m) => {
            zombieStarted = true;
            await asleep; // no heartbeat while here: the session runs out
            zombieWoke = true;
            return echo(m, 'zombie');
          },
        }),
      );
      await zombie.publish([{ topic: 'in', key: 'r-1', value: { n: 1 } }]);
      await until(() => zombieStarted, 30_000, 'the first member to take the message');

      const handledBySuccessor: string[] = [];
      subs.push(
        await successor.consume({
          group: 'g',
          topics: ['in'],
          process: async (m) => (handledBySuccessor.push(m.key), echo(m, 'successor')),
        }),
      );
      await until(() => handledBySuccessor.length > 0, 60_000, 'the successor to take over the partition');
      await new Promise((r) => setTimeout(r, 1_000)); // its transaction commits
      wake();
      await until(() => zombieWoke, 10_000, 'the stalled member to wake');
      await new Promise((r) => setTimeout(r, 3_000)); // time for the zombie's commit attempt

      const seen: IncomingMessage[] = [];
      const reader = await successor.consume({ group: 'reader', topics: ['out'], process: async (m) => (seen.push(m), []) });
      await until(() => seen.length > 0, 30_000, 'the output');
      await new Promise((r) => setTimeout(r, 2_000));
      await reader.stop();
      expect(seen.map((m) => [m.key, (m.value as { by: string }).by])).toEqual([['r-1', 'successor']]);
    },
    TIMEOUT,
  );
});
