/**
 * Duplicate clusters as the domain knows them: what a copy is, and how a merged cluster's id
 * leads to the cluster that absorbed it. Shared by dedup (corroboration) and review.
 */
import { DataCorruptError } from './errors';

/**
 * A duplicate at or above this similarity to its match is a copy (a re-submission), not a
 * second witness: it never corroborates, and it is not counted as an independent reporter.
 */
export const COPY_SIMILARITY = 0.97;

/** One report of a cluster as a count of reporters sees it. */
export interface ReporterMark {
  /** Keyed fingerprints of the reporter's identifiers; empty for an anonymous report. */
  readonly fingerprints: readonly string[];
  /** A duplicate at or above COPY_SIMILARITY to its match. */
  readonly copy: boolean;
}

/**
 * Distinct reporters among reports: copies are left out; reports sharing a fingerprint (directly
 * or through a chain: phone in one, phone and ID number in the next) are one reporter; an
 * anonymous report that is not a copy is one reporter.
 */
export function countDistinctReporters(reports: readonly ReporterMark[]): number {
  const kept = reports.filter((r) => !r.copy);
  const parent = kept.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const firstWith = new Map<string, number>();
  kept.forEach((r, i) => {
    for (const f of r.fingerprints) {
      const j = firstWith.get(f);
      if (j === undefined) firstWith.set(f, i);
      else parent[root(i)] = root(j);
    }
  });
  return new Set(kept.map((_, i) => root(i))).size;
}

/** A merged cluster keeps its row and points to its survivor; real chains are a few hops long. */
export const MAX_MERGE_HOPS = 32;

/**
 * Follows `merged_into` from `clusterId` to the live cluster. `step` reads one cluster (and may
 * lock it) and returns what it was merged into, `null` when it is live, `undefined` when unknown.
 * Returns undefined for an unknown id; throws on a chain longer than MAX_MERGE_HOPS (a cycle).
 */
export async function followMerges(clusterId: string, step: (id: string) => Promise<string | null | undefined>): Promise<string | undefined> {
  let id = clusterId;
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const next = await step(id);
    if (next === undefined) return undefined;
    if (next === null) return id;
    id = next;
  }
  throw new DataCorruptError('线索簇合并链异常，请联系管理员', { clusterId, maxHops: MAX_MERGE_HOPS });
}
