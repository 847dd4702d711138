/**
 * Labelled pairs from reports with ground truth (the generator's incidentId and subjectId).
 * Pure and deterministic.
 *
 * Which pairs: every pair of one incident (duplicate), every pair of one subject across two
 * incidents (related), and non-matches that are hard to tell apart: each report's nearest
 * neighbours by embedding cosine that are neither; plus a few random pairs so that the easy
 * cases keep their weight. With `earlierOnly`, neighbours are searched among earlier reports
 * only, as the dedup stage does.
 */
import type { Screening } from '../../models/lead';
import { cosine } from '../../models/math';
import type { PairLabel } from './calibrate';

export interface TruthItem {
  readonly screening: Screening;
  readonly incidentId: string;
  readonly subjectId: string;
}

export interface IndexPair {
  /** Indices into the items, i < j (i arrived first). */
  readonly i: number;
  readonly j: number;
  readonly label: PairLabel;
}

export interface PairSampling {
  /** Nearest non-matching neighbours per report. */
  readonly neighbours: number;
  /** Random non-matching partners per report. */
  readonly random: number;
  readonly seed: number;
  readonly earlierOnly?: boolean;
}

export function labelOf(x: Pick<TruthItem, 'incidentId' | 'subjectId'>, y: Pick<TruthItem, 'incidentId' | 'subjectId'>): PairLabel {
  if (x.incidentId === y.incidentId) return 'duplicate';
  return x.subjectId === y.subjectId ? 'related' : 'new';
}

/** mulberry32: a small seeded generator, enough to pick random partners reproducibly. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The k most similar other items by cosine (only earlier ones with `earlierOnly`), best first. */
export function nearest(items: readonly TruthItem[], j: number, k: number, earlierOnly = false): Array<{ index: number; cosine: number }> {
  const me = items[j]!.screening;
  const out: Array<{ index: number; cosine: number }> = [];
  const end = earlierOnly ? j : items.length;
  for (let i = 0; i < end; i++) {
    if (i === j || items[i]!.screening.embedderId !== me.embedderId) continue;
    out.push({ index: i, cosine: cosine(me.embedding, items[i]!.screening.embedding) });
  }
  return out.sort((x, y) => y.cosine - x.cosine || x.index - y.index).slice(0, k);
}

export function generatorPairs(items: readonly TruthItem[], sampling: PairSampling): IndexPair[] {
  const pairs = new Map<string, IndexPair>();
  const add = (x: number, y: number) => {
    const [i, j] = x < y ? [x, y] : [y, x];
    const key = `${i}:${j}`;
    if (!pairs.has(key)) pairs.set(key, { i, j, label: labelOf(items[i]!, items[j]!) });
  };
  const bySubject = new Map<string, number[]>();
  items.forEach((it, idx) => bySubject.set(it.subjectId, [...(bySubject.get(it.subjectId) ?? []), idx]));
  for (const group of bySubject.values()) for (let x = 0; x < group.length; x++) for (let y = x + 1; y < group.length; y++) add(group[x]!, group[y]!);
  const rand = seededRandom(sampling.seed);
  for (let j = 0; j < items.length; j++) {
    for (const n of nearest(items, j, sampling.neighbours + 8, sampling.earlierOnly).filter((n) => labelOf(items[n.index]!, items[j]!) === 'new').slice(0, sampling.neighbours)) {
      add(n.index, j);
    }
    for (let r = 0; r < sampling.random; r++) {
      const limit = sampling.earlierOnly ? j : items.length;
      if (limit < 2) break;
      const other = Math.floor(rand() * limit);
      if (other !== j && labelOf(items[other]!, items[j]!) === 'new') add(other, j);
    }
  }
  return [...pairs.values()].sort((x, y) => x.j - y.j || x.i - y.i);
}
