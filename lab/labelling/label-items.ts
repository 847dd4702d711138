/**
 * What the labeller reads: one item per JSON line of `--data FILE`, per task (docs/LABELLING.md §5).
 *
 *   scope     {"id", "text", "title"?}                     or {"msg_id", …} as the board writes it
 *   pairs     {"a", "b", "textA", "textB", "titleA"?, "titleB"?, "source"?}
 *   province  {"id", "text"}                                or {"id", "fact"} as the court facts write it
 *
 * A line without its text is resolved by id against a text source: `--shared DIR` (board messages
 * by msg_id for scope and pairs, court facts by id for province) or `--texts FILE` (any JSONL of
 * {"id"|"msg_id", "title"?, "text"|"fact"}). So the output of lab/labelling/select-samples.ts
 * ({"set", "id"}: lines of another set are dropped; the set defaults to the task's name) and of
 * pair-candidates.ts ({"a", "b", "source", …}) feed it as they are, and no text is written to disk.
 */
import { join } from 'node:path';
import { ValidationError } from '../../models/errors';
import { readJsonLines } from '../data/shared-data';
import { pairKey, type LabelTask } from './label-format';

/** A text to read: a board message has a title, a court fact has none. */
export interface TextRecord {
  readonly title?: string;
  readonly text: string;
}

export interface ScopeItem extends TextRecord {
  readonly task: 'scope';
  readonly id: string;
}

/** Always in label order: `a` < `b` as strings, `left` the text of `a`. */
export interface PairItem {
  readonly task: 'pairs';
  readonly a: string;
  readonly b: string;
  readonly left: TextRecord;
  readonly right: TextRecord;
  readonly source?: string;
}

export interface ProvinceItem extends TextRecord {
  readonly task: 'province';
  readonly id: string;
}

export type LabelItem = ScopeItem | PairItem | ProvinceItem;

/** Finds a text by id (`--shared`, `--texts`); undefined when it has none. */
export type TextLookup = (id: string) => TextRecord | undefined;

export function itemKey(item: LabelItem): string {
  return item.task === 'pairs' ? pairKey(item.a, item.b) : item.id;
}

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function record(body: string | undefined, title: unknown): TextRecord | undefined {
  if (body === undefined) return undefined;
  const t = text(title);
  return t ? { title: t, text: body } : { text: body };
}

function resolve(id: string, own: TextRecord | undefined, lookup: TextLookup | undefined, where: string): TextRecord {
  const found = own ?? lookup?.(id);
  if (found) return found;
  throw new ValidationError(
    lookup ? `${where}: no text for id ${id} in the text source` : `${where}: the line has no text for id ${id}; pass --shared DIR or --texts FILE to look it up`,
  );
}

function parseItem(task: LabelTask, raw: Raw, lookup: TextLookup | undefined, where: string): LabelItem {
  if (task === 'pairs') {
    const [a, b] = [str(raw.a), str(raw.b)];
    if (!a || !b || a === b) throw new ValidationError(`${where}: a pair needs two different ids "a" and "b"`);
    const textA = resolve(a, record(text(raw.textA), raw.titleA), lookup, where);
    const textB = resolve(b, record(text(raw.textB), raw.titleB), lookup, where);
    const source = str(raw.source);
    const [left, right] = a < b ? [textA, textB] : [textB, textA];
    return { task, a: a < b ? a : b, b: a < b ? b : a, left, right, ...(source ? { source } : {}) };
  }
  const id = str(raw.id) ?? str(raw.msg_id);
  if (!id) throw new ValidationError(`${where}: an item needs an "id"`);
  const own = record(text(raw.text) ?? text(raw.fact), raw.title);
  return { task, id, ...resolve(id, own, lookup, where) };
}

/**
 * The items of `lines` for `task`, in input order. Lines with a `set` other than `set` (default:
 * the task's name) are left out; an unreadable line or a text that cannot be found fails the
 * whole input with its line number, before anything is shown.
 */
export function parseItems(task: LabelTask, lines: readonly string[], options: { set?: string; lookup?: TextLookup; file?: string } = {}): LabelItem[] {
  const wanted = options.set ?? task;
  const items: LabelItem[] = [];
  lines.forEach((line, n) => {
    if (!line.trim()) return;
    const where = `${options.file ?? 'input'} line ${n + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new ValidationError(`${where}: not JSON`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ValidationError(`${where}: not a JSON object`);
    const set = (raw as Raw).set;
    if (typeof set === 'string' && set !== wanted) return;
    items.push(parseItem(task, raw as Raw, options.lookup, where));
  });
  return items;
}

interface SourceLine {
  readonly id?: unknown;
  readonly msg_id?: unknown;
  readonly title?: unknown;
  readonly text?: unknown;
  readonly fact?: unknown;
}

function lookupOf(rows: readonly SourceLine[]): TextLookup {
  const byId = new Map<string, TextRecord>();
  for (const r of rows) {
    const id = str(r.msg_id) ?? str(r.id);
    const body = record(text(r.text) ?? text(r.fact), r.title);
    if (id && body && !byId.has(id)) byId.set(id, body);
  }
  return (id) => byId.get(id);
}

/** `--shared DIR`: board messages (both complaint files) for scope and pairs, court facts for province. */
export function sharedTextLookup(dir: string, task: LabelTask): TextLookup {
  const files = task === 'province'
    ? [join(dir, 'cases', 'cail_subset.jsonl')]
    : [join(dir, 'complaints', 'messages_with_replies.jsonl'), join(dir, 'complaints', 'messages_labeled_sample.jsonl')];
  return lookupOf(files.flatMap((f) => readJsonLines<SourceLine>(f)));
}

/** `--texts FILE`: any JSONL of {"id"|"msg_id", "title"?, "text"|"fact"}. */
export function fileTextLookup(path: string): TextLookup {
  return lookupOf(readJsonLines<SourceLine>(path));
}
