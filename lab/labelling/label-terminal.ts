/**
 * The thin shell around the labeller's state machine (label-session.ts): keys from a raw terminal
 * or from a pipe, effects applied to the output file at once, the screen drawn after each key.
 *
 * The output file is append-only JSON Lines: each label is one line written (and flushed by the
 * OS) the moment it is decided, so a crash or Ctrl-C loses nothing already labelled. Undo
 * truncates the file back to its size before the line this session appended last; nothing else
 * ever rewrites it. A pipe that ends quits, like q.
 */
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, statSync, truncateSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { ValidationError } from '../../models/errors';
import { checkLabel, labelKey, type Label, type LabelTask } from './label-format';
import { splitKeys } from './label-keys';
import { renderSession } from './label-render';
import { isFinished, step, type Effect, type Session } from './label-session';

/** The keys of the items already labelled in `path` (resume); every line must be a valid label. */
export function readDone(path: string, task: LabelTask): Set<string> {
  const done = new Set<string>();
  if (!existsSync(path)) return done;
  readFileSync(path, 'utf8').split('\n').forEach((line, n) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ValidationError(`${path} line ${n + 1}: not JSON; fix the output file before labelling on`);
    }
    const errors = checkLabel(task, value);
    if (errors.length) throw new ValidationError(`${path} line ${n + 1}: not a ${task} label (${errors.join('; ')})`);
    done.add(labelKey(task, value as Record<string, unknown>));
  });
  return done;
}

function lastByte(path: string, size: number): number {
  const fd = openSync(path, 'r');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, size - 1);
    return byte[0]!;
  } finally {
    closeSync(fd);
  }
}

/** The output file: appends one line per label, and removes the lines this session appended, last first. */
export class LabelFile {
  private readonly sizes: number[] = [];

  constructor(readonly path: string) {}

  append(label: Label): void {
    const size = existsSync(this.path) ? statSync(this.path).size : 0;
    const needsNewline = size > 0 && lastByte(this.path, size) !== 0x0a;
    this.sizes.push(size);
    appendFileSync(this.path, `${needsNewline ? '\n' : ''}${JSON.stringify(label)}\n`);
  }

  removeLast(): void {
    const size = this.sizes.pop();
    if (size !== undefined) truncateSync(this.path, size);
  }

  apply(effects: readonly Effect[]): void {
    for (const e of effects) e.kind === 'append' ? this.append(e.label) : this.removeLast();
  }

  get appended(): number {
    return this.sizes.length;
  }
}

interface TerminalInput extends Readable {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

interface TerminalOutput extends Writable {
  isTTY?: boolean;
}

const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

/**
 * Runs the session until it is quit or the input ends. In a terminal the screen is redrawn after
 * each keypress; on a pipe (tests, scripts) the item is printed once when it comes up, then one
 * line per message.
 */
export async function runLabeller(start: Session, file: LabelFile, input: TerminalInput, output: TerminalOutput): Promise<Session> {
  let session = start;
  const colour = Boolean(output.isTTY);
  let shown = -1;
  const draw = (): void => {
    if (colour) output.write(CLEAR + renderSession(session, { colour }));
    else if (session.index !== shown || isFinished(session)) output.write(renderSession(session, { colour, help: shown === -1 }) + '\n');
    else if (session.message) output.write(`> ${session.message}\n`);
    shown = session.index;
  };
  const raw = Boolean(input.isTTY && input.setRawMode);
  if (raw) input.setRawMode!(true);
  input.setEncoding('utf8');
  const redraw = (): void => draw();
  if (colour) output.on('resize', redraw);
  try {
    draw();
    for await (const chunk of input) {
      for (const key of splitKeys(String(chunk))) {
        const result = step(session, key);
        file.apply(result.effects);
        session = result.session;
        if (session.quit) break;
        if (!colour) draw();
      }
      if (session.quit) break;
      if (colour) draw();
    }
  } finally {
    if (raw) input.setRawMode!(false);
    output.off('resize', redraw);
  }
  return { ...session, quit: true };
}
