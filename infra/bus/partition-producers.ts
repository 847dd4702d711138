/**
 * Fencing for consume-transform-produce on kafkajs: one transactional producer per input
 * partition, with a transactional id stable per (group, topic, partition).
 *
 * Why. A worker that stalls past its session (GC pause, SIGSTOP, a frozen VM) loses its partitions
 * but does not know it; on waking it would commit outputs and offsets for messages its successor
 * has already processed. Kafka's own answer since KIP-447 (2.5) is to fence by consumer-group
 * metadata (`sendOffsetsToTransaction(offsets, groupMetadata)` checks the generation), but
 * kafkajs 2.2.4 sends TxnOffsetCommit without generation or member id: it has transactions,
 * not that fence. The pattern before KIP-447 needs nothing kafkajs lacks: whoever owns an input
 * partition writes with the transactional id of that partition. The successor's InitProducerId
 * bumps the id's epoch, which aborts the zombie's open transaction and makes every later request
 * of the zombie fail (INVALID_PRODUCER_EPOCH), so its outputs and offsets are never committed.
 *
 * Rules that keep it exact:
 * - A producer lives for one generation of the group (a GROUP_JOIN starts the next): the first
 *   batch of a partition in a generation gets a fresh producer.
 * - A fresh producer reads the group's committed offset of its partition AFTER its
 *   InitProducerId: a predecessor's transaction is complete (committed or aborted) by then, so
 *   messages below that offset were handled and are skipped (the consumer's own position was
 *   fetched before, possibly before the predecessor's last commit).
 * - A producer whose transaction failed (fenced, or anything else) is dropped, and none is made
 *   again for that partition in the same generation: the worker must rejoin the group first, so a
 *   zombie never fences the partition's real owner with a producer of its own.
 */
import type { Admin, Kafka, Producer } from 'kafkajs';

interface Owned {
  readonly producer: Producer;
  readonly generation: number;
}

/** What a batch of a partition writes with, and the offset below which it was already handled. */
export interface PartitionWriter {
  readonly producer: Producer;
  /** Set on a fresh producer only: messages below this offset were committed by a predecessor. */
  readonly handledBelow: bigint | undefined;
}

export class FencedPartitionError extends Error {
  readonly retriable = true;
}

export class PartitionProducers {
  private readonly owned = new Map<string, Owned>();
  private readonly failedIn = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    /** The namespaced consumer group. */
    private readonly groupId: string,
    /** The namespace, stripped from topic names inside transactional ids. */
    private readonly namespace: string,
  ) {}

  /** The group rebalanced: producers of the previous generation are replaced on next use. */
  joined(): void {
    this.generation++;
  }

  /** The transactional id of an input partition: stable across processes and restarts. */
  transactionalId(topic: string, partition: number): string {
    return `${this.groupId}-${topic.slice(this.namespace.length)}-${partition}`;
  }

  async acquire(topic: string, partition: number): Promise<PartitionWriter> {
    const slot = `${topic}/${partition}`;
    const current = this.owned.get(slot);
    if (current && current.generation === this.generation) return { producer: current.producer, handledBelow: undefined };
    if (this.failedIn.get(slot) === this.generation) {
      throw new FencedPartitionError(`${slot}: its producer failed in this generation of ${this.groupId}; rejoin first`);
    }
    if (current) await this.drop(slot);
    const generation = this.generation;
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId(topic, partition),
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    // InitProducerId happens on the first transaction: an empty one fences the previous owner.
    await (await producer.transaction()).abort();
    this.owned.set(slot, { producer, generation });
    const [offsets] = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [topic] });
    const committed = offsets?.partitions.find((p) => p.partition === partition)?.offset;
    return { producer, handledBelow: committed !== undefined && Number(committed) >= 0 ? BigInt(committed) : undefined };
  }

  /** A transaction of this partition failed: drop its producer until the next generation. */
  async failed(topic: string, partition: number): Promise<void> {
    const slot = `${topic}/${partition}`;
    this.failedIn.set(slot, this.generation);
    await this.drop(slot);
  }

  async close(): Promise<void> {
    await Promise.all([...this.owned.keys()].map((slot) => this.drop(slot)));
  }

  private async drop(slot: string): Promise<void> {
    const owned = this.owned.get(slot);
    this.owned.delete(slot);
    await owned?.producer.disconnect().catch(() => undefined);
  }
}
