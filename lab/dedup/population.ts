/**
 * Pair-scorer weights from the population the scorer runs on, as Splink estimates a
 * Fellegi–Sunter model (https://moj-analytical-services.github.io/splink, "u from random
 * sampling, m by expectation–maximisation"). Pure and deterministic.
 *
 * - Every pair becomes a comparison vector: each field's state (missing left out), the bin of the
 *   cosine and the bin of the shingle overlap (bins at quantiles of the candidate and the random
 *   pairs).
 * - u = P(level | not the same incident), from random pairs of the stored leads: two random
 *   leads are almost never one incident, so their levels are what chance gives.
 * - m = P(level | same incident) and λ = the share of matches among the candidate pairs (each
 *   lead's nearest neighbours, what the dedup stage compares), by EM with u held fixed: the
 *   E-step gives each candidate its posterior of being a match under the current m and λ, the
 *   M-step re-estimates m and λ from those posteriors, until nothing moves.
 * - Weights log(m/u); the cosine's made increasing along the scale (pool-adjacent-violators,
 *   then a tiny rising slope) and interpolated between bin centres, so that the cosine term is a
 *   strictly increasing function of the cosine: with the rest of the evidence scaled to 0 the
 *   scorer ranks pairs exactly as the cosine does (calibrate.ts chooses that scale on labelled pairs).
 */
import { PAIR_FIELDS, statesOf, type FieldState, type PairFeatures, type PairField } from '../../dedup/pairs/features';
import { binOf, type BinnedWeights, type PairModel } from '../../dedup/pairs/scorer';
import { cosine } from '../../models/math';
import { isotonic, MAX_WEIGHT, SMOOTHING } from './calibrate';
import { seededRandom } from './labelled-pairs';

export type Comparison = PairField | 'cosine' | 'shingle';
export const COMPARISONS: readonly Comparison[] = [...PAIR_FIELDS, 'cosine', 'shingle'];

export interface LevelEdges {
  readonly cosine: readonly number[];
  readonly shingle: readonly number[];
}

/** P(level | class) per comparison, over its non-missing levels (keys: a field state, or a bin index). */
export type Distribution = Record<Comparison, Record<string, number>>;

/** Each comparison's level, or null when it says nothing (missing state, no cosine). */
export function levelsOf(f: PairFeatures, edges: LevelEdges): Record<Comparison, string | null> {
  const out = {} as Record<Comparison, string | null>;
  for (const field of PAIR_FIELDS) out[field] = f.fields[field].state === 'missing' ? null : f.fields[field].state;
  out.cosine = f.cosine === undefined ? null : String(binOf(edges.cosine, f.cosine));
  out.shingle = String(binOf(edges.shingle, f.shingle));
  return out;
}

function levelNames(c: Comparison, edges: LevelEdges): string[] {
  if (c === 'cosine' || c === 'shingle') return Array.from({ length: edges[c].length + 1 }, (_, i) => String(i));
  return statesOf(c as PairField).filter((s: FieldState) => s !== 'missing');
}

const quantiles = (xs: readonly number[], k: number): number[] => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Array.from({ length: k - 1 }, (_, i) => s[Math.floor(((i + 1) * s.length) / k)]!) : [];
};
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const uniqueSorted = (xs: readonly number[]) => [...new Set(xs.map(round4))].sort((a, b) => a - b);

/** Bin edges: deciles of the candidate pairs (where the decisions are) and quartiles of the random ones. */
export function levelEdges(candidates: readonly PairFeatures[], random: readonly PairFeatures[]): LevelEdges {
  const cos = (xs: readonly PairFeatures[]) => xs.flatMap((f) => (f.cosine === undefined ? [] : [f.cosine]));
  return {
    cosine: uniqueSorted([...quantiles(cos(candidates), 10), ...quantiles(cos(random), 4)]),
    shingle: uniqueSorted([...quantiles(candidates.map((f) => f.shingle), 8), ...quantiles(random.map((f) => f.shingle), 3)]).filter((e) => e > 0),
  };
}

/** Smoothed weighted frequencies of each comparison's levels. */
function distribution(pairs: readonly Record<Comparison, string | null>[], weights: readonly number[], edges: LevelEdges): Distribution {
  const out = {} as Distribution;
  for (const c of COMPARISONS) {
    const names = levelNames(c, edges);
    const counts = Object.fromEntries(names.map((n) => [n, SMOOTHING])) as Record<string, number>;
    let total = SMOOTHING * names.length;
    pairs.forEach((p, i) => {
      const level = p[c];
      if (level === null || counts[level] === undefined) return;
      counts[level] += weights[i]!;
      total += weights[i]!;
    });
    out[c] = Object.fromEntries(names.map((n) => [n, counts[n]! / total]));
  }
  return out;
}

/** u from random pairs of the stored leads. */
export function estimateU(random: readonly PairFeatures[], edges: LevelEdges): Distribution {
  const levels = random.map((f) => levelsOf(f, edges));
  return distribution(levels, levels.map(() => 1), edges);
}

