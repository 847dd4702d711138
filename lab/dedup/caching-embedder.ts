/**
 * An Embedder that remembers vectors by text (SHA-1 of the text): evaluation, calibration and
 * training embed the same texts again and again, and the real model is the slow part. In memory
 * always; on disk too when given a file (`.cache/embeddings/<embedder>.jsonl`, one line per text:
 * key and base64 float32 vector), so a second run of `npm run train` or `npm run eval` embeds
 * nothing it has embedded before. One text per call to the inner embedder, so every vector is the
 * text's own (the bge model's vectors depend on their batch-mates).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Embedder } from '../../models/ports/embedder.port';

/** Where vectors are kept between runs: the repository's .cache (never committed). */
export const EMBEDDING_CACHE_DIR = resolve(__dirname, '..', '..', '.cache', 'embeddings');

export function embeddingCacheFile(embedderId: string): string {
  return join(EMBEDDING_CACHE_DIR, `${embedderId.replace(/[^\w.-]/g, '_')}.jsonl`);
}

export class CachingEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly cache = new Map<string, number[]>();
  hits = 0;
  misses = 0;
  /** Milliseconds spent inside the inner embedder. */
  embedMs = 0;

  /** `file`: keep vectors on disk across runs (read now, appended as they are computed). */
  constructor(
    private readonly inner: Embedder,
    private readonly file?: string,
  ) {
    this.id = inner.id;
    this.dimensions = inner.dimensions;
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { k, v } = JSON.parse(line) as { k: string; v: string };
          const bytes = Buffer.from(v, 'base64');
          this.cache.set(k, Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)));
        } catch {
          // A line cut short by an interrupted run: the text is embedded again.
        }
      }
    }
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
        // On disk as float32, and so in memory too: a vector is the same whether computed or read back.
        if (this.file) v = Array.from(Float32Array.from(v!));
        this.cache.set(key, v!);
        if (this.file) {
          mkdirSync(dirname(this.file), { recursive: true });
          appendFileSync(this.file, `${JSON.stringify({ k: key, v: Buffer.from(Float32Array.from(v!).buffer).toString('base64') })}\n`);
        }
      }
      out.push(v!);
    }
    return out;
  }
}
