/**
 * Training the screening model's heads. The category head: one-vs-rest logistic regression by SGD
 * over hashed lexical features plus a dense block (the embedding, prototype similarities, concept
 * counts). The scope head: P(in scope) from the dense block only (what happened and what it means,
 * not how it is written), fitted exactly by L-BFGS. Both are Platt-calibrated on held-apart data.
 * Deterministic: the same data and options give the same weights.
 */
import { CATEGORY_CODES, type CategoryCode } from '../../models/categories';
import type { Segmenter } from '../../models/ports/segmenter.port';
import { denseFeatures, featureCount, featureVector, type FeatureSpec } from '../../screening/classifier/feature-spec';
import { DEFAULT_HASH_BITS } from '../../screening/classifier/features';
import { createLinearHead, type HeadParams, type LinearHead } from '../../screening/classifier/linear-head';
import { fitPlatt } from '../stats/calibration';
import { fitLogisticLbfgs } from '../stats/logistic-lbfgs';
import { screeningText, type LabelledReport } from './datasets';
import { trainLogistic, type TrainingExample } from './logistic-trainer';

/** A labelled report with what every head reads: its screened text, tokens and (when one is used) embedding. */
export interface TrainingRecord {
  readonly record: LabelledReport;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly embedding: readonly number[] | null;
}

export interface HeadConfig {
  readonly l2: number;
  /** Sources whose examples this head never learns from. */
  readonly excludeSources?: readonly LabelledReport['source'][];
  readonly positiveWeightPower: number;
  readonly positiveWeightCap: number;
  /** Loss weight of each source's examples (default 1). */
  readonly sourceWeights: Readonly<Partial<Record<LabelledReport['source'], number>>>;
}

export interface CategoryConfig extends HeadConfig {
  readonly epochs: number;
  readonly learningRate: number;
  readonly seed: number;
}

export interface TrainingConfig {
  readonly categories: CategoryConfig;
  readonly scope: HeadConfig;
  /** The scope threshold keeps at least this share of the real in-scope messages (cross-validated). */
  readonly targetRecall: number;
}

/** Chosen by cross-validation on the training folds (lab/classifier/README.md); never on what is reported. */
export const DEFAULT_TRAINING: TrainingConfig = {
  categories: {
    epochs: 6,
    learningRate: 1,
    l2: 1e-5,
    seed: 20240601,
    positiveWeightPower: 0.5,
    positiveWeightCap: 5,
    // Real text is rare beside the templated reports: court cases, the team's labels and the
    // analysts' corrections weigh more; the descriptions are single examples of whole classes.
    sourceWeights: { cail: 3, board: 3, 'board-weak': 1, analyst: 5, prototype: 10 },
  },
  scope: {
    l2: 1e-5,
    positiveWeightPower: 0.5,
    positiveWeightCap: 10,
    sourceWeights: { board: 3, analyst: 5, prototype: 3 },
    // A court's charge names the crime, not whether a group or a local bully committed it (one
    // person's assault, a drug user's case): those scope readings contradict the labelling guide.
    excludeSources: ['cail'],
  },
  targetRecall: 0.9,
};

export function prepare(records: readonly LabelledReport[], segmenter: Segmenter, embeddingOf: ((text: string) => readonly number[]) | null): TrainingRecord[] {
  return records.map((record) => {
    const text = screeningText(record.report);
    return { record, text, tokens: segmenter.segment(text), embedding: embeddingOf ? embeddingOf(text) : null };
  });
}

/** Per class 1 (positive), 0 (negative) or -1 (unknown: no loss on that class). */
export function targets(record: LabelledReport, classes: readonly CategoryCode[] = CATEGORY_CODES): Int8Array {
  return Int8Array.from(classes, (c) => (record.positives.includes(c) ? 1 : record.unknown.includes(c) ? -1 : 0));
}

const weightOf = (config: HeadConfig, r: TrainingRecord): number => config.sourceWeights[r.record.source] ?? 1;

/** Platt (a, b) per class from held-apart scores; a class without both outcomes stays uncalibrated. */
function calibrate(head: LinearHead, data: readonly TrainingRecord[], label: (r: TrainingRecord, k: number) => number): Pick<HeadParams, 'plattA' | 'plattB'> {
  const k = head.params.classes.length;
  const plattA = new Float64Array(k).fill(1);
  const plattB = new Float64Array(k);
  const scores = data.map((r) => head.rawScores(head.features(r.tokens, r.text, r.embedding)));
  for (let c = 0; c < k; c++) {
    const s: number[] = [];
    const l: boolean[] = [];
    data.forEach((r, i) => {
      const y = label(r, c);
      if (y >= 0) s.push(scores[i]![c]!), l.push(y === 1);
    });
    const { a, b } = fitPlatt(s, l, { smoothedTargets: true });
    plattA[c] = a;
    plattB[c] = b;
  }
  return { plattA, plattB };
}

