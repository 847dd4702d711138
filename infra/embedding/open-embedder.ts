/**
 * Chooses the embedder: the real model (bge-small-zh-v1.5) when its files are present, otherwise
 * the documented hashing fallback — and says so, because dedup quality depends on it.
 */
import type { Embedder } from '../../models/ports/embedder.port';
import type { Logger } from '../../models/ports/runtime.port';
import { BgeEmbedder } from './bge-embedder';
import { HashingEmbedder } from './hashing-embedder';

export type EmbedderChoice = 'auto' | 'bge' | 'hash';

export async function openEmbedder(choice: EmbedderChoice, logger: Logger, modelDir?: string): Promise<Embedder> {
  if (choice === 'hash') return new HashingEmbedder(512);
  if (choice === 'bge') return modelDir ? BgeEmbedder.open(modelDir) : BgeEmbedder.open();
  const bge = modelDir ? await BgeEmbedder.tryOpen(modelDir) : await BgeEmbedder.tryOpen();
  if (bge) return bge;
  logger.warn('embedding model not found: running on the hashing fallback (fetch it with npm run model:fetch)', {
    embedder: 'hash-ngram-v1-512',
  });
  return new HashingEmbedder(512);
}

export function describeEmbedder(embedder: Embedder): string {
  return embedder instanceof HashingEmbedder
    ? `${embedder.id} — the documented fallback (character n-gram hashing); no sentence-embedding model is loaded (npm run model:fetch)`
    : `${embedder.id} — Chinese sentence-embedding model (${embedder.dimensions} dimensions)`;
}
