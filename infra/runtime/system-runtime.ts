/** The real clock, ids and logger (JSON lines on stderr). */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, IdGenerator, Logger } from '../../models/ports/runtime.port';

export const systemClock: Clock = { now: () => new Date() };

export const systemIds: IdGenerator = {
  uuid: () => randomUUID(),
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export function jsonLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}): Logger {
  const write = (l: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (RANK[l] < RANK[level]) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: l, message, ...base, ...fields })}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
