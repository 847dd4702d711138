import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabelFile, readDone } from './label-terminal';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'xiansuo-label-file-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pair = (a: string, b: string) => ({ a, b, label: 'different' as const, labeller: 'T' });

describe('the output file', () => {
  it('appends one line per label, after a last line written without its newline, and undo restores it byte for byte', () => {
    const path = join(dir, 'pairs.jsonl');
    const before = JSON.stringify(pair('1', '2'));
    writeFileSync(path, before);
    const file = new LabelFile(path);
    file.append(pair('3', '4'));
    file.append(pair('5', '6'));
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([before, JSON.stringify(pair('3', '4')), JSON.stringify(pair('5', '6')), '']);
    file.apply([{ kind: 'remove-last' }, { kind: 'remove-last' }, { kind: 'remove-last' }]);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('tells which items are labelled already, and refuses a line of another task', () => {
    const path = join(dir, 'out.jsonl');
    writeFileSync(path, `${JSON.stringify(pair('10', '9'))}\n\n`);
    expect(readDone(path, 'pairs')).toEqual(new Set(['10|9']));
    expect(readDone(join(dir, 'none.jsonl'), 'pairs')).toEqual(new Set());
    expect(() => readDone(path, 'scope')).toThrow(/line 1: not a scope label/);
  });
});
