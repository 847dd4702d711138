/**
 * Entity extraction by pattern and by what the form says: phones, ID numbers (check digit
 * validated), amounts in yuan (entities-amounts.ts), dates and periods (entities-periods.ts),
 * organisations by their suffix, people and officials named on the form or in the text
 * (entities-people.ts, entities-officials.ts), and places (see gazetteer.ts). Every entity keeps
 * its span in the screened text so that the UI can highlight it.
 */
import type { Entity } from '../models/lead';
import { isValidIdNumber } from '../models/id-number';
import type { ReportReceived } from '../models/messages';
import { extractAmounts } from './entities-amounts';
import { extractOfficials, officialLevel } from './entities-officials';
import { extractPeople } from './entities-people';
import { extractDates } from './entities-periods';
import { ORGANISATION_SUFFIX, settleEntities, type Tagger } from './entity-boundaries';
import type { Gazetteer, PlaceMention } from './gazetteer';

export { parseNumber } from './entities-amounts';
export { officialLevel } from './entities-officials';

const PHONE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d{9})(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])(\d{17}[\dXx])(?![\dXx])/g;
const ORGANISATION = new RegExp(`[\\u4e00-\\u9fa5A-Za-z0-9]{2,12}?(?:${ORGANISATION_SUFFIX.source})`, 'g');
/** Words that end the phrase before an organisation's name: its name starts after the last of them. */
const BOUNDARY = /.*(的|在|是|和|与|被|把|向|到|给|由|对|了|开设|开办|经营|成立|注册|举报|纠集|伙同|勾结|通过|利用|找来|雇佣|[，。、；：,.;:\s])/;

/** "市普宁市的陈志强开设鑫达小额贷款公司" → "鑫达小额贷款公司". */
export function trimOrganisation(raw: string): string {
  const cut = raw.replace(BOUNDARY, '');
  // A match that began inside a place name ("…长沙市岳麓区…") keeps the whole names only.
  return cut.replace(/^[省市区县镇乡村](?=.{3,})/, '');
}

function matchAll(text: string, re: RegExp, build: (m: RegExpExecArray) => Entity | undefined): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(re)) {
    const e = build(m as RegExpExecArray);
    if (e) out.push(e);
  }
  return out;
}

export function extractPatternEntities(text: string): Entity[] {
  const phones = matchAll(text, PHONE, (m) => ({ type: 'phone', text: m[0], start: m.index, end: m.index + m[0].length, value: m[1] }));
  const ids = matchAll(text, ID_NUMBER, (m) =>
    isValidIdNumber(m[1]!) ? { type: 'id_number', text: m[0], start: m.index, end: m.index + m[0].length, value: m[1]!.toUpperCase() } : undefined,
  );
  const amounts = extractAmounts(text);
  const dates = extractDates(text);
  const organisations = matchAll(text, ORGANISATION, (m) => {
    const trimmed = trimOrganisation(m[0]);
    if (trimmed.length < 3) return undefined;
    const start = m.index + (m[0].length - trimmed.length);
    return { type: 'organisation', text: trimmed, start, end: start + trimmed.length, value: trimmed };
  });
  return [...phones, ...ids, ...amounts, ...dates, ...organisations];
}

/**
 * People and officials: those named on the form, found wherever they occur in the text, then
 * those the text names itself (entities-people.ts, entities-officials.ts). The form says who:
 * where the text writes a form official with unit and position ("某镇派出所所长周某"), the
 * wider span is kept with the form's value, so that every mention of one official has one
 * value; any other text entity overlapping a form entity is dropped, and a person inside an
 * official's span is that official, not another entity.
 */
export function extractNamedEntities(text: string, report?: Pick<ReportReceived, 'subject' | 'umbrella'>): Entity[] {
  let form = formEntities(text, report);
  const overlaps = (e: Entity, o: Entity): boolean => o.start < e.end && e.start < o.end;
  const officials: Entity[] = [];
  for (const e of extractOfficials(text)) {
    const inside = form.filter((f) => f.type === 'official' && overlaps(e, f));
    if (inside.length === 0) officials.push(e);
    else if (inside.length === 1 && inside[0]!.start >= e.start && inside[0]!.end <= e.end) {
      const level = e.level ?? inside[0]!.level;
      officials.push({ ...e, value: inside[0]!.value ?? e.value, ...(level ? { level } : {}) });
      form = form.filter((f) => f !== inside[0]);
    }
  }
  const taken = [...form, ...officials];
  const people = extractPeople(text).filter((e) => !taken.some((t) => overlaps(e, t)));
  return [...form, ...officials, ...people].sort((a, b) => a.start - b.start || a.end - b.end);
}