/** Starting m: from labelled matches when given (the generator's), else a distribution rising with the level. */
export function initialM(edges: LevelEdges, matches: readonly PairFeatures[] = []): Distribution {
  if (matches.length) {
    const levels = matches.map((f) => levelsOf(f, edges));
    return distribution(levels, levels.map(() => 1), edges);
  }
  const out = {} as Distribution;
  for (const c of COMPARISONS) {
    const names = levelNames(c, edges);
    // Better levels first for fields (agree, county…), last for bins: weight 4 on the best, 1 on the worst.
    const rank = (i: number) => (c === 'cosine' || c === 'shingle' ? i : names.length - 1 - i);
    const raw = names.map((_, i) => 1 + (3 * rank(i)) / Math.max(1, names.length - 1));
    const sum = raw.reduce((s, x) => s + x, 0);
    out[c] = Object.fromEntries(names.map((n, i) => [n, raw[i]! / sum]));
  }
  return out;
}

export interface EmResult {
  readonly m: Distribution;
  readonly lambda: number;
  readonly iterations: number;
  /** Largest change of any m or λ in the last iteration. */
  readonly change: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

/** Posterior P(match) of each pair under m, u, λ, leaving out the comparisons in `skip`. */
export function posteriors(levels: readonly Record<Comparison, string | null>[], m: Distribution, u: Distribution, lambda: number, skip: ReadonlySet<Comparison> = new Set()): number[] {
  return levels.map((p) => {
    let z = logit(lambda);
    for (const c of COMPARISONS) {
      if (skip.has(c)) continue;
      const l = p[c];
      if (l !== null && m[c][l] !== undefined) z += Math.log(m[c][l]! / u[c][l]!);
    }
    return 1 / (1 + Math.exp(-z));
  });
}

/**
 * EM over unlabelled candidate pairs with u fixed. `blockedOn`: the comparisons the candidates
 * were chosen by (nearest neighbours by cosine; pairs sharing a name): among the candidates they
 * say little about matching (every candidate scores well on them), so, as Splink does in a
 * training session with a blocking rule, they are left out of the E-step and keep their m.
 */
export function emM(candidates: readonly PairFeatures[], u: Distribution, edges: LevelEdges, start: { m: Distribution; lambda: number }, options: { maxIterations?: number; tolerance?: number; blockedOn?: readonly Comparison[] } = {}): EmResult {
  const levels = candidates.map((f) => levelsOf(f, edges));
  const skip = new Set(options.blockedOn ?? []);
  let { m, lambda } = start;
  let change = Infinity;
  let iterations = 0;
  while (iterations < (options.maxIterations ?? 50) && change > (options.tolerance ?? 1e-4)) {
    const w = posteriors(levels, m, u, lambda, skip);
    const estimated = distribution(levels, w, edges);
    const next = Object.fromEntries(COMPARISONS.map((c) => [c, skip.has(c) ? m[c] : estimated[c]])) as Distribution;
    const nextLambda = Math.min(1 - 1e-6, Math.max(1e-6, w.reduce((s, x) => s + x, 0) / Math.max(1, w.length)));
    change = Math.abs(nextLambda - lambda);
    for (const c of COMPARISONS) for (const l of Object.keys(next[c])) change = Math.max(change, Math.abs(next[c][l]! - (m[c][l] ?? 0)));
    m = next;
    lambda = nextLambda;
    iterations++;
  }
  return { m, lambda, iterations, change };
}

const clamp = (w: number) => Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w));
/** Rise per bin added to the cosine's weights so that the interpolation is strictly increasing. */
export const COSINE_RAMP = 1e-3;

/** Bin centres: the mean value of the pairs in each bin (the edges' midpoint for an empty bin). */
function centresOf(values: readonly number[], edges: readonly number[]): number[] {
  const sum = new Array<number>(edges.length + 1).fill(0);
  const n = new Array<number>(edges.length + 1).fill(0);
  for (const x of values) {
    const i = binOf(edges, x);
    sum[i]! += x;
    n[i]!++;
  }
  const centres = sum.map((s, i) => (n[i] ? s / n[i]! : ((edges[i - 1] ?? (edges[i] ?? 0) - 0.05) + (edges[i] ?? (edges[i - 1] ?? 0) + 0.05)) / 2));
  for (let i = 1; i < centres.length; i++) centres[i] = Math.max(centres[i]!, centres[i - 1]! + 1e-6);
  return centres;
}

function binnedFrom(c: 'cosine' | 'shingle', m: Distribution, u: Distribution, edges: LevelEdges, values: readonly number[]): BinnedWeights {
  const names = levelNames(c, edges);
  const raw = names.map((n) => clamp(Math.log(m[c][n]! / u[c][n]!)));
  const counts = names.map((_, i) => values.filter((x) => binOf(edges[c], x) === i).length);
  const weights = isotonic(raw, counts).map((w, i) => Math.round((w + (c === 'cosine' ? i * COSINE_RAMP : 0)) * 1e4) / 1e4);
  return { edges: [...edges[c]], weights, centres: centresOf(values, edges[c]).map((x) => Math.round(x * 1e6) / 1e6) };
}

