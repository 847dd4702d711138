/**
 * The in-process bus of the embedded default. Topics are split into partitions by key, consumer
 * groups share partitions among their members and keep committed offsets, exactly as Kafka does,
 * so the stages behave the same on both.
 *
 * Invariant: a processed message's outputs are appended and its offset committed in one
 * synchronous step (no await in between): a process() that throws leaves no output behind and
 * its input is delivered again.
 */
import { DependencyUnavailableError } from '../../models/errors';
import type { Bus, ConsumeSpec, IncomingMessage, OutgoingMessage, Subscription } from '../../models/ports/bus.port';
import { partitionFor } from './partitioning';

interface StoredMessage {
  readonly key: string;
  readonly value: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

interface Member {
  readonly id: number;
  readonly topics: readonly string[];
  stopped: boolean;
}

interface GroupState {
  readonly committed: Map<string, number>; // "topic/partition" -> next offset to process
  readonly busy: Set<string>;
  readonly members: Member[];
}

export interface MemoryBusOptions {
  readonly partitions?: number;
  /** Delay before a message whose processing threw is delivered again. */
  readonly redeliveryDelayMs?: number;
}

export class MemoryBus implements Bus {
  private readonly topics = new Map<string, StoredMessage[][]>();
  private readonly groups = new Map<string, GroupState>();
  private readonly waiters = new Set<() => void>();
  private readonly partitions: number;
  private readonly redeliveryDelayMs: number;
  private nextMemberId = 1;
  private closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.partitions = options.partitions ?? 3;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 10;
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new DependencyUnavailableError('消息总线已关闭', { service: 'memory-bus' });
    this.append(messages);
  }

  async consume(spec: ConsumeSpec): Promise<Subscription> {
    const group = this.group(spec.group);
    const member: Member = { id: this.nextMemberId++, topics: spec.topics, stopped: false };
    group.members.push(member);
    const loop = this.runMember(spec, group, member);
    return {
      stop: async () => {
        member.stopped = true;
        this.wake();
        await loop;
        group.members.splice(group.members.indexOf(member), 1);
      },
      assignedPartitions: () => (member.stopped || this.closed ? 0 : this.assigned(group, member).length),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) for (const m of group.members) m.stopped = true;
    this.wake();
  }

  /** Every message ever published to `topic`, in partition order: for tests and the demo. */
  messages(topic: string): IncomingMessage[] {
    const parts = this.topics.get(topic) ?? [];
    return parts.flatMap((msgs, partition) =>
      msgs.map((m, offset) => ({ topic, partition, offset: String(offset), key: m.key, value: m.value, headers: m.headers })),
    );
  }

  topicNames(): string[] {
    return [...this.topics.keys()].sort();
  }

  /** Messages of `topic` that `group` has not yet committed. */
  lag(group: string, topic: string): number {
    const state = this.groups.get(group);
    const parts = this.topics.get(topic) ?? [];
    return parts.reduce((sum, msgs, p) => sum + msgs.length - (state?.committed.get(`${topic}/${p}`) ?? 0), 0);
  }

  /** Per partition of `topic`: messages `group` has not yet committed (metrics). */
  lagByPartition(group: string, topic: string): number[] {
    const state = this.groups.get(group);
    return this.partitionsOf(topic).map((msgs, p) => msgs.length - (state?.committed.get(`${topic}/${p}`) ?? 0));
  }

  private append(messages: readonly OutgoingMessage[]): void {
    for (const m of messages) {
      const parts = this.partitionsOf(m.topic);
      parts[partitionFor(m.key, parts.length)]!.push({ key: m.key, value: m.value, headers: { ...(m.headers ?? {}) } });
    }
    if (messages.length > 0) this.wake();
  }

  private partitionsOf(topic: string): StoredMessage[][] {
    let parts = this.topics.get(topic);
    if (!parts) {
      parts = Array.from({ length: this.partitions }, () => []);
      this.topics.set(topic, parts);
    }
    return parts;
  }

  private group(name: string): GroupState {
    let g = this.groups.get(name);
    if (!g) {
      g = { committed: new Map(), busy: new Set(), members: [] };
      this.groups.set(name, g);
    }
    return g;
  }

  /** Partition p of each topic belongs to member (p mod members) of the group, like a range assignor. */
  private assigned(group: GroupState, member: Member): Array<{ topic: string; partition: number }> {
    const index = group.members.indexOf(member);
    const out: Array<{ topic: string; partition: number }> = [];
    for (const topic of member.topics) {
      const parts = this.partitionsOf(topic);
      for (let p = 0; p < parts.length; p++) if (p % group.members.length === index) out.push({ topic, partition: p });
    }
    return out;
  }

  private async runMember(spec: ConsumeSpec, group: GroupState, member: Member): Promise<void> {
    while (!member.stopped && !this.closed) {
      let progressed = false;
      for (const { topic, partition } of this.assigned(group, member)) {
        if (member.stopped) break;
        progressed = (await this.processNext(spec, group, topic, partition)) || progressed;
      }
      if (!progressed) await this.waitForWork(50);
    }
  }

  private async processNext(spec: ConsumeSpec, group: GroupState, topic: string, partition: number): Promise<boolean> {
    const slot = `${topic}/${partition}`;
    if (group.busy.has(slot)) return false;
    const offset = group.committed.get(slot) ?? 0;
    const stored = this.partitionsOf(topic)[partition]![offset];
    if (!stored) return false;
    group.busy.add(slot);
    try {
      const incoming: IncomingMessage = { topic, partition, offset: String(offset), ...stored };
      const outputs = await spec.process(incoming);
      // Outputs and commit in one synchronous step: see the invariant above.
      this.append(outputs);
      group.committed.set(slot, offset + 1);
      return true;
    } catch {
      await sleep(this.redeliveryDelayMs);
      return false;
    } finally {
      group.busy.delete(slot);
    }
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private waitForWork(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
