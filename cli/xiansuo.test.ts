/**
 * The `xiansuo` tool as a user meets it in a shell: the real bin, spawned. Standard output carries
 * only data, messages go to standard error, the exit status says whether every line succeeded, a
 * user's mistake is one line (never a stack trace), and a closed pipe ends the command quietly.
 * The hashing embedder keeps the unit tier free of the model.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COMMANDS } from './commands';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'xiansuo.js');
const ENV = { ...process.env, EMBEDDER: 'hash', LOG_LEVEL: 'warn', NODE_OPTIONS: '' };
const SLOW = 300_000;

function xiansuo(args: readonly string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, input: input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function sh(command: string): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: ROOT, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const jsonLines = (stdout: string): unknown[] => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);

describe('the xiansuo command-line tool', () => {
  it(
    'pipes 50 generated reports through screen: 50 JSON lines and nothing else on stdout (npx xiansuo, as the README says)',
    () => {
      const run = sh('npx xiansuo generate --count 50 --seed 3 | npx xiansuo screen');
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(50);
      const leads = lines.map((l) => JSON.parse(l) as { id?: string; error?: unknown; categories?: unknown[] });
      expect(leads.filter((l) => l.error)).toEqual([]);
      expect(leads[0]!.id).toBe('syn-3-000000');
      expect(run.stderr).toContain('50 lines: 50 screened, 0 could not be screened');
    },
    SLOW,
  );

  it('refuses an unknown argument with a non-zero exit and the usage on stderr', () => {
    const run = xiansuo(['screen', '--bogus']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown argument --bogus');
    expect(run.stderr).toContain('usage: xiansuo screen');
  });

  it('refuses an unknown command and unknown flags of the other commands', () => {
    expect(xiansuo(['scren']).status).toBe(2);
    const demo = xiansuo(['demo', '--bogus']);
    expect(demo.status).toBe(2);
    expect(demo.stderr).toContain('xiansuo demo: unknown argument --bogus');
    expect(xiansuo(['eval', 'nothing']).status).toBe(2);
    const run = xiansuo(['generate', '--count', '3', '--seed', '1', '--colour', 'red']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  it.each(Object.keys(COMMANDS))('prints the usage of %s on stdout for --help and exits 0', (name) => {
    const run = xiansuo([name, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: xiansuo/);
  });

  it('says in one line, without a stack, that --out names a missing folder', () => {
    const run = xiansuo(['generate', '--count', '3', '--seed', '1', '--out', '/nonexistent-folder/r.jsonl']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('xiansuo generate: cannot write /nonexistent-folder/r.jsonl: no such folder');
  });

  it('ends quietly when the reader closes the pipe (generate | head)', () => {
    const run = sh(`node ${BIN} generate --count 3000 --seed 1 | head -n 2`);
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(2);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it(
    'screens files and stdin, keeps one output line per input line, and exits 1 when a line fails',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'xiansuo-cli-'));
      const file = join(dir, 'r.jsonl');
      const generated = xiansuo(['generate', '--count', '2', '--seed', '5']).stdout;
      writeFileSync(file, `${generated}not json\n{"text": "开发商老板带二十多个人强拆村民房屋，打伤三人。"}\n`);
      const run = xiansuo(['screen', file, '-'], '{"facts": "x", "reporter": {"anonymous": true}, "subject": {"people": []}}\n');
      expect(run.status).toBe(1);
      const out = jsonLines(run.stdout) as Array<{ id?: string; line?: number; error?: { code: string; message: string } }>;
      expect(out).toHaveLength(5);
      expect(out.map((o) => (o.error ? `error ${o.line}` : o.id))).toEqual(['syn-5-000000', 'syn-5-000001', 'error 3', '4', 'error 5']);
      expect(out[2]!.error).toEqual({ code: 'VALIDATION_FAILED', message: '该行不是有效的 JSON' });
      expect(out[4]!.error!.message).toContain('违法犯罪事实 应为对象');
      expect(run.stderr).toContain('5 lines: 3 screened, 2 could not be screened');
    },
    SLOW,
  );

  it('refuses a file that does not exist before reading anything', () => {
    const run = xiansuo(['screen', '/nonexistent-folder/r.jsonl']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('cannot read /nonexistent-folder/r.jsonl: no such file');
  });

  it('keeps only the JSON on stdout under --json: tables and headings go to stderr', () => {
    const script = "require('./cli/command').keepOnlyJsonOnStdout(); console.log('== table'); process.stdout.write('a  b\\n'); console.log(JSON.stringify({ accuracy: 0.9 }));";
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, env: ENV, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('{"accuracy":0.9}\n');
    expect(run.stderr).toBe('== table\na  b\n');
  });

  it(
    'keeps npm out of stdout with npm run -s',
    () => {
      const run = sh(`echo '{"text": "村霸王某强占村民土地，殴打村民。"}' | npm run -s screen`);
      expect(run.status).toBe(0);
      expect(jsonLines(run.stdout)).toHaveLength(1);
    },
    SLOW,
  );
});
