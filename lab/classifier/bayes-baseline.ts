/**
 * The baseline the learned model is measured against: natural's BayesClassifier trained on the
 * same training data, fed jieba token arrays (natural's own tokenizers drop Chinese). natural
 * turns every document into a dense 0/1 vector over its whole vocabulary with one indexOf per
 * vocabulary word, so the vocabulary is capped to the most widespread words (by document
 * frequency) and each document to its distinct in-vocabulary words; without the cap training on
 * ~15,000 reports would take hours. Single-label: it learns each record's gold category.
 * Imported from natural's classifier folder, not its index, which prints dotenv tips on load.
 */
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { isCategoryCode, type CategoryCode } from '../../models/categories';

export const BASELINE_VOCABULARY = 2000;

export interface TokenisedExample {
  readonly tokens: readonly string[];
  readonly label: CategoryCode;
}

export interface BayesBaseline {
  classify(tokens: readonly string[]): CategoryCode;
}

const NOT_A_WORD = /^[\s\p{P}\p{S}\d]+$/u;

export function trainBayesBaseline(examples: readonly TokenisedExample[], vocabularySize = BASELINE_VOCABULARY): BayesBaseline {
  const df = new Map<string, number>();
  for (const e of examples) for (const t of new Set(e.tokens)) if (!NOT_A_WORD.test(t)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocabulary = new Set([...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, vocabularySize).map(([t]) => t));
  const keep = (tokens: readonly string[]) => [...new Set(tokens)].filter((t) => vocabulary.has(t));
  const classifier = new BayesClassifier();
  for (const e of examples) {
    const tokens = keep(e.tokens);
    // natural ignores empty documents; a marker keeps short ones (often INVALID) in.
    classifier.addDocument(tokens.length ? tokens : ['<empty>'], e.label);
  }
  classifier.train();
  return {
    classify(tokens) {
      const kept = keep(tokens);
      const label = classifier.classify(kept.length ? kept : ['<empty>']);
      return isCategoryCode(label) ? label : 'OUT_OF_SCOPE';
    },
  };
}
