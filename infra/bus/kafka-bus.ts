/**
 * Kafka (kafkajs) behind the Bus port.
 *
 * Exactly-once between topics: each consumed message is processed, then its outputs and its
 * offset are written in ONE Kafka transaction (consume-transform-produce). Consumers read
 * committed data only, so the outputs of an aborted or unfinished transaction are never seen.
 * A worker that dies before the commit is replayed from the last committed offset; its earlier
 * outputs were never committed. Database writes of the stages are keyed upserts, so the replay
 * changes nothing there either.
 *
 * Fencing: the transactions of an input partition use that partition's transactional id
 * (`partition-producers.ts`), so a worker that stalled past its session and wakes up cannot
 * commit outputs or offsets its successor has taken over.
 *
 * Topic and group names get the configured namespace as a prefix, so test suites do not meet.
 */
import { Kafka, logLevel, type Admin, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import { ConfigurationError, DependencyUnavailableError } from '../../models/errors';
import type { Bus, ConsumeSpec, IncomingMessage, OutgoingMessage, Subscription } from '../../models/ports/bus.port';
import type { Logger } from '../../models/ports/runtime.port';
import { PartitionProducers } from './partition-producers';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Prefix of every topic and consumer group, e.g. "test-1a2b-". */
  readonly namespace?: string;
  /** Partitions of topics this bus creates. */
  readonly partitions?: number;
  /** Consumer session timeout: a member silent this long loses its partitions (default 30 s). */
  readonly sessionTimeoutMs?: number;
  readonly logger: Logger;
}

/** Messages whose outputs and offsets go in one transaction. */
const TRANSACTION_SIZE = 50;
const TRANSACTION_ATTEMPTS = 10;

