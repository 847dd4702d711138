/**
 * Query codes (查询码) as a citizen types them: 80 random bits in Crockford base32 (16
 * characters; no I, L, O, U) and, since codes carry one, a check character over the same
 * alphabet: "XS-7KQ2-M9TD-4HNW-ZP3C-R". Shared by the intake (which issues and looks codes up)
 * and its pages (which tell the reporter at once that a code is mistyped).
 *
 * The check is Damm's algorithm over the quasigroup x∘y = 2·x ⊕ y of GF(32) (modulus x⁵+x²+1):
 * totally anti-symmetric because 2 ≠ 1, so every single wrong character and every swap of two
 * different neighbours (the check character included) leaves a non-zero interim: caught.
 * Codes issued before the check character (16 characters) are still accepted as they are.
 */

export const QUERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const QUERY_CODE_DATA_CHARS = 16;

/** Multiplication by 2 (the polynomial x) in GF(2⁵) with modulus x⁵ + x² + 1. */
function times2(v: number): number {
  const shifted = v << 1;
  return shifted & 0b100000 ? (shifted ^ 0b100101) & 31 : shifted;
}

/** Damm interim over symbol values: 0 for a sequence that ends in its own check character. */
function interim(values: readonly number[]): number {
  return values.reduce((acc, v) => times2(acc) ^ v, 0);
}

/** The check character of 16 data characters (upper case, from the alphabet). */
export function checkCharacter(data: string): string {
  const values = [...data].map((c) => QUERY_CODE_ALPHABET.indexOf(c));
  // The check k must bring the interim to zero: 2·i ⊕ k = 0, so k = 2·i.
  return QUERY_CODE_ALPHABET[times2(interim(values))]!;
}

/** Groups 16 data characters (and the check character) for reading aloud: XS-XXXX-XXXX-XXXX-XXXX[-C]. */
export function formatQueryCode(chars: string): string {
  const groups = chars.slice(0, QUERY_CODE_DATA_CHARS).match(/.{4}/g)!;
  return `XS-${groups.join('-')}${chars.length > QUERY_CODE_DATA_CHARS ? `-${chars.slice(QUERY_CODE_DATA_CHARS)}` : ''}`;
}

export type QueryCodeReading =
  | { readonly ok: true; readonly code: string; readonly checked: boolean }
  | { readonly ok: false; readonly problem: 'malformed' | 'mistyped'; readonly message: string };

/**
 * Reads what a citizen typed: any case, with or without dashes and spaces, the usual misreadings
 * mended (O→0, I/L→1). A 17-character code whose check fails is "mistyped" (a wrong or swapped
 * character); anything else not a code is "malformed". The code returned is the canonical form.
 */
export function readQueryCode(input: string): QueryCodeReading {
  const separated = /^\s*XS[\s\-‐‑–—_]/i.test(input);
  const bare = input.toUpperCase().replace(/[\s\-‐‑–—_]/g, '');
  // The prefix may be typed glued to the code, or left out: glued, it goes when what follows has a code's length.
  const unprefixed = separated || (bare.length > QUERY_CODE_DATA_CHARS + 1 && bare.startsWith('XS')) ? bare.slice(2) : bare;
  const chars = unprefixed.replace(/O/g, '0').replace(/[IL]/g, '1');
  const valid = [...chars].every((c) => QUERY_CODE_ALPHABET.includes(c));
  if (!valid || (chars.length !== QUERY_CODE_DATA_CHARS && chars.length !== QUERY_CODE_DATA_CHARS + 1)) {
    return { ok: false, problem: 'malformed', message: '查询码格式不正确，应为 XS-XXXX-XXXX-XXXX-XXXX-X（17 位字母或数字）' };
  }
  if (chars.length === QUERY_CODE_DATA_CHARS) return { ok: true, code: formatQueryCode(chars), checked: false };
  if (interim([...chars].map((c) => QUERY_CODE_ALPHABET.indexOf(c))) !== 0) {
    return { ok: false, problem: 'mistyped', message: '查询码有误：可能输错了某个字符，或把相邻两个字符颠倒了，请逐字核对' };
  }
  return { ok: true, code: formatQueryCode(chars), checked: true };
}
