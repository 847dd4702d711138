/**
 * Seals a reporter's identity with AES-256-GCM before it is stored. Only this module and the
 * roles allowed to open it ever see the clear text; it is never logged nor put on the bus.
 *
 * Format "v2.<keyId>.<iv>.<tag>.<ciphertext>" (base64url parts): a 96-bit random IV, a 128-bit
 * tag (its length is checked before decrypting: GCM would otherwise accept a truncated tag), and
 * the report id, the version and the key id as associated data, so a sealed identity copied onto
 * another report's row does not open. The key id names the key in the keyring, so keys rotate
 * (`npm run keys -- rotate`). "v1" (no key id, no associated data) still opens, for rotation.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ConfigurationError, DataCorruptError } from '../../models/errors';
import type { ReporterIdentity } from '../../models/report';

export type { ReporterIdentity };

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key's public name: derived from the key, reveals nothing of it, the same in every process. */
export function reporterKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('xiansuo reporter key id').digest('hex').slice(0, 16);
}

export interface ReporterKeys {
  /** Seals everything new. */
  readonly current: Buffer;
  /** Older keys, still opening what they sealed until `keys rotate` re-seals it. */
  readonly previous?: readonly Buffer[];
}

export class IdentitySealer {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(keys: ReporterKeys | Buffer) {
    const { current, previous = [] } = Buffer.isBuffer(keys) ? { current: keys } : keys;
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new ConfigurationError('reporter keys must be 32 bytes (base64 in REPORTER_KEY)');
      this.keys.set(reporterKeyId(key), key);
    }
    this.currentKeyId = reporterKeyId(current);
  }

  static withRandomKey(): IdentitySealer {
    return new IdentitySealer(randomBytes(32));
  }

  /** Ids of every key this sealer can open with. */
  keyIds(): string[] {
    return [...this.keys.keys()];
  }

  seal(reportId: string, identity: ReporterIdentity): { sealed: string; keyId: string } {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(reportId, keyId));
    const body = Buffer.concat([cipher.update(JSON.stringify(identity), 'utf8'), cipher.final()]);
    const sealed = ['v2', keyId, ...[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
    return { sealed, keyId };
  }

  /** The key id inside a sealed text ("v1" texts have none). */
  static keyIdOf(sealed: string): string | undefined {
    const [version, keyId] = sealed.split('.');
    return version === 'v2' ? keyId : undefined;
  }

  open(reportId: string, sealed: string): ReporterIdentity {
    const parts = sealed.split('.');
    if (parts[0] === 'v1' && parts.length === 4) return this.openV1(parts as [string, string, string, string]);
    const [version, keyId, iv, tag, body] = parts;
    if (version !== 'v2' || parts.length !== 5 || !keyId || !iv || !tag || body === undefined) throw new DataCorruptError('unknown sealed identity format');
    const key = this.keys.get(keyId);
    if (!key) throw new DataCorruptError(`sealed with key ${keyId}, which is not in the keyring (REPORTER_KEY, REPORTER_PREVIOUS_KEYS)`);
    return decrypt(key, Buffer.from(iv, 'base64url'), Buffer.from(tag, 'base64url'), Buffer.from(body, 'base64url'), associatedData(reportId, keyId));
  }

  /** Legacy rows: no key id, so every key is tried. */
  private openV1([, iv, tag, body]: [string, string, string, string]): ReporterIdentity {
    for (const key of this.keys.values()) {
      try {
        return decrypt(key, Buffer.from(iv, 'base64url'), Buffer.from(tag, 'base64url'), Buffer.from(body, 'base64url'));
      } catch {
        // the next key
      }
    }
    throw new DataCorruptError('no key in the keyring opens this v1 sealed identity');
  }
}

function associatedData(reportId: string, keyId: string): Buffer {
  return Buffer.from(`xiansuo reporter identity v2|${reportId.toLowerCase()}|${keyId}`, 'utf8');
}

function decrypt(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad?: Buffer): ReporterIdentity {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DataCorruptError('sealed identity has a wrong IV or tag length');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const clear = Buffer.concat([decipher.update(body), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as ReporterIdentity;
  } catch {
    throw new DataCorruptError('sealed identity does not open: wrong key, wrong report, or altered');
  }
}
