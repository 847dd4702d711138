import { checkLabel, type Label, type LabelTask } from './label-format';
import type { LabelItem } from './label-items';
import { splitKeys } from './label-keys';
import { currentItem, isFinished, startSession, step, type Session } from './label-session';

const scopeItems: LabelItem[] = ['m1', 'm2', 'm3'].map((id) => ({ task: 'scope', id, text: `text of ${id}` }));
const pairItems: LabelItem[] = [
  { task: 'pairs', a: '10', b: '9', left: { text: 'x' }, right: { text: 'y' }, source: 'vector' },
  { task: 'pairs', a: '11', b: '12', left: { text: 'x' }, right: { text: 'y' } },
];
const provinceItems: LabelItem[] = ['c1', 'c2', 'c3'].map((id) => ({ task: 'province', id, text: `fact ${id}` }));

/** Types `keys` and keeps the output file as the shell would: appended lines, the last removed on undo. */
function type(session: Session, keys: string, file: Label[] = []): { session: Session; file: Label[] } {
  let s = session;
  for (const key of splitKeys(keys)) {
    const result = step(s, key);
    for (const e of result.effects) e.kind === 'append' ? file.push(e.label) : file.pop();
    s = result.session;
  }
  return { session: s, file };
}

const start = (task: LabelTask, items: LabelItem[], done: string[] = []): Session => startSession(task, items, new Set(done), 'T');

describe('the scope labeller', () => {
  it('saves out of scope and invalid at one key each, in the guide format', () => {
    const { file } = type(start('scope', scopeItems), 'oi');
    expect(file).toEqual([
      { id: 'm1', inScope: false, allowed: ['OUT_OF_SCOPE'], primary: 'OUT_OF_SCOPE', borderline: false, labeller: 'T' },
      { id: 'm2', inScope: false, allowed: ['INVALID'], primary: 'INVALID', borderline: false, labeller: 'T' },
    ]);
    expect(file.map((l) => checkLabel('scope', l))).toEqual([[], []]);
  });

  it('keeps several allowed categories in the categories\' order, the first chosen as primary', () => {
    const { file } = type(start('scope', scopeItems), 'c6\n');
    expect(file[0]).toEqual({ id: 'm1', inScope: true, allowed: ['MARKET_BULLY', 'PROTECTIVE_UMBRELLA'], primary: 'PROTECTIVE_UMBRELLA', borderline: false, labeller: 'T' });
  });

  it('makes a category primary with p, removes one pressed twice, and marks borderline with ?', () => {
    const { file } = type(start('scope', scopeItems), '8c3 3 p6 ?\n'.replace(/ /g, ''));
    expect(file[0]).toMatchObject({ allowed: ['MARKET_BULLY', 'ILLEGAL_LENDING', 'PROTECTIVE_UMBRELLA'], primary: 'MARKET_BULLY', borderline: true });
    expect(checkLabel('scope', file[0])).toEqual([]);
  });

  it('does not save in scope without a category, nor out of scope while categories are chosen', () => {
    const { session, file } = type(start('scope', scopeItems), '\n');
    expect(file).toEqual([]);
    expect(session.message).toMatch(/choose categories/);
    const after = type(session, '6o', file);
    expect(after.file).toEqual([]);
    expect(currentItem(after.session)).toMatchObject({ id: 'm1' });
    expect(type(after.session, '\x1bo', file).file).toEqual([expect.objectContaining({ id: 'm1', inScope: false })]);
  });

  it('writes an English note, refuses Han characters in it (a note never quotes the text)', () => {
    const { file, session } = type(start('scope', scopeItems), 'nO1 rule\n?o');
    expect(file[0]).toMatchObject({ id: 'm1', borderline: true, note: 'O1 rule' });
    const refused = type(session, 'n黑x\no');
    expect(refused.file[0]).toMatchObject({ id: 'm2', note: 'x' });
  });

  it('treats every key as text while a note is written', () => {
    const { file, session } = type(start('scope', scopeItems), 'nsuq o\n');
    expect(session.index).toBe(0);
    expect(type(session, 'o', file).file[0]).toMatchObject({ note: 'suq o' });
  });
});

