/**
 * The meaning-only rule: a duplicate when the embedder's cosine reaches a cut-off that depends on
 * the length of the shorter text. Short questions ("怎么提高额度" / "如何提升额度") that mean the same
 * often sit lower on the cosine scale than two long reports of one incident, and two long texts
 * of one topic sit higher than two short unrelated ones: one cut-off cannot serve both.
 *
 * cut-off(length) = short up to `shortUpTo` characters, long from `longFrom` on, linear in
 * log(length) between. The calibrated rule lives in the pair parameters (`cosineOnly`, written by
 * `npm run eval -- dedup --calibrate`: short from the shared ATEC dev pairs, long from the team's
 * real labelled board pairs; lab/dedup/cosine-only.ts); this table is the rule of an embedder
 * calibrated before that, or never.
 *
 * Used (1) by the pair scorer for evidence-poor pairs — texts that name no person, place,
 * official, organisation, phone, ID number, amount or date on either side, where the field
 * weights have nothing to weigh — and (2) by the dedup stage for an embedder without calibrated
 * pair parameters.
 */
/** The meaning-only rule's cosine cut-offs by text length. */
export interface CosineOnlyRule {
  /** Cut-off for pairs whose shorter text has at most `shortUpTo` characters (questions). */
  readonly short: number;
  /** Cut-off from `longFrom` characters on (reports); linear in log length between the two. */
  readonly long: number;
  readonly shortUpTo: number;
  readonly longFrom: number;
}

/** Chosen on generator seed 2 (bge 0.89: P 0.86, R 0.86; hashing 0.7): one cut-off for every length. */
export const COSINE_THRESHOLDS: Readonly<Record<string, number>> = {
  'bge-small-zh-v1.5-q': 0.89,
  'hash-ngram-v1-512': 0.7,
};

/** For an embedder never calibrated: demand near-identity. */
export const DEFAULT_COSINE_THRESHOLD = 0.9;

export function cutoffAt(rule: CosineOnlyRule, length: number): number {
  if (length <= rule.shortUpTo) return rule.short;
  if (length >= rule.longFrom) return rule.long;
  const t = (Math.log(length) - Math.log(rule.shortUpTo)) / (Math.log(rule.longFrom) - Math.log(rule.shortUpTo));
  return rule.short + t * (rule.long - rule.short);
}

/**
 * The cut-off for a pair whose shorter text has `length` characters: the calibrated rule when
 * given, else the embedder's single cut-off.
 */
export function cosineThreshold(embedderId: string, length?: number, rule?: CosineOnlyRule): number {
  if (rule && length !== undefined) return cutoffAt(rule, length);
  return COSINE_THRESHOLDS[embedderId] ?? DEFAULT_COSINE_THRESHOLD;
}
