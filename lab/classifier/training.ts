/**
 * From labelled reports to a calibrated category model: featurise, train one-vs-rest logistic
 * regression on the training part, fit Platt scaling on the validation part. Pure apart from the
 * segmenter it is handed; deterministic for a given seed.
 */
import { CATEGORY_CODES, type CategoryCode } from '../../models/categories';
import type { Segmenter } from '../../models/ports/segmenter.port';
import { fitPlatt } from '../stats/calibration';
import { createCategoryModel, rawScores, type CategoryModel, type ModelParams } from '../../screening/classifier/category-model';
import type { LabelledReport } from './datasets';
import { screeningText } from './datasets';
import { DEFAULT_HASH_BITS, extractFeatures, type SparseVector } from '../../screening/classifier/features';
import { trainLogistic, type TrainingExample, type TrainOptions } from './logistic-trainer';

export interface TrainingConfig extends Omit<TrainOptions, 'classCount'> {
  /** Loss weight of each source's examples (default 1). */
  readonly sourceWeights?: Readonly<Partial<Record<LabelledReport['source'], number>>>;
}

/** Chosen on the validation split (see README.md); never on held-out data. */
export const DEFAULT_TRAINING: TrainingConfig = {
  hashBits: DEFAULT_HASH_BITS,
  epochs: 6,
  learningRate: 1,
  l2: 1e-5,
  seed: 20240601,
  positiveWeightPower: 0.5,
  positiveWeightCap: 5,
  // The court cases are the only real in-scope text and are outnumbered by templated reports.
  sourceWeights: { cail: 3 },
};

export interface FeaturedReport {
  readonly record: LabelledReport;
  readonly x: SparseVector;
}

export function featurise(records: readonly LabelledReport[], segmenter: Segmenter, hashBits: number = DEFAULT_HASH_BITS): FeaturedReport[] {
  return records.map((record) => {
    const text = screeningText(record.report);
    return { record, x: extractFeatures(segmenter.segment(text), text, hashBits) };
  });
}

export function targets(record: LabelledReport, classes: readonly CategoryCode[] = CATEGORY_CODES): Int8Array {
  return Int8Array.from(classes, (c) => (record.positives.includes(c) ? 1 : record.unknown.includes(c) ? -1 : 0));
}

function examples(data: readonly FeaturedReport[], config: TrainingConfig): TrainingExample[] {
  return data.map(({ record, x }) => ({ x, y: targets(record), weight: config.sourceWeights?.[record.source] ?? 1 }));
}

/** Platt (a, b) per class from validation scores; classes without both outcomes stay uncalibrated. */
export function calibrate(params: ModelParams, validation: readonly FeaturedReport[]): Pick<ModelParams, 'plattA' | 'plattB'> {
  const k = params.classes.length;
  const scores = validation.map(({ x }) => rawScores(params, x));
  const ys = validation.map(({ record }) => targets(record, params.classes));
  const plattA = new Float64Array(k);
  const plattB = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const s: number[] = [];
    const l: boolean[] = [];
    scores.forEach((z, i) => {
      const y = ys[i]![c]!;
      if (y >= 0) s.push(z[c]!), l.push(y === 1);
    });
    const { a, b } = fitPlatt(s, l, { smoothedTargets: true });
    plattA[c] = a;
    plattB[c] = b;
  }
  return { plattA, plattB };
}

export function trainCategoryModel(train: readonly FeaturedReport[], validation: readonly FeaturedReport[], config: TrainingConfig = DEFAULT_TRAINING): CategoryModel {
  const classes = CATEGORY_CODES;
  const { weights, bias } = trainLogistic(examples(train, config), { ...config, classCount: classes.length });
  const k = classes.length;
  const raw: ModelParams = { classes, hashBits: config.hashBits, weights, bias, plattA: new Float64Array(k).fill(1), plattB: new Float64Array(k) };
  return createCategoryModel({ ...raw, ...calibrate(raw, validation) });
}