export function trainCategoryHead(train: readonly TrainingRecord[], validation: readonly TrainingRecord[], spec: FeatureSpec, config: CategoryConfig): LinearHead<CategoryCode> {
  const classes = CATEGORY_CODES;
  const examples: TrainingExample[] = train.map((r) => ({ x: featureVector(spec, r.tokens, r.text, r.embedding), y: targets(r.record), weight: weightOf(config, r) }));
  const { weights, bias } = trainLogistic(examples, {
    hashBits: spec.hashBits,
    dimensions: featureCount(spec),
    classCount: classes.length,
    epochs: config.epochs,
    learningRate: config.learningRate,
    l2: config.l2,
    seed: config.seed,
    positiveWeightPower: config.positiveWeightPower,
    positiveWeightCap: config.positiveWeightCap,
  });
  const k = classes.length;
  const raw = createLinearHead({ classes, spec, weights, bias, plattA: new Float64Array(k).fill(1), plattB: new Float64Array(k) });
  return createLinearHead({ ...raw.params, ...calibrate(raw, validation, (r, c) => targets(r.record)[c]!) });
}

/** Records that say whether they are in scope, from the sources the head learns from. */
const scoped = (data: readonly TrainingRecord[], config?: HeadConfig): TrainingRecord[] =>
  data.filter((r) => r.record.inScope !== undefined && !config?.excludeSources?.includes(r.record.source));

/** The scope head reads the dense block only: fitted exactly, then calibrated. */
export function trainScopeHead(train: readonly TrainingRecord[], validation: readonly TrainingRecord[], spec: FeatureSpec, config: HeadConfig): LinearHead<'IN_SCOPE'> {
  if (spec.hashBits !== 0) throw new Error('the scope head reads no lexical features (hashBits 0)');
  const fit = fitLogisticLbfgs(
    scoped(train, config).map((r) => ({ x: denseFeatures(spec, r.text, r.embedding), y: r.record.inScope ? 1 : 0, weight: weightOf(config, r) })),
    { l2: config.l2, positiveWeightPower: config.positiveWeightPower, positiveWeightCap: config.positiveWeightCap },
  );
  const raw = createLinearHead({ classes: ['IN_SCOPE'] as const, spec, weights: Float32Array.from(fit.weights), bias: Float64Array.of(fit.bias), plattA: Float64Array.of(1), plattB: Float64Array.of(0) });
  return createLinearHead({ ...raw.params, ...calibrate(raw, scoped(validation, config), (r) => (r.record.inScope ? 1 : 0)) });
}

/** P(in scope) of each record by a head. */
export function scopeProbabilities(head: LinearHead<'IN_SCOPE'>, data: readonly TrainingRecord[]): number[] {
  return data.map((r) => head.probabilities(head.features(r.tokens, r.text, r.embedding))[0]!);
}

/**
 * The highest threshold that keeps at least `targetRecall` of the positives (a missed tip-off
 * costs more than a false alarm); 0.5 when there are no positives to keep.
 */
export function thresholdForRecall(scores: readonly number[], positive: readonly boolean[], targetRecall: number): number {
  const pos = scores.filter((_, i) => positive[i]).sort((a, b) => b - a);
  if (pos.length === 0) return 0.5;
  const keep = Math.max(1, Math.ceil(targetRecall * pos.length));
  return Math.round(pos[keep - 1]! * 1e6) / 1e6;
}

/** The two heads' feature specs for a part: with an embedder (its vectors and prototypes) or without one. */
export function partSpecs(embedding: { dims: number; prototypes: readonly (readonly number[])[] } | null): { categories: FeatureSpec; scope: FeatureSpec } {
  if (!embedding) {
    return {
      categories: { hashBits: DEFAULT_HASH_BITS, embeddingScale: 0, embeddingDims: 0, prototypes: [], concepts: true },
      scope: { hashBits: 0, embeddingScale: 0, embeddingDims: 0, prototypes: [], concepts: true },
    };
  }
  return {
    categories: { hashBits: DEFAULT_HASH_BITS, embeddingScale: 1, embeddingDims: embedding.dims, prototypes: embedding.prototypes, concepts: true },
    scope: { hashBits: 0, embeddingScale: 1, embeddingDims: embedding.dims, prototypes: embedding.prototypes, concepts: true },
  };
}
