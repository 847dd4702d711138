/**
 * What each stage has handled, and through which message. The report id (the message key) is the
 * idempotency key: a second copy of a report reaching a stage (the outbox published it twice, an
 * operator replayed a topic) is recognised and emits nothing, so at-least-once delivery upstream
 * never becomes a second lead downstream.
 *
 * The message that handled a report is recorded, not only the report: when that same message is
 * delivered again its outputs were never committed (its transaction was aborted, its worker died
 * before the commit), so it must be handled again, or the report would be lost.
 */

/** `first`: recorded now; `again`: this same message handled it before; `copy`: another message did. */
export type HandledClaim = 'first' | 'again' | 'copy';

export interface HandledMessages {
  /**
   * Records that `stage` handles report `key` through the message at `delivery`
   * ("topic/partition/offset"), unless a message handled it already; says which case it is.
   */
  claim(stage: string, key: string, delivery: string, at: Date): Promise<HandledClaim>;
}
