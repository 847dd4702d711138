/**
 * One part of the screening model (the heads for one embedder, or the embedder-free part), and the
 * cross-validated figures on the team's real labels that speak for it.
 *
 * The scope threshold comes from out-of-fold scores of the real labelled messages (inner folds):
 * the highest threshold keeping the target recall of their in-scope messages. The figures come
 * from outer folds: each fold's messages are scored by a part trained (threshold included) on the
 * other folds only.
 */
import { isInScope, type CategoryCode } from '../../models/categories';
import type { ModelPart } from '../../screening/classifier/screening-model';
import { decideScope } from '../../screening/scope-decision';
import { outOfFold } from './cross-validation';
import { splitOf } from './datasets';
import {
  scopeProbabilities, thresholdForRecall, trainCategoryHead, trainScopeHead,
  type TrainingConfig, type TrainingRecord,
} from './training';
import type { FeatureSpec } from '../../screening/classifier/feature-spec';

export const FOLDS = 5;

/** The team's and the analysts' labels: what real-text figures are computed on. */
export const isRealLabel = (r: TrainingRecord): boolean => r.record.source === 'board' || r.record.source === 'analyst';
const isLabelledReal = (r: TrainingRecord): boolean => isRealLabel(r) && r.record.inScope !== undefined;

export interface PartSpecs {
  readonly categories: FeatureSpec;
  readonly scope: FeatureSpec;
}

/** Splits the pool: real labels (all for training), the rest's training and validation parts; held-out parts stay out. */
function split(pool: readonly TrainingRecord[]): { real: TrainingRecord[]; train: TrainingRecord[]; validation: TrainingRecord[] } {
  const real = pool.filter(isLabelledReal);
  const rest = pool.filter((r) => !isRealLabel(r));
  // Weak board negatives and prototypes are never held out: nothing scores them.
  const alwaysTrain = (r: TrainingRecord): boolean => r.record.source === 'board-weak' || r.record.source === 'prototype';
  return {
    real,
    train: rest.filter((r) => alwaysTrain(r) || splitOf(r.record) === 'train'),
    validation: rest.filter((r) => !alwaysTrain(r) && splitOf(r.record) === 'validation'),
  };
}

export function trainModelPart(embedderId: string, pool: readonly TrainingRecord[], specs: PartSpecs, config: TrainingConfig): ModelPart {
  const { real, train, validation } = split(pool);
  const scopeOf = (data: readonly TrainingRecord[]) => trainScopeHead(data, validation, specs.scope, config.scope);
  let threshold: number;
  if (real.filter((r) => r.record.inScope).length >= FOLDS) {
    const oof = outOfFold(real, train, FOLDS, (data) => scopeOf(data), (head, r) => scopeProbabilities(head, [r])[0]!);
    threshold = thresholdForRecall([...oof.values()], [...oof.keys()].map((r) => r.record.inScope === true), config.targetRecall);
  } else {
    // No real labels (a checkout without ../shared): the validation split's in-scope reports set it.
    const head = scopeOf(train);
    const scored = validation.filter((r) => r.record.inScope !== undefined);
    threshold = thresholdForRecall(scopeProbabilities(head, scored), scored.map((r) => r.record.inScope === true), config.targetRecall);
  }
  return {
    embedderId,
    scope: scopeOf([...train, ...real]),
    categories: trainCategoryHead([...train, ...real], validation, specs.categories, config.categories),
    threshold,
  };
}

/** What a part says of one message. */
export interface PartPrediction {
  readonly scopeProbability: number;
  readonly inScope: boolean;
  /** The primary in-scope category (the gang's own conduct before the umbrella), whatever the scope decision. */
  readonly primaryTarget: CategoryCode | undefined;
}

export function predictWith(part: ModelPart, r: TrainingRecord): PartPrediction {
  const c = part.categories;
  const probabilities = c.probabilities(c.features(r.tokens, r.text, r.embedding));
  const categories = c.params.classes.map((code, k) => ({ code, probability: probabilities[k]! }));
  const [scopeProbability] = scopeProbabilities(part.scope, [r]);
  const decided = decideScope(categories, scopeProbability!, part.threshold);
  const inScopeReading = decideScope(categories, 1, 0).categories;
  return { scopeProbability: scopeProbability!, inScope: decided.scope.inScope, primaryTarget: inScopeReading.find((x) => isInScope(x.code))?.code };
}

/**
 * Outer-fold predictions for every real labelled message: each from a part trained on the other
 * folds (its threshold from inner folds of those), plus the pool's non-real records.
 */
export function crossValidatedPredictions(embedderId: string, pool: readonly TrainingRecord[], specs: PartSpecs, config: TrainingConfig): Map<TrainingRecord, PartPrediction> {
  const real = pool.filter(isLabelledReal);
  const others = pool.filter((r) => !isLabelledReal(r));
  return outOfFold(real, others, FOLDS, (data) => trainModelPart(embedderId, data, specs, config), predictWith);
}

/** A part trained without any real label, scoring every real labelled message: does what it learned carry to real writing? */
export function transferPredictions(embedderId: string, pool: readonly TrainingRecord[], specs: PartSpecs, config: TrainingConfig): Map<TrainingRecord, PartPrediction> {
  const part = trainModelPart(embedderId, pool.filter((r) => !isRealLabel(r)), specs, config);
  return new Map(pool.filter(isLabelledReal).map((r) => [r, predictWith(part, r)]));
}
