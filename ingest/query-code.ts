/**
 * Query codes (查询码): what a citizen keeps to follow a report. 80 random bits in Crockford
 * base32 (no I, L, O, U: nothing to misread), grouped for reading aloud: "XS-7KQ2-M9TD-4HNW-ZP3C".
 * Only a keyed hash is stored (HMAC-SHA-256, infra/crypto/query-code-hasher.ts), so a stolen table
 * cannot be searched for any code without the key.
 */
import type { IdGenerator } from '../models/ports/runtime.port';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_PATTERN = /^XS-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

export function newQueryCode(ids: IdGenerator): string {
  const bytes = ids.randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return `XS-${out.match(/.{4}/g)!.join('-')}`;
}

/** Accepts lower case and the usual misreadings (O→0, I/L→1). Returns undefined when malformed. */
export function canonicalQueryCode(input: string): string | undefined {
  const code = input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return CODE_PATTERN.test(code) ? code : undefined;
}
