/**
 * Query codes (查询码): what a citizen keeps to follow a report. 80 random bits in Crockford
 * base32 (no I, L, O, U: nothing to misread) and a check character (models/query-code.ts),
 * grouped for reading aloud: "XS-7KQ2-M9TD-4HNW-ZP3C-R". Only a keyed hash is stored (HMAC-SHA-256,
 * infra/crypto/query-code-hasher.ts), so a stolen table cannot be searched for any code without
 * the key. The hash covers the 16 random characters only, so a code issued before the check
 * character existed is found whether or not it is typed with one.
 */
import type { IdGenerator } from '../models/ports/runtime.port';
import { checkCharacter, formatQueryCode, QUERY_CODE_ALPHABET, readQueryCode, type QueryCodeReading } from '../models/query-code';

export function newQueryCode(ids: IdGenerator): string {
  const bytes = ids.randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += QUERY_CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return formatQueryCode(out + checkCharacter(out));
}

/** What is hashed and stored: the code without its check character, as codes were before it. */
export function hashedPart(canonicalCode: string): string {
  return canonicalCode.slice(0, 'XS-XXXX-XXXX-XXXX-XXXX'.length);
}

/** Reads a typed code (see models/query-code.ts): canonical, or why not. */
export function parseQueryCode(input: string): QueryCodeReading {
  return readQueryCode(input);
}

/** Accepts lower case and the usual misreadings (O→0, I/L→1). Returns undefined when malformed or mistyped. */
export function canonicalQueryCode(input: string): string | undefined {
  const reading = readQueryCode(input);
  return reading.ok ? reading.code : undefined;
}
