/**
 * npm run train [-- --data DIR] [--out FILE] [--per-seed N] [--generator-only]
 *
 * Trains the category model (screening/classifier/) and writes it to
 * trained/category-model.json. Data: the generator with the training seeds and, when
 * DIR (default ../shared/data beside the project) exists, the training part of the CAIL cases and
 * of the complaints; the held-out part (20%, by a hash of each text) is never read here for
 * training. Calibration and the figures printed are on the validation split carved from training.
 */
import { SHARED_DATA_DIR } from '../lab/data/shared-data';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { CATEGORY_MODEL_PATH } from '../infra/trained-params';
import { createCategoryModel, type CategoryModel } from '../screening/classifier/category-model';
import { generatorReports, HELD_OUT_PERCENT, loadSharedData, splitOf, TEST_SEED, TRAIN_SEEDS, VALIDATION_PERCENT, type LabelledReport } from '../lab/classifier/datasets';
import { decodeModelFile } from '../screening/classifier/model-file';
import { DEFAULT_PRUNE, encodeModelFile } from '../lab/classifier/model-writer';
import { scorePredictions } from '../lab/classifier/metrics';
import { DEFAULT_TRAINING, featurise, trainCategoryModel, type FeaturedReport } from '../lab/classifier/training';
import { parseFlags } from './flags';

export const DEFAULT_DATA_DIR = SHARED_DATA_DIR;

function validationLine(label: string, model: CategoryModel, validation: readonly FeaturedReport[]): string {
  const sources = [...new Set(validation.map((f) => f.record.source))];
  return sources.map((source) => {
    const preds = validation.filter((f) => f.record.source === source).map(({ record, x }) => {
      const top = model.predictFeatures(x)[0]!;
      return { allowed: record.allowed, gold: record.gold, predicted: top.code };
    });
    const m = scorePredictions(preds);
    return `${label} ${source}: n=${m.n} accuracy ${m.categoryAccuracy.toFixed(3)} macro-F1 ${m.macroF1.toFixed(3)}`;
  }).join('\n');
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2), { data: DEFAULT_DATA_DIR, out: CATEGORY_MODEL_PATH, perSeed: 2000, generatorOnly: false });
  const t0 = performance.now();
  const records: LabelledReport[] = TRAIN_SEEDS.flatMap((seed) => generatorReports(seed, flags.perSeed));
  const shared = flags.generatorOnly ? null : loadSharedData(flags.data);
  if (shared) records.push(...shared.cail, ...shared.complaints);
  else console.log(`no shared data at ${flags.data}${flags.generatorOnly ? ' (--generator-only)' : ''}: training on the generator alone`);
  const train = records.filter((r) => splitOf(r) === 'train');
  const validation = records.filter((r) => splitOf(r) === 'validation');
  const heldOut = records.length - train.length - validation.length;
  const count = (rs: readonly LabelledReport[], s: string) => rs.filter((r) => r.source === s).length;
  console.log(`data: ${records.length} records (generator seeds ${TRAIN_SEEDS.join(',')} × ${flags.perSeed}${shared ? `, CAIL ${shared.cail.length}, complaints ${shared.complaints.length}` : ''})`);
  console.log(`split: train ${train.length} (generator ${count(train, 'generator')}, CAIL ${count(train, 'cail')}, complaints ${count(train, 'complaints')}), validation ${validation.length}, held out for eval ${heldOut} (never trained on)`);

  const segmenter = new JiebaSegmenter();
  const fTrain = featurise(train, segmenter, DEFAULT_TRAINING.hashBits);
  const fValidation = featurise(validation, segmenter, DEFAULT_TRAINING.hashBits);
  const tFeatures = performance.now();
  const model = trainCategoryModel(fTrain, fValidation, DEFAULT_TRAINING);
  const tTrained = performance.now();

  const about = {
    trainedBy: 'npm run train (cli/train.ts)',
    config: DEFAULT_TRAINING,
    prune: DEFAULT_PRUNE,
    data: {
      generatorSeeds: TRAIN_SEEDS, perSeed: flags.perSeed, testSeed: TEST_SEED,
      shared: Boolean(shared), train: train.length, validation: validation.length,
      trainBySource: { generator: count(train, 'generator'), cail: count(train, 'cail'), complaints: count(train, 'complaints') },
      split: `FNV-1a of the first 80 characters of each text: ${HELD_OUT_PERCENT}% held out, ${VALIDATION_PERCENT}% of the rest validation`,
    },
  };
  const file = encodeModelFile(model.params, about);
  const shipped = createCategoryModel(decodeModelFile(file).params, about);
  mkdirSync(dirname(flags.out), { recursive: true });
  writeFileSync(flags.out, `${JSON.stringify(file)}\n`);
  const tEnd = performance.now();

  console.log(validationLine('validation, full weights', model, fValidation));
  console.log(validationLine('validation, pruned+int8', shipped, fValidation));
  const kept = file.weights.reduce((s, w) => s + Buffer.from(w.values, 'base64').length, 0);
  console.log(`wrote ${flags.out}: ${(statSync(flags.out).size / 1024).toFixed(0)} KiB, ${kept} weights kept of ${model.params.weights.length}`);
  console.log(`time: data+features ${((tFeatures - t0) / 1000).toFixed(1)} s, training+calibration ${((tTrained - tFeatures) / 1000).toFixed(1)} s, total ${((tEnd - t0) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
