import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from '../../models/ports/bus.port';
import { jsonLogger } from '../runtime/system-runtime';
import { describeBusContract } from './bus.contract';
import { KafkaBus } from './kafka-bus';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

let n = 0;
describeBusContract(
  `Kafka at ${brokers.join(',')}`,
  async () => {
    const namespace = `test-${randomBytes(4).toString('hex')}-`;
    const bus = await KafkaBus.open({ brokers, namespace, partitions: 3, logger: jsonLogger('silent') }).catch((error: Error) => {
      throw new Error(`Kafka is not reachable at ${brokers.join(',')} (start it with: npm run infra:up): ${error.message}`);
    });
    return {
      bus,
      unique: (name) => `${name}-${++n}`,
      readAll: async (topic, expected) => {
        // A read-committed reader of its own: what any downstream consumer would see.
        const seen: IncomingMessage[] = [];
        const sub = await bus.consume({ group: `reader-${++n}`, topics: [topic], process: async (m) => (seen.push(m), []) });
        const end = Date.now() + 20_000;
        while (seen.length < expected && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 500));
        await sub.stop();
        return seen;
      },
      close: async () => {
        await bus.deleteNamespaceTopics().catch(() => undefined);
        await bus.close();
      },
    };
  },
  60_000,
);
