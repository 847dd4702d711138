/**
 * The operator's commands on an embedded data directory: `npm run export -- lead ID` writes the
 * lead's case file (and is audited), `npm run audit -- verify` passes on the untouched chain and,
 * after a row is altered behind the application's back, exits non-zero naming that entry.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { migrate } from '../infra/store/migrate';
import { PgliteStore } from '../infra/store/pglite-store';
import { tamper } from '../infra/store/audit-chain.contract';
import { createLifecycle } from '../lifecycle/create-lifecycle';
import { seedRoutedLeads } from '../lifecycle/lifecycle-store.contract';
import type { Principal } from '../models/access';
import { id } from './fixtures/review-leads';

const run = promisify(execFile);
const GS: Principal = { id: 'gs-a', name: '甲', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } };

async function command(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(__dirname, '..', 'node_modules', '.bin', 'tsx'), args, { env: { PATH: process.env.PATH, PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, cwd: join(__dirname, '..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run export and npm run audit -- verify', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xiansuo-audit-'));
    const store = await PgliteStore.open(join(dir, 'db'));
    await migrate(store);
    await seedRoutedLeads(store);
    const lifecycle = createLifecycle({ store, clock: { now: () => new Date('2024-05-12T01:00:00Z') } });
    await lifecycle.service.act(GS, id(1), { action: 'accept', reason: '已登记' });
    await lifecycle.service.act(GS, id(1), { action: 'verify' });
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports a lead\'s case file with its history, audits the export, and the chain verifies', async () => {
    const exported = await command(['cli/export.ts', 'lead', id(2), '--actor', 'auditor-1'], join(dir, 'db'));
    expect(exported.code).toBe(0);
    const file = JSON.parse(exported.stdout) as { format: string; lead: { clusterMembers: string[]; reporter: unknown }; case: { state: string }; history: Array<{ action: string; actor: string; seq: number; hash: string }> };
    expect(file.format).toBe('xiansuo-case-file/1');
    expect(file.case.state).toBe('verifying');
    expect(file.lead.clusterMembers).toEqual([id(1), id(2), id(3)]);
    expect(file.history.map((e) => e.action)).toEqual(['case-accept', 'case-verify', 'export']);
    expect(file.history[2]).toMatchObject({ actor: 'auditor-1', seq: 7, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // What the reporter is, never who: the profile's two flags at most, no identity field anywhere.
    expect(Object.keys(file.lead.reporter as object).every((k) => ['realName', 'contactGiven'].includes(k))).toBe(true);
    expect(JSON.stringify(file)).not.toMatch(/"(phone|idNumber|otherContact|reporterSealed)"/);
    const verified = await command(['cli/audit.ts', 'verify'], join(dir, 'db'));
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('audit chain intact: 7 entries') });
  }, 120_000);

  it('exits non-zero naming the first entry altered behind the application\'s back', async () => {
    const store = await PgliteStore.open(join(dir, 'db'));
    await tamper(store, "UPDATE audit_log SET reason = '未登记' WHERE seq = 2");
    await store.close();
    const verified = await command(['cli/audit.ts', 'verify'], join(dir, 'db'));
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('audit chain BROKEN at entry 2 (altered)');
  }, 120_000);

  it('refuses an id that is not a lead id', async () => {
    expect((await command(['cli/export.ts', 'lead', 'nonsense'], join(dir, 'db'))).code).toBe(1);
  }, 60_000);
});
