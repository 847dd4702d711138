/**
 * The documented fallback embedder: character n-grams (1–3) hashed into a fixed number of
 * dimensions with a sign bit (the "hashing trick"), sublinear term frequency, L2-normalised.
 * Deterministic and model-free: it captures shared wording, not meaning, so paraphrases that
 * share few characters score low. The pipeline says when it runs on this embedder.
 */
import type { Embedder } from '../../models/ports/embedder.port';

export class HashingEmbedder implements Embedder {
  readonly id: string;

  constructor(readonly dimensions = 512) {
    this.id = `hash-ngram-v1-${dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): number[] {
    const chars = [...text.replace(/[\s\p{P}\p{S}]+/gu, '')];
    const counts = new Map<number, number>();
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const h = fnv1a(chars.slice(i, i + n).join(''));
        // Longer n-grams carry more of the wording: weight them up.
        counts.set(h, (counts.get(h) ?? 0) + n);
      }
    }
    const v = new Array<number>(this.dimensions).fill(0);
    for (const [h, c] of counts) {
      const sign = h & 0x80000000 ? -1 : 1;
      v[h % this.dimensions]! += sign * (1 + Math.log(c));
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return norm === 0 ? v : v.map((x) => x / norm);
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
