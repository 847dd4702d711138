/**
 * Lexical features of a report for the category model: jieba tokens, character bigrams and a few
 * shape features (length, share of Chinese characters, repetition), hashed into a fixed number of
 * buckets (the "hashing trick": no vocabulary to store), sublinear term frequency (1 + ln tf),
 * L2-normalised. The same function serves training and inference, so a model and its features
 * can never drift apart; `FEATURE_VERSION` is stored in the model file and checked on load.
 */

export const FEATURE_VERSION = 'tok-bigram-shape-v2';
export const DEFAULT_HASH_BITS = 18;

/** A sparse vector: bucket indices (ascending, distinct) and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a namespace character and the UTF-16 code units of `s`. */
export function hashString(namespace: number, s: string): number {
  let h = Math.imul(FNV_OFFSET ^ namespace, FNV_PRIME);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function hashPair(namespace: number, a: number, b: number): number {
  let h = Math.imul(FNV_OFFSET ^ namespace, FNV_PRIME);
  h = Math.imul(h ^ a, FNV_PRIME);
  h = Math.imul(h ^ b, FNV_PRIME);
  return h >>> 0;
}

const NS_TOKEN = 0x77; // 'w'
const NS_BIGRAM = 0x62; // 'b'
const NS_SHAPE = 0x73; // 's'
const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;
const DIGITS = /^[0-9.,%]+$/;
const PUNCTUATION = new Set([...'，。、；：？！“”‘’（）《》【】…—·,.;:?!"\'()[]-~*/_'].map((c) => c.charCodeAt(0)));

/** Whitespace and punctuation: a bigram across them says nothing. */
function isSkipped(c: number): boolean {
  return c <= 32 || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) || PUNCTUATION.has(c);
}

const isCjk = (c: number) => c >= 0x3400 && c <= 0x9fff;

/** Coarse text-shape facts that separate floods, gibberish and one-liners (INVALID) from reports. */
function shapeFeatures(length: number, cjk: number, bigrams: number, distinctBigrams: number): string[] {
  const lengthBin = Math.min(9, Math.floor(Math.log2(1 + length)));
  const cjkShare = length ? cjk / length : 0;
  const repetition = bigrams ? distinctBigrams / bigrams : 1;
  return [
    `len${lengthBin}`,
    `cjk${cjkShare < 0.3 ? 'low' : cjkShare < 0.7 ? 'mid' : 'high'}`,
    `rep${repetition < 0.3 ? 'flood' : repetition < 0.6 ? 'high' : 'normal'}`,
  ];
}

/** Distinct values of a sorted array. */
function distinctCount(sorted: Int32Array): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/**
 * Features of one text. `tokens` are the segmenter's words for `text` (the pipeline already has
 * them); numbers are folded to one token and digits inside bigrams to 0, so amounts and dates do
 * not spread evidence over thousands of buckets.
 */
export function extractFeatures(tokens: readonly string[], text: string, hashBits = DEFAULT_HASH_BITS): SparseVector {
  const mask = (1 << hashBits) - 1;
  const bigramKeys = new Int32Array(Math.max(0, text.length - 1));
  let bigrams = 0;
  let cjk = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isCjk(c)) cjk++;
    if (isSkipped(c)) {
      prev = -1;
      continue;
    }
    if (c >= 48 && c <= 57) c = 48;
    if (prev >= 0) bigramKeys[bigrams++] = hashPair(NS_BIGRAM, prev, c) & mask;
    prev = c;
  }
  const sortedBigrams = bigramKeys.subarray(0, bigrams).sort();
  const keys: number[] = [];
  for (const t of tokens) if (!PUNCT_OR_SPACE.test(t)) keys.push(hashString(NS_TOKEN, DIGITS.test(t) ? '<num>' : t) & mask);
  for (const s of shapeFeatures(text.length, cjk, bigrams, distinctCount(sortedBigrams))) keys.push(hashString(NS_SHAPE, s) & mask);
  const all = new Int32Array(keys.length + bigrams);
  all.set(keys);
  all.set(sortedBigrams, keys.length);
  return toUnitVector(all.sort());
}

/** Sorted bucket ids (with repeats) to a unit vector of sublinear counts. */
function toUnitVector(sorted: Int32Array): SparseVector {
  const n = distinctCount(sorted);
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let norm = 0;
  for (let i = 0, j = -1; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) indices[++j] = sorted[i]!, values[j] = 1;
    else values[j]! += 1;
  }
  for (let j = 0; j < n; j++) {
    const v = 1 + Math.log(values[j]!);
    values[j] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < n; j++) values[j]! *= scale;
  return { indices, values };
}
