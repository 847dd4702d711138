/**
 * Cosine thresholds per embedder: the duplicate rule when there is nothing but meaning to go on.
 * Chosen on generator seed 2 (never an evaluation seed) by the nearest-earlier-lead decision's F1
 * over a 0.01 grid: bge-small-zh-v1.5-q 0.89 (P 0.86, R 0.86); hash-ngram-v1-512 0.7 (cosine
 * alone tops out near F1 0.42 there: retellings share few characters).
 *
 * Used (1) by the pair scorer for evidence-poor pairs — texts that name no person, place,
 * official, organisation, phone, ID number, amount or date on either side, where the field
 * weights calibrated on full reports have nothing to weigh — and (2) by the dedup stage for an
 * embedder without calibrated pair parameters.
 */
export const COSINE_THRESHOLDS: Readonly<Record<string, number>> = {
  'bge-small-zh-v1.5-q': 0.89,
  'hash-ngram-v1-512': 0.7,
};

/** For an embedder never calibrated: demand near-identity. */
export const DEFAULT_COSINE_THRESHOLD = 0.9;

export function cosineThreshold(embedderId: string): number {
  return COSINE_THRESHOLDS[embedderId] ?? DEFAULT_COSINE_THRESHOLD;
}
