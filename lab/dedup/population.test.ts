import { PAIR_FIELDS, type FieldState, type PairFeatures } from '../../dedup/pairs/features';
import { binWeight, contributions, logOddsOf } from '../../dedup/pairs/scorer';
import { seededRandom } from './labelled-pairs';
import { chooseEvidenceScale, type LabelledFeatures } from './calibrate';
import { rocAuc } from './metrics';
import { emM, estimateU, initialM, levelEdges, populationModel, populationPairs } from './population';

/** A pair with the given person and date states (other fields missing), cosine and shingle. */
function pair(person: FieldState, date: FieldState, cosine: number, shingle: number): PairFeatures {
  const fields = Object.fromEntries(PAIR_FIELDS.map((f) => [f, { state: 'missing' }])) as Record<string, { state: FieldState }>;
  fields.person = { state: person };
  fields.date = { state: date };
  return { cosine, shingle, fields: fields as unknown as PairFeatures['fields'] };
}

/** Matches agree on the person 90% of the time, non-matches 5%; dates 80% / 30%; cosines high / low. */
function synthetic(n: number, matchShare: number, seed: number): Array<{ f: PairFeatures; match: boolean }> {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const match = r() < matchShare;
    const person: FieldState = r() < (match ? 0.9 : 0.05) ? 'agree' : 'disagree';
    const date: FieldState = r() < (match ? 0.8 : 0.3) ? 'agree' : 'disagree';
    const cosine = match ? 0.85 + 0.15 * r() : 0.3 + 0.6 * r();
    return { f: pair(person, date, cosine, match ? 0.3 * r() : 0.05 * r()), match };
  });
}

describe('weights from the population (u from random pairs, m by EM)', () => {
  const random = synthetic(4000, 0, 1).map((x) => x.f);
  const candidates = synthetic(3000, 0.3, 2);
  const edges = levelEdges(candidates.map((x) => x.f), random);
  const u = estimateU(random, edges);

  it('estimates u as the states\' frequencies among random pairs', () => {
    expect(u.person.agree!).toBeCloseTo(0.05, 1);
    expect(u.date.agree!).toBeCloseTo(0.3, 1);
  });

  it('recovers m and the share of matches among unlabelled candidates by EM, from an uninformed start', () => {
    const em = emM(candidates.map((x) => x.f), u, edges, { m: initialM(edges), lambda: 0.1 });
    expect(em.lambda).toBeCloseTo(0.3, 1);
    expect(em.m.person.agree!).toBeCloseTo(0.9, 1);
    expect(em.m.date.agree!).toBeCloseTo(0.8, 1);
    expect(em.change).toBeLessThan(1e-3);
    const model = populationModel(em, u, edges, candidates.map((x) => x.f));
    expect(model.fields.person.agree!).toBeGreaterThan(2);
    expect(model.fields.person.disagree!).toBeLessThan(-1);
    // The cosine's weight rises strictly along the scale.
    const at = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99].map((c) => binWeight(model.cosine, c));
    at.slice(1).forEach((w, i) => expect(w).toBeGreaterThan(at[i]!));
  });

  it('samples random pairs and nearest-neighbour candidates of a population, each pair once', () => {
    const vectors = [[1, 0], [0.99, 0.1], [0, 1], [0.1, 0.99], [-1, 0]];
    const { random: r, candidates: c } = populationPairs(vectors, { random: 2, neighbours: 1, seed: 3 });
    expect(c).toEqual(expect.arrayContaining([[0, 1], [2, 3]]));
    expect(new Set(c.map((p) => p.join(':'))).size).toBe(c.length);
    expect(r.every(([i, j]) => i < j)).toBe(true);
  });
});

describe('never worse than its own cosine', () => {
  it('scales misleading field evidence down until the scorer ranks labelled pairs at least as well as the cosine', () => {
    // A population model learnt elsewhere: person agreement is strong evidence…
    const random = synthetic(2000, 0, 5).map((x) => x.f);
    const cand = synthetic(2000, 0.3, 6).map((x) => x.f);
    const edges = levelEdges(cand, random);
    const u = estimateU(random, edges);
    const model = populationModel(emM(cand, u, edges, { m: initialM(edges), lambda: 0.1 }), u, edges, cand);
    // …but on these labelled pairs the names mislead (duplicates name the person differently) and the cosine is right.
    const r = seededRandom(9);
    const labelled: LabelledFeatures[] = Array.from({ length: 400 }, () => {
      const dup = r() < 0.4;
      const f = pair(r() < (dup ? 0.1 : 0.9) ? 'agree' : 'disagree', 'missing', dup ? 0.8 + 0.2 * r() : 0.55 + 0.3 * r(), 0.1);
      return { features: f, label: dup ? 'duplicate' : 'new' };
    });
    const truth = labelled.map((p) => p.label === 'duplicate');
    const cosineAuc = rocAuc(labelled.map((p) => p.features.cosine!), truth);
    const scoreAuc = (scale: number) => {
      const m = { ...model, evidenceScale: scale };
      return rocAuc(labelled.map((p) => logOddsOf(m, contributions(m, p.features))), truth);
    };
    expect(scoreAuc(1)).toBeLessThan(cosineAuc);
    const chosen = chooseEvidenceScale(model, [{ name: 'labelled', pairs: labelled }]);
    expect(scoreAuc(chosen.scale)).toBeGreaterThanOrEqual(cosineAuc);
    // At scale 0 the scorer is a strictly increasing function of the cosine: the same ranking exactly.
    expect(scoreAuc(0)).toBeCloseTo(cosineAuc, 12);
  });
});
