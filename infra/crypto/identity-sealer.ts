/**
 * Seals a reporter's identity with AES-256-GCM before it is stored. Only this module and the
 * roles allowed to open it ever see the clear text; it is never logged nor put on the bus.
 * Format: "v1.<iv>.<tag>.<ciphertext>", base64url parts.
 */
import { ConfigurationError, DataCorruptError } from '../../models/errors';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Reporter } from '../../models/report';

export type ReporterIdentity = Omit<Reporter, 'anonymous'>;

export class IdentitySealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new ConfigurationError('reporter key must be 32 bytes (base64 in REPORTER_KEY)');
  }

  static withRandomKey(): IdentitySealer {
    return new IdentitySealer(randomBytes(32));
  }

  seal(identity: ReporterIdentity): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(identity), 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): ReporterIdentity {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new DataCorruptError('unknown sealed identity format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const clear = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as ReporterIdentity;
  }
}
