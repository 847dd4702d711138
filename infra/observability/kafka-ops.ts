/**
 * What operators ask Kafka about the pipeline, through an admin client of its own (so the bus
 * stays untouched): consumer lag per stage and partition, and whether the cluster answers.
 * Lag is the partition's end offset minus the group's committed offset. Topics written by the
 * stages' transactional producers end with a commit marker, so an idle partition of
 * `reports.screened` or `reports.deduped` can show a lag of 1: the marker, not a message.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { GROUPS, TOPICS } from '../../models/topics';
import type { PartitionLag } from './metrics';

/** Each stage's consumer group and input topic. */
export const STAGE_INPUTS = [
  { stage: 'screening', group: GROUPS.screening, topic: TOPICS.received },
  { stage: 'dedup', group: GROUPS.dedup, topic: TOPICS.screened },
  { stage: 'routing', group: GROUPS.routing, topic: TOPICS.deduped },
] as const;

export class KafkaOps {
  private connected?: Promise<void>;
  private readonly admin: Admin;

  constructor(
    brokers: readonly string[],
    private readonly namespace: string,
  ) {
    const kafka = new Kafka({ clientId: 'xiansuo-ops', brokers: [...brokers], logLevel: logLevel.NOTHING, connectionTimeout: 2_000, requestTimeout: 5_000, retry: { retries: 1, initialRetryTime: 200 } });
    this.admin = kafka.admin();
  }

  private async ready(): Promise<Admin> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    return this.admin;
  }

  /** Throws when no broker answers. */
  async ping(): Promise<void> {
    await (await this.ready()).describeCluster();
  }

  async lag(): Promise<PartitionLag[]> {
    const admin = await this.ready();
    const out: PartitionLag[] = [];
    for (const { stage, group, topic } of STAGE_INPUTS) {
      const name = this.namespace + topic;
      // One stage's topic or group that cannot be read (not created yet) never hides the others' lag.
      const read = await Promise.all([admin.fetchTopicOffsets(name), admin.fetchOffsets({ groupId: this.namespace + group, topics: [name] })]).catch(() => null);
      if (!read) continue;
      const [ends, [committed]] = read;
      const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      for (const end of ends) {
        const done = at.get(end.partition) ?? -1n;
        const start = BigInt(end.low);
        const lag = BigInt(end.high) - (done < 0n ? start : done);
        out.push({ stage, partition: end.partition, lag: Number(lag < 0n ? 0n : lag) });
      }
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }
}
