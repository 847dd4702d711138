/** The embedded default: everything in one process, no servers. */
import type { Embedder } from '../models/ports/embedder.port';
import { MemoryBus } from './bus/memory-bus';
import { HashingEmbedder } from './embedding/hashing-embedder';
import { MemoryLeadIndex } from './index/memory-lead-index';
import type { Adapters } from './pipeline';
import { JiebaSegmenter } from './segmentation/jieba-segmenter';
import { PgliteStore } from './store/pglite-store';

export interface EmbeddedAdapters extends Adapters {
  readonly bus: MemoryBus;
}

export interface EmbeddedOptions {
  readonly pgliteDataDir?: string;
  readonly partitions?: number;
  /** Default: the hashing fallback (tests); the mains pass the one openEmbedder chose. */
  readonly embedder?: Embedder;
}

export async function openEmbeddedAdapters(options: EmbeddedOptions = {}): Promise<EmbeddedAdapters> {
  return {
    bus: new MemoryBus({ partitions: options.partitions ?? 3 }),
    store: await PgliteStore.open(options.pgliteDataDir),
    index: new MemoryLeadIndex(),
    embedder: options.embedder ?? new HashingEmbedder(512),
    segmenter: new JiebaSegmenter(),
  };
}

export async function closeAdapters(adapters: Adapters): Promise<void> {
  await adapters.bus.close();
  await adapters.index.close();
  await adapters.store.close();
}
