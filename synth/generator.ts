/**
 * Seeded, reproducible generator of synthetic Chinese tip-off reports (举报) with ground truth for
 * screening (categories, place) and deduplication (incidentId, subjectId). Same options → same
 * output: the only randomness is the seeded {@link Rng}.
 */
import type { CategoryCode } from '../models/categories';
import type { ReportSubmission } from '../models/report';
import { official, organisation } from './actors';
import { CROSS_BORDER, ILLEGAL_LENDING, ONLINE_HARASSMENT, PROTECTIVE_UMBRELLA, VICE, VIGILANTE } from './categories-b';
import { GRASSROOTS_CONTROL, INDUSTRY_MONOPOLY, LAND_AND_DEMOLITION, MARKET_BULLY, POLITICAL_INFILTRATION, VILLAGE_BULLY } from './categories-a';
import { resubmit } from './compose';
import { amount, nickname, personName, timeExpr } from './identity';
import { invalidDraft, outOfScopeDraft } from './other';
import { mention, randomPlace, usableForms } from './places';
import { locate, makeReporter, renderIncident, type Incident, type ReporterActor, type TruthEntity } from './render';
import { Rng } from './rng';
import type { CategorySpec, Subject } from './spec';

export type ReportKind = 'original' | 'retelling' | 'resubmission' | 'same-subject-other-incident' | 'out-of-scope' | 'invalid';

export interface GroundTruth {
  /** Reports with the same incidentId describe the same incident (duplicates). */
  incidentId: string;
  /** Same reported person/organisation (related, possibly a different incident). */
  subjectId: string;
  kind: ReportKind;
  /** All defensible categories, primary first. */
  categories: CategoryCode[];
  /** GB/T 2260 codes of where the facts happened, as far as the submission lets a reader resolve them; null when it names no place. */
  provinceCode: string | null;
  prefectureCode: string | null;
  countyCode: string | null;
  /** In-scope reports: the names written into the text, by type (render.ts `TruthEntity`). */
  entities?: TruthEntity[];
}

export interface GeneratedReport {
  id: string;
  submission: ReportSubmission;
  truth: GroundTruth;
}

export interface GeneratorOptions {
  count: number;
  seed: number;
  /** Share of reports that belong to incidents reported more than once (default 0.30). */
  duplicateRate?: number;
  outOfScopeRate?: number;
  invalidRate?: number;
  /** Share of reports about an already reported subject but a different incident (default 0.05). */
  sameSubjectRate?: number;
  /** Share of duplicates that are the same reporter re-sending (vs. another reporter retelling; default 0.3). */
  resubmissionShare?: number;
}

export const CATEGORY_SPECS: readonly CategorySpec[] = [
  POLITICAL_INFILTRATION, GRASSROOTS_CONTROL, VILLAGE_BULLY, LAND_AND_DEMOLITION, INDUSTRY_MONOPOLY, MARKET_BULLY,
  VICE, ILLEGAL_LENDING, VIGILANTE, ONLINE_HARASSMENT, CROSS_BORDER, PROTECTIVE_UMBRELLA,
];
const SPEC_BY_CODE = new Map(CATEGORY_SPECS.map((s) => [s.code, s]));
/** Rough shares of primary categories among in-scope reports. */
const PRIMARY_WEIGHTS: ReadonlyArray<readonly [CategorySpec, number]> = [
  [POLITICAL_INFILTRATION, 3], [GRASSROOTS_CONTROL, 12], [VILLAGE_BULLY, 14], [LAND_AND_DEMOLITION, 8], [INDUSTRY_MONOPOLY, 10],
  [MARKET_BULLY, 8], [VICE, 12], [ILLEGAL_LENDING, 12], [VIGILANTE, 6], [ONLINE_HARASSMENT, 4], [CROSS_BORDER, 4], [PROTECTIVE_UMBRELLA, 7],
];
const GROUP_SIZES: ReadonlyArray<readonly [number, number]> = [[2, 50], [3, 25], [4, 12], [5, 7], [6, 4], [8, 2]];
const AGES = ['四十多岁', '五十来岁', '三十多岁', '六十岁左右', '四十岁左右', '五十多岁'];
const GANG_SIZES = ['十几个', '二十多个', '七八个', '三十多个', '五六个', '一二十个'];

interface Draft {
  submission: ReportSubmission;
  truth: GroundTruth;
}

