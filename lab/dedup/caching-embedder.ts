/**
 * An Embedder that remembers vectors by text (SHA-1 of the text), in memory: evaluation and
 * calibration embed the same texts again (a resubmission, the same question in two pairs), and
 * the real model is the slow part. One text per call to the inner embedder, so every vector is
 * the text's own (the bge model's vectors depend on their batch-mates).
 */
import { createHash } from 'node:crypto';
import type { Embedder } from '../../models/ports/embedder.port';

export class CachingEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly cache = new Map<string, number[]>();
  hits = 0;
  misses = 0;
  /** Milliseconds spent inside the inner embedder. */
  embedMs = 0;

  constructor(private readonly inner: Embedder) {
    this.id = inner.id;
    this.dimensions = inner.dimensions;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (const text of texts) {
      const key = createHash('sha1').update(text).digest('hex');
      let v = this.cache.get(key);
      if (v) this.hits++;
      else {
        const t = performance.now();
        [v] = await this.inner.embed([text]);
        this.embedMs += performance.now() - t;
        this.misses++;
        this.cache.set(key, v!);
      }
      out.push(v!);
    }
    return out;
  }
}
