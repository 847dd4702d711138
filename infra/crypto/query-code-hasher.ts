/**
 * Query codes are stored as HMAC-SHA-256 under a key of the deployment (QUERY_CODE_KEY), not as
 * a plain hash: 80 random bits are already beyond guessing, and with a key a stolen table cannot
 * even be checked against a code found elsewhere. The key is never rotated (a code would no
 * longer find its report); it lives beside the reporter keys.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ConfigurationError } from '../../models/errors';

export class QueryCodeHasher {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new ConfigurationError('QUERY_CODE_KEY must be base64 of at least 32 bytes');
  }

  static withRandomKey(): QueryCodeHasher {
    return new QueryCodeHasher(randomBytes(32));
  }

  hash(queryCode: string): string {
    return createHmac('sha256', this.key).update(queryCode).digest('hex');
  }
}
