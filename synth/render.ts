/**
 * Turns an incident into one reporter's submission: picks the reporter's style (which narrative,
 * how they name the place and the subject, what they fill in on the form) and composes the text.
 */
import type { CategoryCode } from '../models/categories';
import { IN_SCOPE_CATEGORIES } from '../models/categories';
import type { ReportedPerson, Reporter, ReportSubmission } from '../models/report';
import type { OfficialActor } from './actors';
import { compose } from './compose';
import { idNumber, masked, mobile, personName, type Person, type TimeExpr } from './identity';
import { divisionNames, elsewhere, mention, usableForms, type MentionForm, type Place, type PlaceMention } from './places';
import { fill, type Rng } from './rng';
import type { CategorySpec, Setup, Subject } from './spec';

export interface Incident {
  id: string;
  subject: Subject;
  spec: CategorySpec;
  setup: Setup;
  categories: CategoryCode[];
  org?: string;
  time: TimeExpr;
  amount: string;
  victim: Person;
  gangSize: string;
  /** The narratives (body indices) that tell this incident's facts. */
  bodies: readonly number[];
  umbrella?: { official: OfficialActor; rel: string; bribe: string };
}

export interface ReporterActor {
  reporter: Reporter;
  person?: Person;
}

export function makeReporter(rng: Rng, place: Place): ReporterActor {
  if (rng.chance(0.4)) return { reporter: { anonymous: true } };
  const person = personName(rng, rng.chance(0.7));
  const idNum = rng.chance(0.3) ? idNumber(rng, place.county.code, person.male) : undefined;
  const other = rng.chance(0.2) ? (rng.chance(0.5) ? `微信：${person.surname.charCodeAt(0).toString(36)}${rng.int(1000, 99999)}` : `${place.town}${place.village}`) : undefined;
  return {
    person,
    reporter: { anonymous: false, name: person.name, phone: mobile(rng), ...(idNum ? { idNumber: idNum } : {}), ...(other ? { otherContact: other } : {}) },
  };
}

const FORM_WEIGHTS: Readonly<Record<MentionForm, number>> = {
  full: 3, prefCounty: 4, shortPrefCounty: 3, provCounty: 1, county: 2, prefecture: 1, provPref: 0.5,
};

export interface Rendered {
  submission: ReportSubmission;
  mentions: PlaceMention[];
  /** The names the generator wrote into the text, by type (`GroundTruth.entities`). */
  entities: TruthEntity[];
}

/**
 * An entity the generator wrote, as it is written (docs/LABELLING.md §4 says the extent of each
 * type): the labelled spans are its occurrences in the text (lab/eval/entity-eval.ts). `reporter`
 * is the reporter's own name, never an entity of the lead.
 */
export interface TruthEntity {
  type: 'person' | 'official' | 'organisation' | 'place' | 'reporter';
  text: string;
}

function truthEntities(inc: Incident, name: string, nick: string, rep: ReporterActor, inText: PlaceMention, factsPlace: PlaceMention | undefined): TruthEntity[] {
  const s = inc.subject;
  const out: TruthEntity[] = [];
  const add = (type: TruthEntity['type'], text: string | undefined) => {
    if (text && !out.some((e) => e.type === type && e.text === text)) out.push({ type, text });
  };
  if (s.position) add('official', s.position + name);
  const u = inc.umbrella;
  if (u) {
    add('official', `${u.official.unit}${u.official.position}${u.official.person.name}`);
    add('official', `${u.official.unit}的${u.official.position}${u.official.person.name}`);
    add('official', `${u.official.unit}${u.official.position}`);
    add('person', u.official.person.name);
  }
  for (const p of [name, s.boss.name, nick, inc.victim.name, ...s.henchmen.map((h) => h.name)]) add('person', p);
  for (const key of ['gboss', 'gnick'] as const) add('person', inc.setup.vars[key]);
  add('organisation', inc.org);
  for (const p of [inText.text, factsPlace?.text, s.place.county.name, s.place.town, s.place.village]) add('place', p);
  add('reporter', rep.reporter.name);
  return out;
}

