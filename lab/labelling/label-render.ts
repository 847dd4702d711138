/**
 * What the labeller draws: the item with its entities highlighted by the project's own screening
 * (screening/entities.ts patterns and names, the gazetteer's places), coloured by type with ANSI
 * colours and a legend, the draft label, the keys. Pure: session in, text out.
 */
import { categoryName } from '../../models/categories';
import type { Entity, EntityType } from '../../models/lead';
import { extractNamedEntities, extractPatternEntities, placeEntities } from '../../screening/entities';
import { Gazetteer } from '../../screening/gazetteer';
import { CATEGORY_KEY_OF, keyHelp } from './label-keys';
import type { TextRecord } from './label-items';
import { completeDivision } from './division-completion';
import { currentItem, isFinished, labelledCount, type Session } from './label-session';

const RESET = '\x1b[0m';
const COLOURS: Record<EntityType, string> = {
  place: '\x1b[1;32m',
  person: '\x1b[1;33m',
  organisation: '\x1b[1;36m',
  official: '\x1b[1;35m',
  phone: '\x1b[1;31m',
  id_number: '\x1b[1;31m',
  amount: '\x1b[1;34m',
  date: '\x1b[4m',
};
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const INVERSE = '\x1b[7m';

let gazetteer: Gazetteer | undefined;

/** The entities screening finds in `text`, without overlaps (earlier first, then longer). */
export function highlightEntities(text: string): Entity[] {
  gazetteer ??= Gazetteer.default();
  const all = [...placeEntities(gazetteer.find(text)), ...extractPatternEntities(text), ...extractNamedEntities(text)].sort(
    (a, b) => a.start - b.start || b.end - b.start - (a.end - a.start),
  );
  const kept: Entity[] = [];
  for (const e of all) if (e.start >= (kept[kept.length - 1]?.end ?? 0)) kept.push(e);
  return kept;
}

export interface RenderOptions {
  /** ANSI colours and a cleared screen (a terminal); plain text otherwise (a pipe, a log). */
  readonly colour: boolean;
  /** The keys under the item (default true; a pipe prints them with the first item only). */
  readonly help?: boolean;
}

const paint = (o: RenderOptions, style: string, s: string): string => (o.colour ? `${style}${s}${RESET}` : s);

/** `text` with each entity painted in its type's colour; in plain mode marked as [text|type]. */
export function highlight(text: string, o: RenderOptions): string {
  let out = '';
  let at = 0;
  for (const e of highlightEntities(text)) {
    out += text.slice(at, e.start);
    const span = text.slice(e.start, e.end);
    out += o.colour ? paint(o, COLOURS[e.type], span) : `[${span}|${e.type}]`;
    at = e.end;
  }
  return out + text.slice(at);
}

export function legend(o: RenderOptions): string {
  return `entities: ${(Object.keys(COLOURS) as EntityType[]).map((t) => paint(o, COLOURS[t], t)).join(' ')}`;
}

function textBlock(label: string, r: TextRecord, o: RenderOptions): string[] {
  return [paint(o, BOLD, label), ...(r.title ? [paint(o, BOLD, highlight(r.title, o))] : []), highlight(r.text, o), ''];
}

function itemLines(s: Session, o: RenderOptions): string[] {
  const item = currentItem(s)!;
  if (item.task === 'pairs') {
    const source = item.source ? ` (proposed by ${item.source})` : '';
    return [...textBlock(`A  ${item.a}${source}`, item.left, o), ...textBlock(`B  ${item.b}`, item.right, o)];
  }
  return textBlock(`${item.task === 'scope' ? 'message' : 'court fact'} ${item.id}`, item, o);
}

function draftLines(s: Session, o: RenderOptions): string[] {
  const d = s.draft;
  const lines: string[] = [];
  if (s.task === 'scope') {
    const cats = d.allowed.map((c, i) => `${CATEGORY_KEY_OF.get(c)} ${categoryName(c)}${i === 0 ? ' (primary)' : ''}`);
    lines.push(`label: ${cats.length ? `in scope: ${cats.join(', ')}` : '—'}${d.borderline ? paint(o, BOLD, ' · borderline') : ''}`);
  }
  if (s.task === 'province') {
    lines.push(`place: ${d.query || '—'}`);
    completeDivision(d.query).forEach((c, i) => {
      const line = `  ${c.path.join(' › ')}  ${c.countyCode ?? c.prefectureCode ?? c.provinceCode}`;
      lines.push(i === d.selected ? paint(o, INVERSE, line) : line);
    });
  }
  if (d.note || d.editingNote) lines.push(`note: ${d.note}${d.editingNote ? '▏' : ''}`);
  return lines;
}

/** The whole screen for the session's current state. */
export function renderSession(s: Session, o: RenderOptions): string {
  const progress = `${s.task} · ${labelledCount(s)}/${s.items.length} labelled · labeller ${s.labeller}`;
  const status = s.message ? [paint(o, DIM, s.message)] : [];
  if (isFinished(s)) return [progress, 'no item left to label: u undoes the last, q quits', ...status, ''].join('\n');
  const position = `item ${s.index + 1} of ${s.items.length}`;
  return [
    paint(o, DIM, `${progress} · ${position}`),
    legend(o),
    '',
    ...itemLines(s, o),
    ...draftLines(s, o),
    ...(o.help === false ? [] : keyHelp(s.task).map((l) => paint(o, DIM, l))),
    ...status,
    '',
  ].join('\n');
}
