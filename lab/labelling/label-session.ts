/**
 * The labeller as a pure state machine: (session, key) → (session, effects). The terminal shell
 * (label-terminal.ts) only reads keys, applies the effects to the output file and draws the
 * session; everything a labeller can do is decided here and unit-tested.
 *
 * Invariants: a label is emitted once, at the key that decides it ("save at once"); `done` holds
 * every item whose label is in the output file, so the session never shows one again (resume);
 * undo removes the last label this session wrote (the shell truncates the file to before it) and
 * shows its item again; a skipped item stays unlabelled and comes back in the next session.
 */
import { IN_SCOPE_CATEGORIES, type CategoryCode } from '../../models/categories';
import { completeDivision } from './division-completion';
import type { Label, LabelTask, PairLabelValue } from './label-format';
import { itemKey, type LabelItem } from './label-items';
import { BACKSPACE, CATEGORY_KEYS, CTRL_C, DOWN, ENTER, ESCAPE, SHIFT_TAB, TAB, UP, type Key } from './label-keys';

/** What is being decided for the item on screen, before the deciding key. */
export interface Draft {
  /** Scope: the chosen target categories, primary first. */
  readonly allowed: readonly CategoryCode[];
  readonly borderline: boolean;
  /** Scope: `p` was pressed; the next category key becomes primary. */
  readonly choosingPrimary: boolean;
  readonly note: string;
  readonly editingNote: boolean;
  /** Province: the typed place and the chosen completion. */
  readonly query: string;
  readonly selected: number;
}

export interface Session {
  readonly task: LabelTask;
  readonly labeller: string;
  readonly items: readonly LabelItem[];
  /** Keys (label-items.ts `itemKey`) of the items labelled in the output file. */
  readonly done: ReadonlySet<string>;
  /** The item on screen; `items.length` when none is left. */
  readonly index: number;
  readonly draft: Draft;
  readonly history: ReadonlyArray<{ readonly index: number; readonly saved: boolean }>;
  /** One line of feedback on the last key. */
  readonly message?: string;
  readonly quit: boolean;
}

export type Effect = { readonly kind: 'append'; readonly label: Label } | { readonly kind: 'remove-last' };

export interface StepResult {
  readonly session: Session;
  readonly effects: readonly Effect[];
}

export const EMPTY_DRAFT: Draft = { allowed: [], borderline: false, choosingPrimary: false, note: '', editingNote: false, query: '', selected: 0 };

export function startSession(task: LabelTask, items: readonly LabelItem[], done: ReadonlySet<string>, labeller: string): Session {
  const session: Session = { task, labeller, items, done, index: -1, draft: EMPTY_DRAFT, history: [], quit: false };
  return { ...session, index: nextOpen(session, -1) };
}

export function isFinished(s: Session): boolean {
  return s.quit || s.index >= s.items.length;
}

export function currentItem(s: Session): LabelItem | undefined {
  return s.items[s.index];
}

/** How many of the session's items are labelled. */
export function labelledCount(s: Session): number {
  return s.items.filter((item) => s.done.has(itemKey(item))).length;
}

function nextOpen(s: Session, after: number): number {
  let i = after + 1;
  while (i < s.items.length && s.done.has(itemKey(s.items[i]!))) i++;
  return i;
}

const same = (session: Session, message?: string): StepResult => ({ session: { ...session, message }, effects: [] });
const withDraft = (session: Session, draft: Partial<Draft>, message?: string): StepResult => same({ ...session, draft: { ...session.draft, ...draft } }, message);

function save(s: Session, label: Label): StepResult {
  const key = itemKey(currentItem(s)!);
  const done = new Set(s.done).add(key);
  const next: Session = { ...s, done, draft: EMPTY_DRAFT, history: [...s.history, { index: s.index, saved: true }] };
  return { session: { ...next, index: nextOpen(next, s.index), message: `saved ${key}` }, effects: [{ kind: 'append', label }] };
}

function skip(s: Session): StepResult {
  const next: Session = { ...s, draft: EMPTY_DRAFT, history: [...s.history, { index: s.index, saved: false }] };
  return same({ ...next, index: nextOpen(next, s.index) }, `skipped ${itemKey(currentItem(s)!)}`);
}

function undo(s: Session): StepResult {
  const last = s.history[s.history.length - 1];
  if (!last) return same(s, 'nothing to undo in this session');
  const key = itemKey(s.items[last.index]!);
  const done = new Set(s.done);
  done.delete(key);
  const session: Session = { ...s, done, index: last.index, draft: EMPTY_DRAFT, history: s.history.slice(0, -1), message: last.saved ? `undone: label of ${key} removed` : `back to skipped ${key}` };
  return { session, effects: last.saved ? [{ kind: 'remove-last' }] : [] };
}