export class KafkaBus implements Bus {
  private readonly producer: Producer;
  private readonly ns: string;
  private readonly known = new Set<string>();
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly options: KafkaBusOptions,
  ) {
    this.ns = options.namespace ?? '';
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  static async open(options: KafkaBusOptions, topics: readonly string[] = []): Promise<KafkaBus> {
    const kafka = new Kafka({
      clientId: options.clientId ?? 'xiansuo',
      brokers: [...options.brokers],
      logLevel: process.env.KAFKAJS_DEBUG ? logLevel.WARN : logLevel.NOTHING,
      retry: { retries: 5, initialRetryTime: 200 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      throw new DependencyUnavailableError(`无法连接 Kafka（${options.brokers.join(',')}）：${(error as Error).message}`, { service: 'kafka' });
    }
    const bus = new KafkaBus(kafka, admin, options);
    await bus.producer.connect();
    await bus.ensureTopics(topics);
    return bus;
  }

  /** Creates the topics (namespaced) with explicit partitions when they do not exist yet. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(this.ns + t));
    if (toCreate.length > 0) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: toCreate.map((t) => ({ topic: this.ns + t, numPartitions: this.options.partitions ?? 3, replicationFactor: 1 })),
        });
      } catch (error) {
        // Another process may have created them in between: only topics still missing are an error.
        const now = new Set(await this.admin.listTopics());
        if (toCreate.some((t) => !now.has(this.ns + t))) throw error;
      }
    }
    for (const t of missing) this.known.add(t);
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: this.toTopicMessages(messages) });
    } catch (error) {
      throw new DependencyUnavailableError(`Kafka 发布失败：${(error as Error).message}`, { service: 'kafka' });
    }
  }

  async consume(spec: ConsumeSpec): Promise<Subscription> {
    await this.ensureTopics(spec.topics);
    const groupId = this.ns + spec.group;
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = this.kafka.consumer({
      groupId,
      readUncommitted: false,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      // A failed message is retried from the last committed offset, for as long as it takes.
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 10_000, restartOnFailure: async () => true },
    });
    const producers = new PartitionProducers(this.kafka, this.admin, groupId, this.ns);
    consumer.on(consumer.events.GROUP_JOIN, () => producers.joined());
    // Readiness: a member holding no partition (more members than partitions, rebalancing, crashed) does no work.
    let assigned = 0;
    consumer.on(consumer.events.GROUP_JOIN, (e) => (assigned = Object.values(e.payload.memberAssignment).reduce((n, ps) => n + ps.length, 0)));
    consumer.on(consumer.events.REBALANCING, () => (assigned = 0));
    consumer.on(consumer.events.CRASH, () => (assigned = 0));
    consumer.on(consumer.events.STOP, () => (assigned = 0));
    await consumer.connect();
    await consumer.subscribe({ topics: spec.topics.map((t) => this.ns + t), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        const { producer, handledBelow } = await producers.acquire(batch.topic, batch.partition);
        // Messages are processed one by one, their outputs committed with their offsets every
        // TRANSACTION_SIZE messages: one transaction per message would cap a stage near 50/s.
        let outputs: OutgoingMessage[] = [];
        let last: string | undefined;
        let pending = 0;
        const flush = async (): Promise<void> => {
          if (last === undefined) return;
          try {
            await this.commitTransaction(producer, groupId, batch.topic, batch.partition, last, outputs);
          } catch (error) {
            // Fenced by a successor, or broken: no output of this batch is visible; rejoin and replay.
            this.options.logger.warn('transaction failed', { group: groupId, topic: batch.topic, partition: batch.partition, error: (error as Error).message });
            await producers.failed(batch.topic, batch.partition);
            throw error;
          }
          resolveOffset(last);
          outputs = [];
          last = undefined;
          pending = 0;
          await heartbeat();
        };
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          // Committed by the partition's previous owner after this consumer fetched its position.
          if (handledBelow !== undefined && BigInt(message.offset) < handledBelow) {
            resolveOffset(message.offset);
            continue;
          }
          const incoming: IncomingMessage = {
            topic: batch.topic.slice(this.ns.length),
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? '',
            value: parseValue(message.value),
            headers: stringHeaders(message.headers),
          };
          let produced: readonly OutgoingMessage[];
          try {
            produced = await spec.process(incoming);
          } catch (error) {
            // Commit what went before; the failed message is fetched again from its offset.
            await flush();
            throw error;
          }
          outputs.push(...produced);
          last = message.offset;
          if (outputs.length >= TRANSACTION_SIZE || ++pending >= TRANSACTION_SIZE) await flush();
        }
        await flush();
      },
    });
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        // stop() lets the in-flight message finish (and commit) before leaving the group.
        await consumer.stop();
        await consumer.disconnect();
        await producers.close();
      },
      assignedPartitions: () => assigned,
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  /** Deletes every topic of this bus's namespace (tests only; refuses an empty namespace). */
  async deleteNamespaceTopics(): Promise<void> {
    if (!this.ns) throw new ConfigurationError('refusing to delete topics without a namespace');
    const topics = (await this.admin.listTopics()).filter((t) => t.startsWith(this.ns));
    if (topics.length > 0) await this.admin.deleteTopics({ topics });
  }

  /**
   * Writes `outputs` and the group's offset (after `lastOffset`) in one transaction. The broker
   * may answer CONCURRENT_TRANSACTIONS while it finishes the previous commit: the transaction is
   * aborted (its outputs are never visible to read-committed consumers) and written again.
   */
  private async commitTransaction(
    tx: Producer,
    groupId: string,
    topic: string,
    partition: number,
    lastOffset: string,
    outputs: readonly OutgoingMessage[],
  ): Promise<void> {
    if (outputs.length > 0) await this.ensureTopics(outputs.map((m) => m.topic));
    for (let attempt = 1; ; attempt++) {
      const transaction = await tx.transaction();
      try {
        if (outputs.length > 0) await transaction.sendBatch({ acks: -1, topicMessages: this.toTopicMessages(outputs) });
        await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition, offset: (BigInt(lastOffset) + 1n).toString() }] }] });
        await transaction.commit();
        return;
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        if (attempt >= TRANSACTION_ATTEMPTS || !(error as { retriable?: boolean }).retriable) throw error;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
  }

  private toTopicMessages(messages: readonly OutgoingMessage[]) {
    const byTopic = new Map<string, Array<{ key: string; value: string; headers: IHeaders }>>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: JSON.stringify(m.value), headers: { ...(m.headers ?? {}) } });
      byTopic.set(m.topic, list);
    }
    return [...byTopic].map(([topic, msgs]) => ({ topic: this.ns + topic, messages: msgs }));
  }
}

function parseValue(value: Buffer | null): unknown {
  if (!value) return null;
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    // Not JSON: hand the raw text to the stage, whose parse() rejects it into reports.dead.
    return value.toString('utf8');
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}