function formEntities(text: string, report: Pick<ReportReceived, 'subject' | 'umbrella'> | undefined): Entity[] {
  const out: Entity[] = [];
  const seen = new Set<string>();
  const mark = (type: Entity['type'], name: string | undefined, extra: Omit<Entity, 'type' | 'text' | 'start' | 'end'>): void => {
    if (!name || name.length < 2 || seen.has(`${type}:${name}`)) return;
    seen.add(`${type}:${name}`);
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      out.push({ type, text: name, start: i, end: i + name.length, ...extra });
    }
  };
  for (const p of report?.subject.people ?? []) {
    if (p.name) mark('person', p.name, { value: p.name });
    for (const nick of p.nicknames ?? []) mark('person', nick, { value: p.name ?? nick });
  }
  for (const o of report?.umbrella?.officials ?? []) {
    const level = officialLevel(o.unit ?? '', o.position ?? '');
    mark('official', o.name, {
      value: [o.unit, o.position].filter(Boolean).join(' ') || o.name!,
      ...(o.position ? { role: o.position } : {}),
      ...(level ? { level } : {}),
    });
  }
  return out.map((e) => (e.type === 'official' ? withFormPost(text, e, report?.umbrella?.officials ?? []) : e));
}

/** A form official's name written after the unit and post the form gives ("临武县人民法院的法官周海") spans them. */
function withFormPost(text: string, e: Entity, officials: NonNullable<ReportReceived['umbrella']>['officials']): Entity {
  const o = officials?.find((x) => x.name === e.text);
  if (!o?.position) return e;
  const before = text.slice(0, e.start);
  const written = [o.unit && `${o.unit}${o.position}`, o.unit && `${o.unit}的${o.position}`, o.position].find((p) => p && before.endsWith(p));
  if (!written) return e;
  const start = e.start - written.length;
  return { ...e, text: text.slice(start, e.end), start };
}

export function placeEntities(mentions: readonly PlaceMention[], offset = 0): Entity[] {
  return mentions.map((m) => ({
    type: 'place',
    text: m.text,
    start: m.start + offset,
    end: m.end + offset,
    // An ambiguous name keeps all its codes, comma-separated.
    value: m.candidates.map((c) => c.code).join(','),
  }));
}

export interface EntityDeps {
  readonly gazetteer: Pick<Gazetteer, 'find'>;
  readonly tagger: Tagger;
}

/**
 * Every entity of a text with its exact span: places of the gazetteer, pattern entities, people
 * and officials (the form's first), settled word by word (entity-boundaries.ts).
 */
export function extractEntities(text: string, deps: EntityDeps, report?: Pick<ReportReceived, 'subject' | 'umbrella'>): Entity[] {
  return settleEntities(text, [...placeEntities(deps.gazetteer.find(text)), ...textEntities(text, report)], deps.tagger);
}

/** Everything but the gazetteer's places, before settling: redacted divisions, patterns, people and officials. */
export function textEntities(text: string, report?: Pick<ReportReceived, 'subject' | 'umbrella'>): Entity[] {
  return [...redactedDivisions(text), ...extractPatternEntities(text), ...extractNamedEntities(text, report)];
}

/** Divisions whose names were redacted to a letter and a number ("A市", "A3区", "L10县"): places with no code. */
const REDACTED_DIVISION = /(?<![A-Za-z0-9])[A-Z]\d{0,2}(?:省|市|区|县)/g;

function redactedDivisions(text: string): Entity[] {
  return [...text.matchAll(REDACTED_DIVISION)].map((m) => ({ type: 'place', text: m[0], start: m.index, end: m.index + m[0].length }));
}
