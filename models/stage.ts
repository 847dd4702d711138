/** The one handler shape of every stage: a pure-ish function from an input message to an outcome. */
import type { XiansuoError } from './errors';
import type { OutgoingMessage } from './ports/bus.port';
import type { Clock, Logger } from './ports/runtime.port';

/** Outcomes are values: an expected "nothing to do" is never an exception. */
export type Outcome =
  | { readonly kind: 'emitted'; readonly messages: readonly OutgoingMessage[] }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: XiansuoError };

export interface StageContext {
  readonly logger: Logger;
  readonly clock: Clock;
  /** 1 on first delivery attempt within this worker. */
  readonly attempt: number;
}

export interface Stage<I> {
  readonly name: string;
  /** Consumer group: one per stage. */
  readonly group: string;
  readonly inputTopic: string;
  /** Checks the shape of a message; throws BadMessageError when it can never be processed. */
  parse(value: unknown): I;
  handle(input: I, context: StageContext): Promise<Outcome>;
}

export const emitted = (...messages: OutgoingMessage[]): Outcome => ({ kind: 'emitted', messages });
export const skipped = (reason: string): Outcome => ({ kind: 'skipped', reason });
export const failed = (error: XiansuoError): Outcome => ({ kind: 'failed', error });
