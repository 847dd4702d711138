/**
 * `npm run label` driven as a labeller's script would: items in a file, keys through a pipe, the
 * output file checked after each run (labels in the guide's format, resume, undo, skip, the
 * --shared lookup by id, no text ever written).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkLabel, type LabelTask } from '../lab/labelling/label-format';

const ROOT = resolve(__dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'xiansuo-label-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function label(task: LabelTask, keys: string, args: string[]): { status: number | null; stdout: string; stderr: string; lines: Array<Record<string, unknown>> } {
  const out = join(dir, 'out.jsonl');
  const run = spawnSync(TSX, [join(ROOT, 'cli', 'label.ts'), task, '--out', out, '--labeller', 'T', ...args], { input: keys, encoding: 'utf8', cwd: ROOT });
  const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const lines = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  if (run.status === 0) for (const line of lines) expect(checkLabel(task, line)).toEqual([]);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, lines };
}

const MESSAGES = [
  { id: 'm1', title: '菜市场收保护费', text: '宁波市某菜市场的张某某纠集多人向摊主收取保护费，派出所所长李某不管。' },
  { id: 'm2', text: '小区物业乱收停车费，要求整改。' },
  { id: 'm3', text: '附近有人开设赌场，每天晚上聚赌。' },
];

describe('npm run label through a pipe', () => {
  it('labels, resumes where it stopped, and never writes a text', () => {
    writeFileSync(join(dir, 'items.jsonl'), jsonl(MESSAGES));
    const first = label('scope', '6c\nq', ['--data', join(dir, 'items.jsonl')]);
    expect(first.status).toBe(0);
    expect(first.lines).toEqual([{ id: 'm1', inScope: true, allowed: ['MARKET_BULLY', 'PROTECTIVE_UMBRELLA'], primary: 'MARKET_BULLY', borderline: false, labeller: 'T' }]);
    expect(first.stdout).toContain('[宁波市|place]');

    const second = label('scope', '?o7', ['--data', join(dir, 'items.jsonl')]);
    expect(second.stderr).toContain('3 items, 1 already in');
    expect(second.lines.map((l) => [l.id, l.primary, l.borderline])).toEqual([['m1', 'MARKET_BULLY', false], ['m2', 'OUT_OF_SCOPE', true]]);

    const third = label('scope', '7\n', ['--data', join(dir, 'items.jsonl')]);
    expect(third.lines.map((l) => l.id)).toEqual(['m1', 'm2', 'm3']);
    const written = readFileSync(join(dir, 'out.jsonl'), 'utf8');
    for (const m of MESSAGES) expect(written).not.toContain(m.text.slice(0, 6));
  });

  it('undoes the last label in the file and skips an item for the next session', () => {
    writeFileSync(join(dir, 'items.jsonl'), jsonl(MESSAGES));
    const run = label('scope', 'oiuso', ['--data', join(dir, 'items.jsonl')]);
    expect(run.lines.map((l) => [l.id, l.primary])).toEqual([['m1', 'OUT_OF_SCOPE'], ['m3', 'OUT_OF_SCOPE']]);
    const next = label('scope', 'i', ['--data', join(dir, 'items.jsonl')]);
    expect(next.lines.map((l) => [l.id, l.primary])).toEqual([['m1', 'OUT_OF_SCOPE'], ['m3', 'OUT_OF_SCOPE'], ['m2', 'INVALID']]);
  });

  it('resolves ids against a shared data folder: board messages for pairs, court facts for province', () => {
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'complaints'), { recursive: true });
    mkdirSync(join(shared, 'cases'), { recursive: true });
    writeFileSync(join(shared, 'complaints', 'messages_with_replies.jsonl'), jsonl(MESSAGES.map(({ id, ...m }) => ({ msg_id: id, ...m, reply: '已转办' }))));
    writeFileSync(join(shared, 'complaints', 'messages_labeled_sample.jsonl'), '');
    writeFileSync(join(shared, 'cases', 'cail_subset.jsonl'), jsonl([{ id: 'cases_a-1', fact: '慈溪市人民检察院指控：被告人在崇福镇盗窃。', charges: ['盗窃'] }]));
    writeFileSync(join(dir, 'pairs.jsonl'), jsonl([{ a: 'm2', b: 'm1', source: 'vector', band: 'high', vector: 0.8, text: 0.3 }]));
    writeFileSync(join(dir, 'samples.jsonl'), jsonl([{ set: 'scope', id: 'm1', cue: true }, { set: 'province', id: 'cases_a-1' }]));

    const pairs = label('pairs', 'nsame market\nr', ['--data', join(dir, 'pairs.jsonl'), '--shared', shared]);
    expect(pairs.lines).toEqual([{ a: 'm1', b: 'm2', label: 'related', source: 'vector', note: 'same market', labeller: 'T' }]);
    rmSync(join(dir, 'out.jsonl'));
    const province = label('province', '慈溪\n', ['--data', join(dir, 'samples.jsonl'), '--shared', shared]);
    expect(province.lines).toEqual([{ id: 'cases_a-1', provinceCode: '33', prefectureCode: '3302', countyCode: '330282', labeller: 'T' }]);
  });

  it('refuses an output file that is not a label file, leaving it as it was', () => {
    writeFileSync(join(dir, 'items.jsonl'), jsonl(MESSAGES));
    writeFileSync(join(dir, 'out.jsonl'), '{"id":"m1","label":"duplicate"}\n');
    const run = label('scope', 'o', ['--data', join(dir, 'items.jsonl')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/out\.jsonl line 1: not a scope label/);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toBe('{"id":"m1","label":"duplicate"}\n');
  });
});
