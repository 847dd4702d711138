/**
 * The ledger of a run: every committed message of a namespace's topics, read from the beginning
 * as any downstream consumer reads them (read_committed), counted per key.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { ALL_TOPICS } from '../../infra/cluster';
import { TOPICS } from '../../models/topics';

export interface Ledger {
  /** topic (without namespace) → key → messages. */
  readonly counts: Map<string, Map<string, number>>;
  stop(): Promise<void>;
}

/** Starts reading every topic of `namespace` from the beginning; counts grow until `stop()`. */
export async function readLedger(brokers: readonly string[], namespace: string): Promise<Ledger> {
  const kafka = new Kafka({ clientId: 'xiansuo-ledger', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: `${namespace}ledger-${randomBytes(3).toString('hex')}`, readUncommitted: false });
  const counts = new Map<string, Map<string, number>>();
  await consumer.connect();
  await consumer.subscribe({ topics: ALL_TOPICS.map((t) => namespace + t), fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, message }) => {
      const name = topic.slice(namespace.length);
      const perKey = counts.get(name) ?? new Map<string, number>();
      const key = message.key?.toString('utf8') ?? '';
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      counts.set(name, perKey);
    },
  });
  return { counts, stop: () => consumer.disconnect() };
}

/** One row of the ledger table. */
export interface LedgerRow {
  readonly accepted: number;
  readonly received: number;
  readonly screened: number;
  readonly deduped: number;
  readonly routed: number;
  /** Accepted reports whose lead reached a queue more than once (or more than one queue). */
  readonly routedMoreThanOnce: number;
  /** Accepted reports that reached no queue. */
  readonly lost: number;
  /** Accepted reports on reports.received other than exactly once. */
  readonly receivedNotOnce: number;
  readonly dead: number;
}

export function routedCounts(counts: Ledger['counts']): Map<string, number> {
  const routed = new Map<string, number>();
  for (const [topic, perKey] of counts) {
    if (!topic.startsWith('leads.')) continue;
    for (const [key, n] of perKey) routed.set(key, (routed.get(key) ?? 0) + n);
  }
  return routed;
}

export function summarise(counts: Ledger['counts'], accepted: readonly string[]): LedgerRow {
  const total = (topic: string): number => [...(counts.get(topic)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const routed = routedCounts(counts);
  const received = counts.get(TOPICS.received) ?? new Map<string, number>();
  return {
    accepted: accepted.length,
    received: total(TOPICS.received),
    screened: total(TOPICS.screened),
    deduped: total(TOPICS.deduped),
    routed: [...routed.values()].reduce((a, b) => a + b, 0),
    routedMoreThanOnce: accepted.filter((k) => (routed.get(k) ?? 0) > 1).length,
    lost: accepted.filter((k) => !routed.has(k)).length,
    receivedNotOnce: accepted.filter((k) => received.get(k) !== 1).length,
    dead: total(TOPICS.dead),
  };
}
