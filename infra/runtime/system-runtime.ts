/** The real clock, ids and logger (pino: one JSON line per event on stderr, with the redaction list applied). */
import { randomBytes, randomUUID } from 'node:crypto';
import pino, { type DestinationStream } from 'pino';
import type { Clock, IdGenerator, Logger } from '../../models/ports/runtime.port';

export const systemClock: Clock = { now: () => new Date() };

export const systemIds: IdGenerator = {
  uuid: () => randomUUID(),
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Field names whose values are never written, at any depth: a reporter's identity and contact,
 * and credentials. Within a `reporter` object every field but `anonymous` is withheld too (its
 * `name` is the reporter's). Log calls name report and lead ids, never contents; this list is
 * the second line of defence.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'phone',
  'idNumber',
  'otherContact',
  'contact',
  'identity',
  'reporterName',
  'password',
  'totp',
  'token',
  'secret',
  'authorization',
  'queryCode',
]);
const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/** A copy of `value` with every redacted field replaced. */
export function redact(value: unknown, depth = 0, inReporter = false): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, inReporter));
  if (value instanceof Error) return { type: value.name, message: value.message };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (REDACTED_KEYS.has(k) || (inReporter && k !== 'anonymous')) out[k] = REDACTED;
    else out[k] = redact(v, depth + 1, k === 'reporter' && v !== null && typeof v === 'object');
  }
  return out;
}

export function jsonLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: redact(base) as Record<string, unknown>,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (fields) => redact(fields) as Record<string, unknown> },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return {
    info: (m, f) => logger.info(f ?? {}, m),
    warn: (m, f) => logger.warn(f ?? {}, m),
    error: (m, f) => logger.error(f ?? {}, m),
  };
}