/** Notes are English and never quote the text: Han characters are refused. */
function noteKey(s: Session, key: Key): StepResult {
  const note = s.draft.note;
  if (key === ENTER) return withDraft(s, { editingNote: false, note: note.trim() });
  if (key === ESCAPE) return withDraft(s, { editingNote: false, note: '' }, 'note cleared');
  if (key === BACKSPACE) return withDraft(s, { note: note.slice(0, -1) });
  if (/^[\x20-\x7e]$/.test(key)) return withDraft(s, { note: note + key });
  if (/\p{Script=Han}/u.test(key)) return same(s, 'notes are in English and never quote the text');
  return same(s);
}

const extras = (s: Session): { note?: string; labeller: string } => ({ ...(s.draft.note ? { note: s.draft.note } : {}), labeller: s.labeller });

function scopeKey(s: Session, key: Key): StepResult {
  const { draft } = s;
  const id = (currentItem(s) as { id: string }).id;
  const outOf = (code: 'OUT_OF_SCOPE' | 'INVALID'): StepResult =>
    draft.allowed.length > 0
      ? same(s, 'categories are chosen: Enter saves in scope, Esc clears them')
      : save(s, { id, inScope: false, allowed: [code], primary: code, borderline: draft.borderline, ...extras(s) });
  if (key === 'o') return outOf('OUT_OF_SCOPE');
  if (key === 'i') return outOf('INVALID');
  if (key === '?') return withDraft(s, { borderline: !draft.borderline });
  if (key === 'p') return withDraft(s, { choosingPrimary: true }, 'primary: press its category key');
  const code = CATEGORY_KEYS.get(key);
  if (code && draft.choosingPrimary) return withDraft(s, { choosingPrimary: false, allowed: [code, ...draft.allowed.filter((c) => c !== code)] });
  if (code) {
    const allowed = draft.allowed.includes(code) ? draft.allowed.filter((c) => c !== code) : [...draft.allowed, code];
    return withDraft(s, { allowed });
  }
  if (key === ENTER) {
    if (draft.allowed.length === 0) return same(s, 'choose categories first (or o / i)');
    const allowed = IN_SCOPE_CATEGORIES.filter((c) => draft.allowed.includes(c));
    return save(s, { id, inScope: true, allowed, primary: draft.allowed[0]!, borderline: draft.borderline, ...extras(s) });
  }
  return same(s, `key ${key} does nothing here`);
}

const PAIR_KEYS: ReadonlyMap<Key, PairLabelValue> = new Map([['d', 'duplicate'], ['r', 'related'], ['x', 'different']]);

function pairKeyStep(s: Session, key: Key): StepResult {
  const item = currentItem(s);
  const label = PAIR_KEYS.get(key);
  if (!label || item?.task !== 'pairs') return same(s, `key ${key} does nothing here`);
  return save(s, { a: item.a, b: item.b, label, ...(item.source ? { source: item.source } : {}), ...extras(s) });
}

function provinceKey(s: Session, key: Key): StepResult {
  const { draft } = s;
  const id = (currentItem(s) as { id: string }).id;
  const options = completeDivision(draft.query);
  if (key === '-') return save(s, { id, provinceCode: null, prefectureCode: null, countyCode: null, ...extras(s) });
  if (key === ENTER) {
    const choice = options[draft.selected];
    if (!choice) return same(s, draft.query ? `no division matches ${draft.query}` : 'type a place name or code first (- when it cannot be told)');
    return save(s, { id, provinceCode: choice.provinceCode, prefectureCode: choice.prefectureCode, countyCode: choice.countyCode, ...extras(s) });
  }
  if (key === TAB || key === DOWN) return withDraft(s, { selected: options.length ? (draft.selected + 1) % options.length : 0 });
  if (key === SHIFT_TAB || key === UP) return withDraft(s, { selected: options.length ? (draft.selected + options.length - 1) % options.length : 0 });
  if (key === BACKSPACE) return withDraft(s, { query: [...draft.query].slice(0, -1).join(''), selected: 0 });
  if (/^[0-9]$|^\p{Script=Han}$/u.test(key)) return withDraft(s, { query: draft.query + key, selected: 0 });
  return same(s, `key ${key} does nothing here`);
}

const TASK_KEYS: Record<LabelTask, (s: Session, key: Key) => StepResult> = { scope: scopeKey, pairs: pairKeyStep, province: provinceKey };

/** One key. Once every item is labelled or skipped, only undo and quit remain. */
export function step(s: Session, key: Key): StepResult {
  if (s.quit) return same(s);
  if (key === CTRL_C) return same({ ...s, quit: true });
  if (s.draft.editingNote) return noteKey(s, key);
  if (key === 'q') return same({ ...s, quit: true });
  if (key === 'u') return undo(s);
  if (isFinished(s)) return same(s, 'all items done: u undoes the last, q quits');
  if (key === 's') return skip(s);
  if (key === 'n') return withDraft(s, { editingNote: true }, 'note (English, no quotation of the text): Enter ends it');
  if (key === ESCAPE) return withDraft(s, EMPTY_DRAFT, 'cleared');
  return TASK_KEYS[s.task](s, key);
}
