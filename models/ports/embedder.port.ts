/** Turns texts into L2-normalised vectors. */
export interface Embedder {
  /** Stable identifier, recorded per lead: e.g. "hash-ngram-v1-512" or "bge-small-zh-v1.5-q". */
  readonly id: string;
  readonly dimensions: number;
  /** One vector per text, in order; each has unit length. */
  embed(texts: readonly string[]): Promise<number[][]>;
}
