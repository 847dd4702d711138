/**
 * The labeller's keys: one key per label (docs/LABELLING.md §5), and how a stream of bytes from a
 * raw terminal or a pipe splits into keys. Escape sequences (arrows, shift-tab) are one key; Enter
 * is "\r" in a raw terminal and "\n" in a pipe; every other character is a key of its own, so a
 * test drives the labeller with a plain string ("6c\n" = market bully, umbrella, save).
 */
import { IN_SCOPE_CATEGORIES, categoryName, type CategoryCode } from '../../models/categories';
import type { LabelTask } from './label-format';

export type Key = string;

export const ENTER = 'enter';
export const BACKSPACE = 'backspace';
export const ESCAPE = 'escape';
export const TAB = 'tab';
export const SHIFT_TAB = 'shift-tab';
export const UP = 'up';
export const DOWN = 'down';
export const CTRL_C = 'ctrl-c';

const SEQUENCES: ReadonlyArray<[string, Key]> = [
  ['\x1b[A', UP], ['\x1bOA', UP], ['\x1b[B', DOWN], ['\x1bOB', DOWN], ['\x1b[Z', SHIFT_TAB],
  ['\r\n', ENTER], ['\r', ENTER], ['\n', ENTER], ['\x7f', BACKSPACE], ['\b', BACKSPACE], ['\t', TAB], ['\x03', CTRL_C],
];

/** Splits input into keys; other escape sequences (function keys, right/left) are dropped. */
export function splitKeys(input: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < input.length; ) {
    const seq = SEQUENCES.find(([s]) => input.startsWith(s, i));
    if (seq) {
      keys.push(seq[1]);
      i += seq[0].length;
      continue;
    }
    if (input[i] === '\x1b') {
      const other = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(input.slice(i));
      if (!other) keys.push(ESCAPE);
      i += other ? other[0].length : 1;
      continue;
    }
    const ch = String.fromCodePoint(input.codePointAt(i)!);
    keys.push(ch);
    i += ch.length;
  }
  return keys;
}

/** The twelve target categories on 1–9, a, b, c: the key is the category's number in hexadecimal. */
export const CATEGORY_KEYS: ReadonlyMap<Key, CategoryCode> = new Map(IN_SCOPE_CATEGORIES.map((code, i) => [(i + 1).toString(16), code]));

export const CATEGORY_KEY_OF: ReadonlyMap<CategoryCode, Key> = new Map([...CATEGORY_KEYS].map(([k, c]) => [c, k]));

const COMMON = 's skip · u undo last · n note · Esc clear · q quit';

/** The help lines shown under each item. */
export function keyHelp(task: LabelTask): string[] {
  if (task === 'scope') {
    const cats = [...CATEGORY_KEYS].map(([k, c]) => `${k} ${categoryName(c)}`);
    return [
      'o out of scope (非涉黑涉恶) · i invalid (无效) · in scope: category keys, then Enter',
      `  ${cats.slice(0, 6).join(' · ')}`,
      `  ${cats.slice(6).join(' · ')}`,
      'a category key adds or removes it; the first chosen is primary; p + key makes it primary · ? borderline',
      COMMON,
    ];
  }
  if (task === 'pairs') return ['d duplicate · r related · x different', COMMON];
  return ['type a province, city or county name or code: Tab/↓ ↑ choose, Enter saves, Backspace edits', '- province cannot be told (null)', COMMON];
}
