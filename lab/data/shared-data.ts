/**
 * Where the team's real data lives: `../shared/data` beside the checkout (never copied into the
 * repository; a user's checkout has none, and everything must work without it). Every offline
 * command takes `--shared DIR` to point elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DATA_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'data');

export function hasSharedData(dir: string = SHARED_DATA_DIR): boolean {
  return existsSync(dir);
}

/** Reads a JSON Lines file: one object per non-empty line. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
