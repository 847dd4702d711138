import { parseItems, type TextLookup } from './label-items';
import { CATEGORY_KEYS, splitKeys } from './label-keys';
import { completeDivision } from './division-completion';
import { highlight } from './label-render';

const lines = (...objects: unknown[]): string[] => objects.map((o) => JSON.stringify(o));
const texts: TextLookup = (id) => ({ '9': { title: 't9', text: 'nine' }, '10': { text: 'ten' }, c1: { text: 'fact' } })[id];

describe('the labeller\'s input', () => {
  it('reads scope items with their text, the board\'s msg_id and title', () => {
    expect(parseItems('scope', lines({ id: '1', text: 'a' }, { msg_id: '2', title: 'T', text: 'b' }))).toEqual([
      { task: 'scope', id: '1', text: 'a' },
      { task: 'scope', id: '2', title: 'T', text: 'b' },
    ]);
  });

  it('takes select-samples.ts output as it is: ids of the task\'s set, texts looked up', () => {
    const input = lines({ set: 'scope', id: '9', cue: true }, { set: 'scope-second-pass', id: '10' }, { set: 'province', id: 'c1' });
    expect(parseItems('scope', input, { lookup: texts })).toEqual([{ task: 'scope', id: '9', title: 't9', text: 'nine' }]);
    expect(parseItems('scope', input, { lookup: texts, set: 'scope-second-pass' })).toEqual([{ task: 'scope', id: '10', text: 'ten' }]);
    expect(parseItems('province', input, { lookup: texts })).toEqual([{ task: 'province', id: 'c1', text: 'fact' }]);
  });

  it('takes pair-candidates.ts output as it is, orders a < b and ignores its numeric scores', () => {
    const [pair] = parseItems('pairs', lines({ a: '9', b: '10', source: 'text', band: 'high', vector: 0.91, text: 0.4 }), { lookup: texts });
    expect(pair).toEqual({ task: 'pairs', a: '10', b: '9', left: { text: 'ten' }, right: { title: 't9', text: 'nine' }, source: 'text' });
  });

  it('reads pairs with their texts, and court facts by their fact field', () => {
    expect(parseItems('pairs', lines({ a: '1', b: '2', textA: 'x', textB: 'y' }))[0]).toMatchObject({ left: { text: 'x' }, right: { text: 'y' } });
    expect(parseItems('province', lines({ id: 'c9', fact: 'f' }))).toEqual([{ task: 'province', id: 'c9', text: 'f' }]);
  });

  it('fails with the line number on an unreadable line or a text it cannot find', () => {
    expect(() => parseItems('scope', ['{"id":"1","text":"a"}', 'nope'], { file: 'x.jsonl' })).toThrow('x.jsonl line 2: not JSON');
    expect(() => parseItems('scope', lines({ id: '7' }))).toThrow(/line 1: the line has no text for id 7; pass --shared DIR or --texts FILE/);
    expect(() => parseItems('scope', lines({ id: '7' }), { lookup: texts })).toThrow(/no text for id 7 in the text source/);
    expect(() => parseItems('pairs', lines({ a: '1', b: '1' }))).toThrow(/two different ids/);
  });
});

describe('keys, completion and highlighting', () => {
  it('splits a raw terminal\'s and a pipe\'s bytes into keys', () => {
    expect(splitKeys('o6\r\n\x1b[A\x1b[B\t\x1b[Z\x7f\x1b\x03慈溪')).toEqual(['o', '6', 'enter', 'up', 'down', 'tab', 'shift-tab', 'backspace', 'escape', 'ctrl-c', '慈', '溪']);
    expect(splitKeys('\x1b[15~x')).toEqual(['x']);
  });

  it('puts the twelve target categories on 1–9, a, b, c', () => {
    expect([...CATEGORY_KEYS.keys()].join('')).toBe('123456789abc');
    expect(CATEGORY_KEYS.get('c')).toBe('PROTECTIVE_UMBRELLA');
  });

  it('completes names, paths and codes, provinces before prefectures before counties', () => {
    expect(completeDivision('浙江')[0]).toMatchObject({ provinceCode: '33', prefectureCode: null });
    expect(completeDivision('上海市虹口')[0]).toMatchObject({ countyCode: '310109', path: ['上海市', '虹口区'] });
    expect(completeDivision('张家口桥东')[0]).toMatchObject({ countyCode: '130702' });
    expect(completeDivision('朝阳').slice(0, 4).map((c) => c.countyCode ?? c.prefectureCode)).toEqual(['2113', '110105', '211321', '220104']);
    expect(completeDivision('3302').map((c) => c.prefectureCode)).toEqual(Array(8).fill('3302'));
    expect(completeDivision('3302')[0]).toMatchObject({ level: 'prefecture', name: '宁波市' });
    expect(completeDivision('')).toEqual([]);
  });

  it('marks the entities screening finds, by type', () => {
    const text = '2019年3月，宁波市的张某某在菜市场收取保护费每月500元，电话13812345678。';
    expect(highlight(text, { colour: false })).toBe('[2019年3月|date]，[宁波市|place]的[张某某|person]在菜市场收取保护费[每月500元|amount]，电话[13812345678|phone]。');
    expect(highlight('宁波市', { colour: true })).toBe('\x1b[1;32m宁波市\x1b[0m');
  });
});