/** The duplicate model of m, u and λ (Platt map and evidence scale left to calibrate.ts). */
export function populationModel(em: EmResult, u: Distribution, edges: LevelEdges, pairs: readonly PairFeatures[]): PairModel {
  const fields = Object.fromEntries(
    PAIR_FIELDS.map((f) => [f, Object.fromEntries(Object.keys(u[f]).map((l) => [l, clamp(Math.log(em.m[f][l]! / u[f][l]!))]))]),
  ) as PairModel['fields'];
  const cosines = pairs.flatMap((f) => (f.cosine === undefined ? [] : [f.cosine]));
  return {
    priorLogOdds: logit(em.lambda),
    fields,
    cosine: binnedFrom('cosine', em.m, u, edges, cosines),
    shingle: binnedFrom('shingle', em.m, u, edges, pairs.map((f) => f.shingle)),
    platt: { a: 1, b: 0 },
  };
}

export interface PopulationSampling {
  /** Random partners per lead (u). */
  readonly random: number;
  /** Nearest neighbours per lead by cosine (the EM's candidates). */
  readonly neighbours: number;
  readonly seed: number;
}

/**
 * Index pairs of one population of stored leads: random pairs, and each lead's nearest neighbours
 * (as the dedup stage's vector retrieval finds them), each unordered pair once.
 */
export function populationPairs(embeddings: readonly (readonly number[])[], sampling: PopulationSampling): { random: Array<[number, number]>; candidates: Array<[number, number]> } {
  const n = embeddings.length;
  const rand = seededRandom(sampling.seed);
  const seen = new Set<string>();
  const key = (i: number, j: number) => (i < j ? `${i}:${j}` : `${j}:${i}`);
  const random: Array<[number, number]> = [];
  for (let i = 0; i < n && n > 1; i++) {
    for (let r = 0; r < sampling.random; r++) {
      const j = Math.floor(rand() * n);
      if (j !== i && !seen.has(key(i, j))) {
        seen.add(key(i, j));
        random.push([Math.min(i, j), Math.max(i, j)]);
      }
    }
  }
  const taken = new Set<string>();
  const candidates: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const best: Array<{ j: number; c: number }> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = cosine(embeddings[i]!, embeddings[j]!);
      if (best.length < sampling.neighbours || c > best[best.length - 1]!.c) {
        best.push({ j, c });
        best.sort((x, y) => y.c - x.c || x.j - y.j);
        if (best.length > sampling.neighbours) best.pop();
      }
    }
    for (const { j } of best) {
      if (!taken.has(key(i, j))) {
        taken.add(key(i, j));
        candidates.push([Math.min(i, j), Math.max(i, j)]);
      }
    }
  }
  return { random, candidates };
}

/** Comparisons that pick the second session's candidates: pairs sharing a name, a phone, an ID number or a county. */
export const NAME_BLOCKING: readonly Comparison[] = ['person', 'organisation', 'official', 'phone', 'id_number', 'place'];

/** Does a pair share what NAME_BLOCKING blocks on? */
export function sharesName(f: PairFeatures): boolean {
  return ['person', 'organisation', 'official', 'phone', 'id_number'].some((c) => f.fields[c as PairField].state === 'agree') || f.fields.place.state === 'county';
}

/**
 * Splink's two sessions: EM over the nearest-neighbour candidates (blocked on the cosine) estimates
 * every m but the cosine's, and λ; EM over the pairs that share a name or a county (blocked on
 * those) estimates the cosine's m. Without such pairs the cosine keeps its starting m.
 */
export function twoSessionEm(neighbours: readonly PairFeatures[], named: readonly PairFeatures[], u: Distribution, edges: LevelEdges, start: { m: Distribution; lambda: number }): EmResult & { namedIterations: number } {
  const first = emM(neighbours, u, edges, start, { blockedOn: ['cosine'] });
  if (named.length < 20) return { ...first, namedIterations: 0 };
  const second = emM(named, u, edges, { m: first.m, lambda: 0.5 }, { blockedOn: NAME_BLOCKING });
  return { ...first, m: { ...first.m, cosine: second.m.cosine }, namedIterations: second.iterations };
}

/** Index pairs of leads that share a blocking key (a county, a name): each group of at most `maxGroup` leads, all its pairs. */
export function blockedPairs(keys: readonly (readonly string[])[], maxGroup = 60, limit = 20000): Array<[number, number]> {
  const groups = new Map<string, number[]>();
  keys.forEach((ks, i) => {
    for (const k of new Set(ks)) groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  const seen = new Set<string>();
  const out: Array<[number, number]> = [];
  for (const [, g] of [...groups].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (g.length < 2 || g.length > maxGroup) continue;
    for (let x = 0; x < g.length; x++) {
      for (let y = x + 1; y < g.length; y++) {
        const key = `${g[x]}:${g[y]}`;
        if (seen.has(key) || out.length >= limit) continue;
        seen.add(key);
        out.push([g[x]!, g[y]!]);
      }
    }
  }
  return out;
}
