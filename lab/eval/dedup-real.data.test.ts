/**
 * Needs ../shared/data (the data tier: npm run test:data) and reads lab/labels/pairs.jsonl. The
 * board messages are screened with the embedder the pipeline would use (the model when fetched;
 * vectors kept in .cache/embeddings, so only a first run embeds: minutes on two cores).
 */
import { runInThisContext } from 'node:vm';
import { openEmbedder } from '../../infra/embedding/open-embedder';
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { shippedPairParams, shippedScreeningModel } from '../../infra/trained-params';
import { scoreFeatures } from '../../dedup/pairs/scorer';
import { Gazetteer } from '../../screening/gazetteer';
import { SHARED_DATA_DIR } from '../data/shared-data';
import { CachingEmbedder, embeddingCacheFile } from '../dedup/caching-embedder';
import { rocAuc } from '../dedup/metrics';
import { loadBoard } from './dedup-real';

/**
 * Jest runs this file in its own vm realm while onnxruntime-node returns arrays of Node's main
 * realm ("A float32 tensor's data must be type of function Float32Array()"): give this realm the
 * host's typed-array constructors before the model is loaded (as infra/embedding/bge-embedder.int.test.ts).
 */
for (const name of ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']) {
  (globalThis as Record<string, unknown>)[name] = runInThisContext(name);
}

describe("the pair scorer on the team's real labelled board pairs", () => {
  it('ranks duplicates at least as well as its own cosine does (AUC)', async () => {
    const opened = await openEmbedder('auto', { info: () => {}, warn: () => {}, error: () => {} });
    const embedder = opened instanceof HashingEmbedder ? opened : new CachingEmbedder(opened, embeddingCacheFile(opened.id));
    const board = await loadBoard(SHARED_DATA_DIR, { segmenter: new JiebaSegmenter(), embedder, gazetteer: Gazetteer.default(), classifier: shippedScreeningModel() }, 0);
    expect(board).not.toBeNull();
    const params = shippedPairParams(embedder.id);
    expect(params).not.toBeNull();
    const pairs = board!.labelled;
    expect(pairs.filter((p) => p.label === 'duplicate').length).toBeGreaterThanOrEqual(120);
    const truth = pairs.map((p) => p.label === 'duplicate');
    const scorer = rocAuc(pairs.map((p) => scoreFeatures(p.features, params!).probability), truth);
    const cosine = rocAuc(pairs.map((p) => p.features.cosine ?? 0), truth);
    expect(scorer).toBeGreaterThanOrEqual(cosine);
  }, 30 * 60_000);
});
