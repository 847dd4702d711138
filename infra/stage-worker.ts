/**
 * Runs a stage on the bus: consume its input topic in its group, call the handler, publish what
 * it emits. Error policy, decided here once:
 * - BAD_MESSAGE (and any non-retryable error): straight to `reports.dead` with the error.
 * - an unknown throw: retried `maxAttempts` times with backoff, then to `reports.dead`.
 * - DEPENDENCY_UNAVAILABLE: retried with capped backoff for as long as it takes; the message is
 *   never dead-lettered for a service being down, and its offset is not committed meanwhile.
 * The outputs and the input's commit are atomic (see the Bus port), so nothing is lost or doubled.
 *
 * Copies: before the handler runs, the stage claims the report key for this message in
 * `handled` (models/ports/handled-messages.port.ts). A copy of a report that another message
 * already handled is skipped, emitting nothing; the same message delivered again is handled
 * again (its earlier outputs were never committed). A message without a key is never a copy.
 */
import { coerceError, type XiansuoError } from '../models/errors';
import type { DeadLetter } from '../models/messages';
import type { Bus, IncomingMessage, OutgoingMessage, Subscription } from '../models/ports/bus.port';
import type { HandledMessages } from '../models/ports/handled-messages.port';
import type { Clock, Logger } from '../models/ports/runtime.port';
import type { Outcome, Stage } from '../models/stage';
import { TOPICS } from '../models/topics';

export interface WorkerOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  /** The stages' record of handled reports; absent, copies are not recognised (error-policy tests only). */
  readonly handled?: HandledMessages;
  readonly maxAttempts?: number;
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

export function runStage<I>(bus: Bus, stage: Stage<I>, options: WorkerOptions): Promise<Subscription> {
  return bus.consume({ group: stage.group, topics: [stage.inputTopic], process: (m) => processMessage(stage, m, options) });
}

export async function processMessage<I>(stage: Stage<I>, message: IncomingMessage, options: WorkerOptions): Promise<readonly OutgoingMessage[]> {
  const maxAttempts = options.maxAttempts ?? 3;
  const base = options.backoffMs ?? 100;
  const cap = options.maxBackoffMs ?? 10_000;
  if (options.handled && message.key) {
    const delivery = `${message.topic}/${message.partition}/${message.offset}`;
    const claim = await options.handled.claim(stage.name, message.key, delivery, options.clock.now());
    if (claim === 'copy') {
      options.logger.info('copy of a handled report skipped', { stage: stage.name, key: message.key, delivery });
      return [];
    }
  }
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(stage, message, options, attempt);
    if (outcome.kind === 'emitted') return outcome.messages;
    if (outcome.kind === 'skipped') {
      options.logger.info('message skipped', { stage: stage.name, key: message.key, reason: outcome.reason });
      return [];
    }
    const error = outcome.error;
    const giveUp = retryPolicy(error) === 'dead-letter' || (retryPolicy(error) === 'bounded' && attempt >= maxAttempts);
    options.logger.warn(giveUp ? 'message dead-lettered' : 'message failed, will retry', {
      stage: stage.name,
      key: message.key,
      attempt,
      code: error.code,
      error: error.message,
    });
    if (giveUp) return [deadLetter(stage, message, error, attempt, options.clock)];
    await sleep(Math.min(cap, base * 2 ** (attempt - 1)));
  }
}

/** Unknown throws may be transient: a few retries. A service down: wait for it. The rest: dead letter. */
function retryPolicy(error: XiansuoError): 'dead-letter' | 'bounded' | 'unbounded' {
  if (error.code === 'DEPENDENCY_UNAVAILABLE') return 'unbounded';
  return error.code === 'INTERNAL' || error.retryable ? 'bounded' : 'dead-letter';
}

async function attemptOnce<I>(stage: Stage<I>, message: IncomingMessage, options: WorkerOptions, attempt: number): Promise<Outcome> {
  try {
    const input = stage.parse(message.value);
    return await stage.handle(input, { logger: options.logger, clock: options.clock, attempt });
  } catch (error) {
    return { kind: 'failed', error: coerceError(error) };
  }
}

function deadLetter<I>(stage: Stage<I>, message: IncomingMessage, error: XiansuoError, attempts: number, clock: Clock): OutgoingMessage {
  const value: DeadLetter = {
    topic: message.topic,
    group: stage.group,
    key: message.key,
    value: message.value,
    error: { code: error.code, message: error.message },
    attempts,
    failedAt: clock.now().toISOString(),
  };
  return { topic: TOPICS.dead, key: message.key, value, headers: { 'x-error-code': error.code } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
