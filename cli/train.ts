/**
 * npm run train [-- --data DIR] [--out FILE] [--per-seed N] [--generator-only] [--embedder auto|bge|hash] [--labels-database URL]
 *
 * Trains the screening model (screening/classifier/) and writes trained/screening-model.json: a
 * part for the bge-small-zh embedder (when the model is fetched: its vectors, the categories'
 * prototypes and the concepts) and an embedder-free part (lexical features and concepts) for any
 * other embedder. Data (lab/classifier/corpus.ts): the generator, and when DIR (default
 * ../shared/data) exists, the court cases, the team's labelled board messages and the board's
 * weak negatives; with --labels-database, the analysts' corrections stored by a deployment. The
 * court cases' held-out part is never read here. Real-text figures: `npm run eval -- screening`.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openEmbedder, type EmbedderChoice } from '../infra/embedding/open-embedder';
import { HashingEmbedder } from '../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { jsonLogger } from '../infra/runtime/system-runtime';
import { SCREENING_MODEL_PATH } from '../infra/trained-params';
import { buildCorpus, countBySource, preparePool, prototypeVectors } from '../lab/classifier/corpus';
import { TRAIN_SEEDS } from '../lab/classifier/datasets';
import { readAnalystLabels } from '../lab/classifier/analyst-labels';
import { DEFAULT_PRUNE, encodeModelFile } from '../lab/classifier/model-writer';
import { trainModelPart } from '../lab/classifier/train-part';
import { DEFAULT_TRAINING, partSpecs } from '../lab/classifier/training';
import { CachingEmbedder, embeddingCacheFile } from '../lab/dedup/caching-embedder';
import { SHARED_DATA_DIR } from '../lab/data/shared-data';
import type { ModelPart } from '../screening/classifier/screening-model';
import { ANY_EMBEDDER } from '../screening/classifier/screening-model';
import { runCommand } from './command';
import { COMMANDS } from './commands';
import { parseFlags } from './flags';

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), { data: SHARED_DATA_DIR, out: SCREENING_MODEL_PATH, perSeed: 600, generatorOnly: false, embedder: 'auto', labelsDatabase: '' });
  const t0 = performance.now();
  const analystLabels = flags.labelsDatabase ? await readAnalystLabels(flags.labelsDatabase) : undefined;
  const corpus = buildCorpus({ dataDir: flags.data, perSeed: flags.perSeed, generatorOnly: flags.generatorOnly, ...(analystLabels ? { analystLabels } : {}) });
  if (!corpus.shared) console.log(`no shared data at ${flags.data}${flags.generatorOnly ? ' (--generator-only)' : ''}: training on the generator alone (do not commit this model: on real text it collapses)`);
  console.log(`data: ${corpus.records.length} records ${JSON.stringify(countBySource(corpus.records))} (generator seeds ${TRAIN_SEEDS.join(',')} × ${flags.perSeed})`);
  const segmenter = new JiebaSegmenter();
  const parts: ModelPart[] = [];
  const train = (id: string, pool: Awaited<ReturnType<typeof preparePool>>, specs: ReturnType<typeof partSpecs>): void => {
    const t = performance.now();
    const part = trainModelPart(id, pool, specs, DEFAULT_TRAINING);
    parts.push(part);
    console.log(`part ${id}: scope threshold ${part.threshold.toFixed(4)} (keeps ${DEFAULT_TRAINING.targetRecall * 100}% of the real in-scope messages, cross-validated), ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  train(ANY_EMBEDDER, await preparePool(corpus.records, segmenter, null), partSpecs(null));
  const embedder = await openEmbedder(flags.embedder as EmbedderChoice, jsonLogger('warn'));
  if (embedder instanceof HashingEmbedder) console.log('no embedding model (npm run model:fetch): the model has only its embedder-free part');
  else {
    const cached = new CachingEmbedder(embedder, embeddingCacheFile(embedder.id));
    const pool = await preparePool(corpus.records, segmenter, cached, (done, total) => process.stderr.write(`embedded ${done}/${total}\r`));
    console.log(`embeddings: ${cached.misses} computed, ${cached.hits} from .cache/embeddings`);
    train(embedder.id, pool, partSpecs({ dims: embedder.dimensions, prototypes: await prototypeVectors(cached) }));
  }
  const about = {
    trainedBy: 'npm run train (cli/train.ts)',
    config: DEFAULT_TRAINING,
    prune: DEFAULT_PRUNE,
    data: { generatorSeeds: TRAIN_SEEDS, perSeed: flags.perSeed, shared: corpus.shared, bySource: countBySource(corpus.records), analystLabels: analystLabels?.length ?? 0 },
  };
  const file = encodeModelFile(parts, about);
  mkdirSync(dirname(flags.out), { recursive: true });
  writeFileSync(flags.out, `${JSON.stringify(file)}\n`);
  console.log(`wrote ${flags.out}: ${(statSync(flags.out).size / 1024).toFixed(0)} KiB, parts ${parts.map((p) => p.embedderId).join(', ')}; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

runCommand('train', COMMANDS.train!.usage, async () => {
  await main();
  return 0;
});