describe('skip, undo, resume and quit', () => {
  it('skips an item without a label and goes on', () => {
    const { session, file } = type(start('scope', scopeItems), 'so');
    expect(file).toEqual([expect.objectContaining({ id: 'm2' })]);
    expect(currentItem(session)).toMatchObject({ id: 'm3' });
  });

  it('undo removes the last label and shows its item again; a second undo goes back over a skip', () => {
    const first = type(start('scope', scopeItems), 'sou');
    expect(first.file).toEqual([]);
    expect(currentItem(first.session)).toMatchObject({ id: 'm2' });
    const second = type(first.session, 'u', first.file);
    expect(currentItem(second.session)).toMatchObject({ id: 'm1' });
    expect(type(second.session, 'i', second.file).file).toEqual([expect.objectContaining({ id: 'm1', allowed: ['INVALID'] })]);
  });

  it('undo does nothing before this session labelled anything', () => {
    const { session, file } = type(start('scope', scopeItems, ['m1']), 'u');
    expect(file).toEqual([]);
    expect(session.message).toMatch(/nothing to undo/);
    expect(currentItem(session)).toMatchObject({ id: 'm2' });
  });

  it('resumes after the items already in the output, and never shows them again after an undo', () => {
    const { session, file } = type(start('scope', scopeItems, ['m1', 'm3']), 'o');
    expect(file).toEqual([expect.objectContaining({ id: 'm2' })]);
    expect(isFinished(session)).toBe(true);
    const undone = type(session, 'u', file);
    expect(currentItem(undone.session)).toMatchObject({ id: 'm2' });
  });

  it('is finished at once when every item is labelled, and then only undo and quit act', () => {
    const session = start('scope', scopeItems, ['m1', 'm2', 'm3']);
    expect(isFinished(session)).toBe(true);
    expect(type(session, 'os', []).file).toEqual([]);
  });

  it('quits on q and on Ctrl-C, keeping what was saved', () => {
    const { session, file } = type(start('scope', scopeItems), 'oqo');
    expect(session.quit).toBe(true);
    expect(file).toHaveLength(1);
    expect(type(start('scope', scopeItems), '\x03o').file).toEqual([]);
  });
});

describe('the pairs labeller', () => {
  it('labels duplicate, related and different at one key, a < b, with the proposing source', () => {
    const { file } = type(start('pairs', pairItems), 'nsame place\ndr');
    expect(file).toEqual([
      { a: '10', b: '9', label: 'duplicate', source: 'vector', note: 'same place', labeller: 'T' },
      { a: '11', b: '12', label: 'related', labeller: 'T' },
    ]);
    expect(file.map((l) => checkLabel('pairs', l))).toEqual([[], []]);
    expect(type(start('pairs', pairItems), 'x').file[0]).toMatchObject({ label: 'different' });
  });

  it('resumes on pair keys', () => {
    const { file } = type(start('pairs', pairItems, ['10|9']), 'd');
    expect(file).toEqual([expect.objectContaining({ a: '11', b: '12' })]);
  });
});

describe('the province labeller', () => {
  it('completes a county name to province, prefecture and county codes', () => {
    const { file } = type(start('province', provinceItems), '慈溪\n');
    expect(file[0]).toEqual({ id: 'c1', provinceCode: '33', prefectureCode: '3302', countyCode: '330282', labeller: 'T' });
  });

  it('takes a province code alone, a prefecture by Tab, and - when the province cannot be told', () => {
    const { file } = type(start('province', provinceItems), '33\n33\t\n-');
    expect(file.map((l) => [(l as { provinceCode: unknown }).provinceCode, (l as { prefectureCode: unknown }).prefectureCode])).toEqual([['33', null], ['33', '3301'], [null, null]]);
    expect(file.map((l) => checkLabel('province', l))).toEqual([[], [], []]);
  });

  it('edits the typed place with Backspace and refuses to save what matches nothing', () => {
    const { session, file } = type(start('province', provinceItems), '火星\n');
    expect(file).toEqual([]);
    expect(session.message).toMatch(/no division matches 火星/);
    expect(type(session, '\x7f\x7f湖南\n', file).file[0]).toMatchObject({ provinceCode: '43', prefectureCode: null });
  });
});
