/**
 * The trained screening model: per embedder, a category head (the 14 codes) and a scope head
 * (P(in scope)) with the threshold chosen for it offline. A lead embedded by an embedder the model
 * was not trained with is classified by the embedder-free part (`*`: lexical features and
 * concepts only), so the hashing fallback and a future model still screen.
 */
import type { CategoryCode } from '../../models/categories';
import { ArtifactMissingError } from '../../models/errors';
import type { CategoryScore } from '../../models/lead';
import type { LinearHead } from './linear-head';

/** The part used for any embedder without a part of its own. */
export const ANY_EMBEDDER = '*';

export interface ModelPart {
  /** The embedder whose vectors the heads read, or ANY_EMBEDDER for heads that read none. */
  readonly embedderId: string;
  readonly categories: LinearHead<CategoryCode>;
  readonly scope: LinearHead<'IN_SCOPE'>;
  /** P(in scope) at or above this is in scope (chosen offline for recall). */
  readonly threshold: number;
}

export interface ClassifyInput {
  readonly tokens: readonly string[];
  readonly text: string;
  readonly embedderId: string;
  readonly embedding: readonly number[];
}

export interface Classification {
  /** The 14 codes with their probabilities, most probable first. */
  readonly categories: CategoryScore[];
  readonly scopeProbability: number;
  readonly threshold: number;
}

export interface ScreeningModel {
  readonly parts: readonly ModelPart[];
  /** Free-form facts about the training run, from the model file. */
  readonly about: Readonly<Record<string, unknown>>;
  partFor(embedderId: string): ModelPart;
  classify(input: ClassifyInput): Classification;
}

export function createScreeningModel(parts: readonly ModelPart[], about: Readonly<Record<string, unknown>> = {}): ScreeningModel {
  const partFor = (embedderId: string): ModelPart => {
    const part = parts.find((p) => p.embedderId === embedderId) ?? parts.find((p) => p.embedderId === ANY_EMBEDDER);
    if (!part) throw new ArtifactMissingError(`screening model has no part for embedder ${embedderId} and no embedder-free part`);
    return part;
  };
  return {
    parts,
    about,
    partFor,
    classify(input) {
      const part = partFor(input.embedderId);
      const embedding = part.embedderId === ANY_EMBEDDER ? null : input.embedding;
      const c = part.categories;
      const probabilities = c.probabilities(c.features(input.tokens, input.text, embedding));
      const categories = c.params.classes
        .map((code, k) => ({ code, probability: probabilities[k]! }))
        .sort((a, b) => b.probability - a.probability || a.code.localeCompare(b.code));
      const s = part.scope;
      const [scopeProbability] = s.probabilities(s.features(input.tokens, input.text, embedding));
      return { categories, scopeProbability: scopeProbability!, threshold: part.threshold };
    },
  };
}