export function generateReports(options: GeneratorOptions): GeneratedReport[] {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a number, got ${seed}`);
  const rate = (v: number | undefined, d: number, name: string) => {
    const r = v ?? d;
    if (!(r >= 0 && r <= 1)) throw new Error(`${name} must be within [0, 1], got ${r}`);
    return r;
  };
  const dupRate = rate(options.duplicateRate, 0.3, 'duplicateRate');
  const oosRate = rate(options.outOfScopeRate, 0.12, 'outOfScopeRate');
  const invRate = rate(options.invalidRate, 0.05, 'invalidRate');
  const sameRate = rate(options.sameSubjectRate, 0.05, 'sameSubjectRate');
  const resubShare = rate(options.resubmissionShare, 0.3, 'resubmissionShare');
  if (oosRate + invRate > 1) throw new Error('outOfScopeRate + invalidRate must not exceed 1');

  const rng = new Rng(seed);
  const nInvalid = Math.round(count * invRate);
  const nOos = Math.min(count - nInvalid, Math.round(count * oosRate));
  const nIn = count - nInvalid - nOos;
  const nSame = Math.min(Math.round(count * sameRate), Math.floor(nIn / 3));
  let dupLeft = Math.min(Math.round(count * dupRate), nIn - nSame);
  const groups: number[] = [];
  while (dupLeft >= 2) {
    let size = Math.min(rng.weighted(GROUP_SIZES), dupLeft);
    if (dupLeft - size === 1) size = size > 2 ? size - 1 : size + 1;
    groups.push(size);
    dupLeft -= size;
  }
  const nSingles = nIn - nSame - groups.reduce((a, b) => a + b, 0);

  let subjects = 0;
  let incidents = 0;
  const newSubject = (spec: CategorySpec): Subject => {
    const place = randomPlace(rng);
    const boss = personName(rng, rng.chance(0.92));
    const isOfficial = spec.code === 'PROTECTIVE_UMBRELLA';
    const post = isOfficial ? official(rng, place, rng.chance(0.7) ? 'county' : 'town') : undefined;
    const position = post ? post.unit + post.position : spec.position?.(rng, place);
    return {
      id: `S-${seed}-${++subjects}`,
      boss,
      ...(rng.chance(isOfficial ? 0.1 : 0.55) ? { nick: nickname(rng, boss) } : {}),
      ...(position ? { position } : {}),
      henchmen: Array.from({ length: rng.int(1, 3) }, () => personName(rng, true)),
      age: rng.pick(AGES),
      place,
      ...(post ? { official: { unit: post.unit, position: post.position } } : {}),
    };
  };
  const newIncident = (subject: Subject, spec: CategorySpec): Incident => {
    const setup = spec.setup(rng, subject);
    const umb = subject.official
      ? { official: { person: subject.boss, name: subject.boss.name, unit: subject.official.unit, position: subject.official.position, label: subject.boss.name }, rel: '', bribe: '' }
      : rng.chance(spec.umbrellaRate)
        ? { official: official(rng, subject.place), rel: rng.pick(['表哥', '小舅子', '老同学', '把兄弟', '老战友', '亲家']), bribe: amount(rng, 'medium') }
        : undefined;
    const facets = spec.facets ?? [spec.bodies.map((_, k) => k)];
    const cats: CategoryCode[] = [spec.code];
    const add = (c: CategoryCode) => { if (!cats.includes(c)) cats.push(c); };
    if (setup.gangCategory) add(setup.gangCategory);
    if (umb) add('PROTECTIVE_UMBRELLA');
    for (const e of setup.extras) add(e.category);
    return {
      id: `I-${seed}-${++incidents}`,
      subject, spec, setup, categories: cats,
      ...(setup.orgKind ? { org: organisation(rng, setup.orgKind, subject.place) } : {}),
      time: timeExpr(rng, setup.period),
      amount: setup.amount ?? amount(rng, setup.amountScale),
      bodies: facets[setup.facet ?? rng.int(0, facets.length - 1)] ?? [0],
      victim: personName(rng),
      gangSize: rng.pick(GANG_SIZES),
      ...(umb ? { umbrella: umb } : {}),
    };
  };
  const draft = (inc: Incident, body: number, rep: ReporterActor, kind: ReportKind): Draft => {
    const r = renderIncident(rng, inc, body, rep);
    const f = r.submission.facts;
    return {
      submission: r.submission,
      truth: { incidentId: inc.id, subjectId: inc.subject.id, kind, categories: inc.categories, ...locate(inc.subject.place, r.mentions, [f.text, f.place, r.submission.subject.location]), entities: r.entities },
    };
  };

  /** Reports in creation order, grouped by incident (order inside a group is kept). */
  const batches: Draft[][] = [];
  const known: Incident[] = [];
  const reportIncident = (size: number) => {
    const spec = rng.weighted(PRIMARY_WEIGHTS);
    const inc = newIncident(newSubject(spec), spec);
    known.push(inc);
    const used = [rng.pick(inc.bodies)];
    const first = draft(inc, used[0] as number, makeReporter(rng, inc.subject.place), 'original');
    const batch = [first];
    const sent: Array<{ d: Draft; rep: ReporterActor }> = [{ d: first, rep: { reporter: first.submission.reporter } }];
    for (let i = 1; i < size; i++) {
      if (rng.chance(resubShare)) {
        const prev = rng.pick(sent);
        const text = resubmit(rng, prev.d.submission.facts.text);
        const submission: ReportSubmission = { ...prev.d.submission, facts: { ...prev.d.submission.facts, text } };
        const d: Draft = { submission, truth: { ...prev.d.truth, kind: 'resubmission' } };
        batch.push(d);
      } else {
        const free = inc.bodies.filter((k) => !used.includes(k));
        const body = free.length ? rng.pick(free) : rng.pick(inc.bodies);
        used.push(body);
        const rep = makeReporter(rng, inc.subject.place);
        const d = draft(inc, body, rep, 'retelling');
        batch.push(d);
        sent.push({ d, rep });
      }
    }
    batches.push(batch);
  };
  for (const size of groups) reportIncident(size);
  for (let i = 0; i < nSingles; i++) reportIncident(1);
  for (let i = 0; i < nSame; i++) {
    const base = rng.pick(known);
    const spec = SPEC_BY_CODE.get(rng.pick(base.spec.related)) ?? base.spec;
    const inc = newIncident(base.subject, spec);
    batches.push([draft(inc, rng.pick(inc.bodies), makeReporter(rng, base.subject.place), 'same-subject-other-incident')]);
  }
  for (let i = 0; i < nOos; i++) batches.push([outOfScope(rng, seed, i)]);
  for (let i = 0; i < nInvalid; i++) batches.push([invalid(rng, seed, i)]);

  // Interleave: each report gets a random arrival key; reports of one incident keep their order.
  const keyed: Array<{ key: number; d: Draft }> = [];
  for (const batch of batches) {
    const keys = batch.map(() => rng.next()).sort((a, b) => a - b);
    batch.forEach((d, i) => keyed.push({ key: keys[i] as number, d }));
  }
  keyed.sort((a, b) => a.key - b.key);
  const width = Math.max(6, String(count).length);
  return keyed.map(({ d }, i) => ({ id: `syn-${seed}-${String(i).padStart(width, '0')}`, submission: d.submission, truth: d.truth }));
}

function outOfScope(rng: Rng, seed: number, i: number): Draft {
  const place = randomPlace(rng);
  const withPlace = rng.chance(0.7);
  const forms = usableForms(place);
  const m = mention(place, rng.pick(forms), rng.chance(0.3) ? 'town' : 'none');
  const d = outOfScopeDraft(rng, withPlace ? m.text : null, timeExpr(rng, false).text);
  const factsPlace = withPlace && rng.chance(0.4) ? m.text : undefined;
  const mentions = withPlace && (d.text.includes(m.text) || factsPlace) ? [m] : [];
  const rep = makeReporter(rng, place);
  const cat = rng.chance(0.3) ? rng.pick(CATEGORY_SPECS).code : undefined;
  const submission: ReportSubmission = {
    reporter: rep.reporter,
    subject: { people: d.people, ...(d.organisation ? { organisation: d.organisation } : {}) },
    facts: { text: d.text, ...(factsPlace ? { place: factsPlace } : {}), ...(cat ? { reporterCategory: cat } : {}) },
  };
  return {
    submission,
    truth: { incidentId: `I-${seed}-oos-${i}`, subjectId: `S-${seed}-oos-${i}`, kind: 'out-of-scope', categories: ['OUT_OF_SCOPE'], ...locate(mentions.length ? place : null, mentions, [d.text, factsPlace]) },
  };
}

function invalid(rng: Rng, seed: number, i: number): Draft {
  const place = randomPlace(rng);
  const m = mention(place, rng.pick(usableForms(place)), 'none');
  const d = invalidDraft(rng, m.text);
  const rep: ReporterActor = rng.chance(0.8) ? { reporter: { anonymous: true } } : makeReporter(rng, place);
  return {
    submission: { reporter: rep.reporter, subject: { people: [] }, facts: { text: d.text } },
    truth: { incidentId: `I-${seed}-inv-${i}`, subjectId: `S-${seed}-inv-${i}`, kind: 'invalid', categories: ['INVALID'], ...locate(d.placeUsed ? place : null, d.placeUsed ? [m] : [], [d.text]) },
  };
}
