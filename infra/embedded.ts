/** The embedded default: everything in one process, no servers. */
import { MemoryBus } from './bus/memory-bus';
import { HashingEmbedder } from './embedding/hashing-embedder';
import { MemoryLeadIndex } from './index/memory-lead-index';
import type { Adapters } from './pipeline';
import { JiebaSegmenter } from './segmentation/jieba-segmenter';
import { PgliteStore } from './store/pglite-store';

export interface EmbeddedAdapters extends Adapters {
  readonly bus: MemoryBus;
}

export async function openEmbeddedAdapters(options: { pgliteDataDir?: string; partitions?: number } = {}): Promise<EmbeddedAdapters> {
  return {
    bus: new MemoryBus({ partitions: options.partitions ?? 3 }),
    store: await PgliteStore.open(options.pgliteDataDir),
    index: new MemoryLeadIndex(),
    embedder: new HashingEmbedder(512),
    segmenter: new JiebaSegmenter(),
  };
}

export async function closeAdapters(adapters: Adapters): Promise<void> {
  await adapters.bus.close();
  await adapters.index.close();
  await adapters.store.close();
}
