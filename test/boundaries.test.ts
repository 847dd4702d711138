/**
 * The import rules of .dependency-cruiser.js (npm run lint:deps, in CI) catch what they promise:
 * checked on a small tree written for the purpose, so the check itself can fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xiansuo-boundaries-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node' } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    try {
      const output = execFileSync(DEPCRUISE, ['--config', join(ROOT, '.dependency-cruiser.js'), '--output-type', 'err', ...new Set(Object.keys(files).map((f) => f.split('/')[0]!))], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      return { ok: true, output };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LAB = { 'lab/train.ts': "export const seed = 1;\n", 'models/lead.ts': 'export const x = 1;\n' };

describe('the import rules', () => {
  it('let a stage import the domain', () => {
    expect(cruise({ ...LAB, 'screening/screen.ts': "import { x } from '../models/lead';\nexport const y = x;\n" })).toMatchObject({ ok: true });
  }, 60_000);

  it('fail when a stage imports the offline part', () => {
    const result = cruise({ ...LAB, 'screening/screen.ts': "import { seed } from '../lab/train';\nexport const y = seed;\n" });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('lab-is-not-imported-by-runtime');
  }, 60_000);

  it('fail when one stage imports another (stages meet on the bus)', () => {
    const result = cruise({ ...LAB, 'dedup/decide.ts': 'export const d = 1;\n', 'screening/screen.ts': "import { d } from '../dedup/decide';\nexport const y = d;\n" });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('stages-import-models-only');
  }, 60_000);

  it('fail when the intake imports the console, or the console the intake (the one-way flow)', () => {
    const intake = cruise({ ...LAB, 'console/access.ts': 'export const a = 1;\n', 'intake/intake.app.ts': "import { a } from '../console/access';\nexport const y = a;\n" });
    expect(intake.ok).toBe(false);
    expect(intake.output).toContain('intake-holds-nothing-internal');
    const inner = cruise({ ...LAB, 'intake/intake.app.ts': 'export const b = 1;\n', 'console/access.ts': "import { b } from '../intake/intake.app';\nexport const y = b;\n" });
    expect(inner.ok).toBe(false);
    expect(inner.output).toContain('console-never-imports-intake');
  }, 60_000);
});
