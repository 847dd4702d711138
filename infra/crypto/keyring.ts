/**
 * Where the keys come from. Production: the environment (REPORTER_KEY, REPORTER_PREVIOUS_KEYS,
 * QUERY_CODE_KEY; required in cluster mode). Embedded with a data directory and no keys in the
 * environment: a keyring file beside the data (`<PGLITE_DATA_DIR>.keys.json`, mode 0600), created
 * on first start, so a restart still opens what the last run sealed. Embedded in memory: random
 * keys for the life of the process (nothing outlives it anyway).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ConfigurationError } from '../../models/errors';
import type { Logger } from '../../models/ports/runtime.port';
import type { ReporterKeys } from './identity-sealer';

export interface Keys {
  readonly reporter: ReporterKeys;
  readonly queryCode: Buffer;
  readonly source: 'environment' | 'keyring file' | 'random (this process only)';
}

interface KeyringFile {
  /** base64, newest (current) first. */
  readonly reporterKeys: readonly string[];
  readonly queryCodeKey: string;
}

export interface KeySettings {
  readonly reporterKey?: Buffer;
  readonly reporterPreviousKeys?: readonly Buffer[];
  readonly queryCodeKey?: Buffer;
  readonly keyringFile?: string;
}

function readKeyring(path: string): KeyringFile {
  try {
    const ring = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
    if (!Array.isArray(ring.reporterKeys) || ring.reporterKeys.length === 0 || typeof ring.queryCodeKey !== 'string') throw new Error('missing keys');
    return ring;
  } catch (error) {
    throw new ConfigurationError(`keyring file ${path} is unreadable: ${(error as Error).message}`);
  }
}

function writeKeyring(path: string, ring: KeyringFile): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

const fromRing = (ring: KeyringFile): Pick<Keys, 'reporter' | 'queryCode'> => {
  const [current, ...previous] = ring.reporterKeys.map((k) => Buffer.from(k, 'base64'));
  return { reporter: { current: current!, previous }, queryCode: Buffer.from(ring.queryCodeKey, 'base64') };
};

export function resolveKeys(settings: KeySettings, logger: Logger): Keys {
  if (settings.reporterKey) {
    if (!settings.queryCodeKey) throw new ConfigurationError('QUERY_CODE_KEY is required with REPORTER_KEY (openssl rand -base64 32)');
    return { reporter: { current: settings.reporterKey, previous: settings.reporterPreviousKeys ?? [] }, queryCode: settings.queryCodeKey, source: 'environment' };
  }
  if (settings.keyringFile) {
    if (!existsSync(settings.keyringFile)) {
      writeKeyring(settings.keyringFile, { reporterKeys: [randomBytes(32).toString('base64')], queryCodeKey: randomBytes(32).toString('base64') });
      logger.warn('created a keyring file for the embedded data directory: back it up with the data', { keyringFile: settings.keyringFile });
    }
    return { ...fromRing(readKeyring(settings.keyringFile)), source: 'keyring file' };
  }
  logger.warn('no REPORTER_KEY and no data directory: reporter identities and query codes use random keys of this process');
  return { reporter: { current: randomBytes(32) }, queryCode: randomBytes(32), source: 'random (this process only)' };
}

/** Adds a new current reporter key to the keyring file (the old ones stay, to open what they sealed). */
export function addKeyToKeyring(path: string): ReporterKeys {
  const ring = readKeyring(path);
  const next: KeyringFile = { ...ring, reporterKeys: [randomBytes(32).toString('base64'), ...ring.reporterKeys] };
  writeKeyring(path, next);
  return fromRing(next).reporter;
}
