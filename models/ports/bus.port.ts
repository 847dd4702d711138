/** The message bus: Kafka in production, an in-process bus in the embedded default. */

export interface OutgoingMessage {
  readonly topic: string;
  /** Partitioning and idempotency key: the report id. */
  readonly key: string;
  readonly value: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Turns one incoming message into the messages to publish. Throwing means "not processed":
 * the message is delivered again (the worker has died or cannot go on).
 */
export type ProcessFn = (message: IncomingMessage) => Promise<readonly OutgoingMessage[]>;

export interface ConsumeSpec {
  /** Consumer group: members share the partitions, each message goes to one member. */
  readonly group: string;
  readonly topics: readonly string[];
  readonly process: ProcessFn;
}

export interface Subscription {
  /** Stops fetching, lets the in-flight message finish and commit, then leaves the group. */
  stop(): Promise<void>;
  /** Partitions this member holds now (0 while rebalancing or after a crash); absent: the bus cannot tell. */
  assignedPartitions?(): number;
}

export interface Bus {
  /** Publishes durably; resolves once the bus has accepted every message. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * Consumes at least once. The outputs of `process` and the acknowledgement of its input are
   * committed together (a Kafka transaction in production): a crash before the commit replays
   * the input and discards its outputs, so each input's outputs are published exactly once.
   */
  consume(spec: ConsumeSpec): Promise<Subscription>;
  close(): Promise<void>;
}
