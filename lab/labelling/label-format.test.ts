import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLabel, labelKey, type LabelTask } from './label-format';

const LABELS = join(__dirname, '..', 'labels');
const FILES: Array<[string, LabelTask]> = [['scope.jsonl', 'scope'], ['scope-second-pass.jsonl', 'scope'], ['scope-random.jsonl', 'scope'], ['pairs.jsonl', 'pairs'], ['province.jsonl', 'province']];

describe('the label format of docs/LABELLING.md', () => {
  it('accepts the guide\'s own examples (with a labeller)', () => {
    expect(checkLabel('scope', { id: '2549', inScope: false, allowed: ['OUT_OF_SCOPE'], primary: 'OUT_OF_SCOPE', borderline: false, labeller: 'A' })).toEqual([]);
    expect(checkLabel('scope', { id: '1234', inScope: true, allowed: ['MARKET_BULLY', 'PROTECTIVE_UMBRELLA'], primary: 'MARKET_BULLY', borderline: true, note: 'rule S3', labeller: 'A' })).toEqual([]);
    expect(checkLabel('pairs', { a: '1021', b: '3377', label: 'duplicate', source: 'vector', labeller: 'A' })).toEqual([]);
    expect(checkLabel('province', { id: 'cases_a-0', provinceCode: '11', prefectureCode: '1101', countyCode: '110112', labeller: 'A' })).toEqual([]);
    expect(checkLabel('province', { id: 'cases_a-1', provinceCode: null, prefectureCode: null, countyCode: null, labeller: 'A' })).toEqual([]);
  });

  it.each(FILES)('holds for every line of the team\'s lab/labels/%s', (file, task) => {
    const lines = readFileSync(join(LABELS, file), 'utf8').split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(100);
    const broken = lines.map((l, n) => ({ n: n + 1, errors: checkLabel(task, JSON.parse(l)) })).filter((x) => x.errors.length);
    expect(broken).toEqual([]);
  });

  it('rejects a scope label whose primary is not allowed, mixes scopes, or has no labeller', () => {
    expect(checkLabel('scope', { id: '1', inScope: true, allowed: ['VICE'], primary: 'MARKET_BULLY', borderline: false, labeller: 'A' })).toEqual(['primary must be one of allowed']);
    expect(checkLabel('scope', { id: '1', inScope: true, allowed: ['VICE', 'OUT_OF_SCOPE'], primary: 'VICE', borderline: false, labeller: 'A' })).toEqual(['an in-scope label allows target categories only']);
    expect(checkLabel('scope', { id: '1', inScope: false, allowed: ['VICE'], primary: 'VICE', borderline: false, labeller: 'A' })).toHaveLength(1);
    expect(checkLabel('scope', { id: '1', inScope: false, allowed: ['OUT_OF_SCOPE'], primary: 'OUT_OF_SCOPE', borderline: false })).toEqual(['labeller must name who labelled']);
  });

  it('rejects a pair out of order or with an unknown label, and province codes that do not nest', () => {
    expect(checkLabel('pairs', { a: '9', b: '10', label: 'duplicate', labeller: 'A' })).toEqual(['a must be < b as strings']);
    expect(checkLabel('pairs', { a: '10', b: '9', label: 'same', labeller: 'A' })).toHaveLength(1);
    expect(checkLabel('province', { id: 'x', provinceCode: '33', prefectureCode: '3201', countyCode: null, labeller: 'A' })).toHaveLength(1);
    expect(checkLabel('province', { id: 'x', provinceCode: '33', prefectureCode: '3302', countyCode: '330102', labeller: 'A' })).toEqual(['countyCode must lie within prefectureCode']);
    expect(checkLabel('province', { id: 'x', provinceCode: '99', labeller: 'A' })).toHaveLength(3);
  });

  it('keys a pair by both ids in order, whichever way it is written', () => {
    expect(labelKey('pairs', { a: '9', b: '10' })).toBe(labelKey('pairs', { a: '10', b: '9' }));
    expect(labelKey('scope', { id: '2549' })).toBe('2549');
  });
});
