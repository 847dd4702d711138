/**
 * The team's real labelled pairs (lab/labels/pairs.jsonl: two board messages by msg_id and
 * duplicate / related / different, docs/LABELLING.md §2) and the board messages themselves
 * (../shared/data/complaints, read at run time, never copied). Each message is screened as the
 * facts of an anonymous report, title and text as the labeller saw them: the board's anonymised
 * places (A市, A3区) are kept, since "A3区" and "A5区" are different places to a reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Screening } from '../../models/lead';
import type { ScreeningDeps } from '../../screening/screen';
import type { PairLabel } from './calibrate';
import { screenText } from './eval-data';

export const BOARD_PAIR_LABELS_PATH = resolve(__dirname, '..', 'labels', 'pairs.jsonl');
const BOARD_FILES = ['messages_with_replies.jsonl', 'messages_labeled_sample.jsonl'];

export interface BoardPairLabel {
  readonly a: string;
  readonly b: string;
  /** The labelling guide's 'different' is the scorer's 'new'. */
  readonly label: PairLabel;
}

export function readBoardPairLabels(path: string = BOARD_PAIR_LABELS_PATH): BoardPairLabel[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((line, i) => {
    const r = JSON.parse(line) as { a?: unknown; b?: unknown; label?: unknown };
    const label = r.label === 'different' ? 'new' : r.label;
    if (typeof r.a !== 'string' || typeof r.b !== 'string' || (label !== 'duplicate' && label !== 'related' && label !== 'new')) {
      throw new Error(`${path}:${i + 1}: needs a, b (msg_id strings) and label duplicate|related|different`);
    }
    return { a: r.a, b: r.b, label };
  });
}

/** msg_id → title and text of every board message, or null when the shared data is absent. */
export function readBoardMessages(sharedDir: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const file of BOARD_FILES) {
    const path = join(sharedDir, 'complaints', file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const m = JSON.parse(line) as { msg_id?: unknown; title?: unknown; text?: unknown };
      if (typeof m.text !== 'string' || out.has(String(m.msg_id))) continue;
      out.set(String(m.msg_id), `${typeof m.title === 'string' ? `${m.title}\n` : ''}${m.text.replace(/_x000D_/g, '\n')}`.trim());
    }
  }
  return out.size ? out : null;
}

/** Screens the given messages (in the order given), reporting progress every 200. */
export async function screenBoard(ids: readonly string[], messages: ReadonlyMap<string, string>, deps: ScreeningDeps, progress?: (done: number, total: number) => void): Promise<Map<string, Screening>> {
  const out = new Map<string, Screening>();
  for (const [n, id] of ids.entries()) {
    const text = messages.get(id);
    if (text === undefined) throw new Error(`board message ${id} is not in the shared data`);
    out.set(id, await screenText(`board-${id}`, text, deps));
    if (progress && (n + 1) % 200 === 0) progress(n + 1, ids.length);
  }
  return out;
}