/** Renders one report of an incident with the given narrative (body index). */
export function renderIncident(rng: Rng, inc: Incident, body: number, rep: ReporterActor): Rendered {
  const s = inc.subject;
  const place = s.place;
  const forms = usableForms(place);
  const form = rng.weighted(forms.map((f) => [f, FORM_WEIGHTS[f]] as const));
  const inText = mention(place, form, rng.weighted([['none', 4], ['town', 2], ['village', 3]] as const));
  const placeInText = rng.chance(0.9);
  const factsPlace = !placeInText || rng.chance(0.55) ? mention(place, rng.pick(forms.filter((f) => f !== 'prefecture' || !placeInText)), rng.chance(0.6) ? 'village' : 'none') : undefined;
  const mentions = [...(placeInText ? [inText] : []), ...(factsPlace ? [factsPlace] : [])];

  const useNick = !!s.nick && rng.chance(0.35);
  const mask = !s.official && rng.chance(0.07);
  const name = mask ? masked(s.boss) : s.boss.name;
  const nick = s.nick ?? name;
  const postShort = s.official ? s.official.position : undefined;
  const refs = useNick ? ['他', '[nick]', '[nick]', '此人'] : ['他', '此人', '[name]', '[name]', ...(s.nick ? ['[nick]'] : []), ...(postShort ? [`这个${postShort}`] : [])];
  const bossForms = [
    ...(useNick ? ['[nick]', `[nick]（真名[name]）`] : ['[name]']),
    ...(s.position ? [`[position][name]`, `[name]（[position]）`] : []),
    ...(s.nick && !useNick ? ['[name]（外号“[nick]”）', '[name]（人称[nick]）'] : []),
  ];
  const migrant = placeInText && rng.chance(0.08);
  const realName = !rep.reporter.anonymous;
  const u = inc.umbrella;
  const vars: Record<string, string | readonly string[]> = {
    ...inc.setup.vars,
    name, nick, ref: refs, sex: s.boss.male ? '{男，|}' : '{女，|}', nm: useNick ? nick : name,
    aka: s.nick ? '{外号叫[nick]|村里人都叫他[nick]|人送外号“[nick]”}' : '{谁都认识他|没人敢惹}',
    akaIntro: s.nick ? '{外号“[nick]”，|人称[nick]，|}' : '', position: s.position ?? '', boss: rng.pick(bossForms),
    place: inText.text, village: place.village, town: place.town, county: place.county.name,
    loc: ['当地', '我们这里', '本地', ...(s.position?.includes('村') ? ['我们村'] : [])],
    time: inc.time.text, amount: inc.amount, org: inc.org ?? rng.pick(['一家公司', '他自己开的公司']),
    victim: inc.victim.name, hench: s.henchmen.length ? s.henchmen.map((h) => h.name).join('、') : '几个手下',
    n: inc.gangSize, age: s.age, elsewhere: migrant ? elsewhere(rng, place.province.code) : '',
    rname: rep.reporter.name ?? '', phone: rep.reporter.phone ?? '', idnum: rep.reporter.idNumber ?? '',
    off: u ? rng.pick([u.official.label, `${u.official.person.name}（${u.official.unit}${u.official.position}）`, `${u.official.unit}的${u.official.position}${u.official.person.name}`]) : '',
    offref: u ? [u.official.person.name, `这个${u.official.position}`] : '',
    orel: u?.rel ?? '', obribe: u?.bribe ?? '',
  };
  const text = compose(rng, {
    vars,
    body: inc.spec.bodies[body % inc.spec.bodies.length] as readonly string[],
    extras: inc.setup.extras.map((e) => e.sentences),
    umbrella: !!u && !s.official,
    umbrellaPrimary: !!s.official,
    realName,
    migrant,
    placeInText,
    selfContact: realName && rng.chance(0.3),
    selfId: realName && !!rep.reporter.idNumber && rng.chance(0.4),
  });

  const people: ReportedPerson[] = [];
  const knowsName = !useNick || rng.chance(0.5);
  people.push({
    ...(knowsName ? { name: s.boss.name } : {}),
    ...(s.nick && (useNick || rng.chance(0.5)) ? { nicknames: [s.nick] } : {}),
    ...(s.position && rng.chance(0.7) ? { position: s.position } : {}),
  });
  if (inc.setup.vars.gboss) people.push({ name: inc.setup.vars.gboss, ...(inc.setup.vars.gnick !== inc.setup.vars.gboss ? { nicknames: [inc.setup.vars.gnick as string] } : {}) });
  for (const h of s.henchmen) if (text.includes(h.name) && rng.chance(0.6)) people.push({ name: h.name });

  const location = rng.chance(0.35) ? (rng.chance(0.5) ? place.town + place.village : mention(place, 'prefCounty', 'village').text) : undefined;
  const reporterCategory = pickReporterCategory(rng, inc.categories);
  const submission: ReportSubmission = {
    reporter: rep.reporter,
    subject: { people, ...(inc.org && rng.chance(0.7) ? { organisation: inc.org } : {}), ...(location ? { location } : {}) },
    facts: {
      text,
      ...(rng.chance(0.5) ? { time: inc.time.text } : {}),
      ...(factsPlace ? { place: factsPlace.text } : {}),
      ...(reporterCategory ? { reporterCategory } : {}),
    },
    ...(u ? { umbrella: { officials: [{ name: u.official.person.name, unit: u.official.unit, position: u.official.position }], ...(rng.chance(0.4) ? { text: fill(rng, '{该人|此人|他}{长期|一直}{为[who]|给[who]}{充当保护伞|通风报信|撑腰}', { who: s.official ? (inc.setup.vars.gboss as string) : name }) } : {}) } } : {}),
  };
  return { submission, mentions, entities: truthEntities(inc, name, nick, rep, inText, factsPlace) };
}

export function pickReporterCategory(rng: Rng, categories: readonly CategoryCode[]): CategoryCode | undefined {
  if (!rng.chance(0.5)) return undefined;
  const r = rng.next();
  if (r < 0.75) return categories[0];
  if (r < 0.85 && categories.length > 1) return categories[1];
  return rng.pick(IN_SCOPE_CATEGORIES);
}

/** Ground-truth codes: what the mentions resolve, plus any division name the texts spell out. */
export function locate(place: Place | null, mentions: readonly PlaceMention[], texts: readonly (string | undefined)[]): { provinceCode: string | null; prefectureCode: string | null; countyCode: string | null } {
  if (!place) return { provinceCode: null, prefectureCode: null, countyCode: null };
  const hay = texts.filter((t): t is string => !!t).join('\n');
  const prefCode = place.municipality || !place.prefecture ? null : place.prefecture.code;
  const county = mentions.some((m) => m.countyCode) || hay.includes(place.county.name);
  const pref = county || mentions.some((m) => m.prefectureCode) || (!!prefCode && divisionNames(prefCode).some((n) => hay.includes(n)));
  const prov = county || pref || mentions.length > 0 || divisionNames(place.province.code).some((n) => hay.includes(n));
  return {
    provinceCode: prov ? place.province.code : null,
    prefectureCode: pref ? prefCode : null,
    countyCode: county ? place.county.code : null,
  };
}
