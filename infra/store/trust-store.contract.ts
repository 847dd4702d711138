/**
 * What the trust work asks of every SQL store (PGlite in the unit tier, PostgreSQL in the
 * integration tier): the database itself refuses to change or remove audit rows; a TOTP step is
 * claimed once even by racing logins; key rotation re-seals every identity under the new key.
 */
import { SqlAuditTrail } from '../../console/sql-audit-trail';
import { SqlConsoleUserStore } from '../../console/sql-users';
import type { Store } from '../../models/ports/store.port';
import { IdentitySealer } from '../crypto/identity-sealer';
import { resealIdentities } from '../crypto/reseal';
import { migrate } from './migrate';
import { SqlIdentityVault } from './sql-identity-vault';
import { SqlReportRepository } from './sql-report-repository';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const message = (n: number) => ({
  reportId: id(n),
  receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  reporter: { realName: true, contactGiven: true },
  subject: { people: [{ name: '王某' }] },
  facts: { text: `第${n}份举报：王某在市场收保护费` },
});

export function describeTrustStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`the trust guarantees of ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      await migrate(store);
    }, 60_000);
    afterAll(async () => {
      await store.close();
    });

    it('refuses UPDATE, DELETE and TRUNCATE of the audit log; appends and reads still work', async () => {
      const trail = new SqlAuditTrail(store);
      await trail.append({ actor: 'a', action: 'identity-view', details: { role: 'national-analyst' }, reason: '核实', at: '2026-01-01T00:00:00.000Z' });
      for (const sql of ["UPDATE audit_log SET actor = 'someone else'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
        await expect(store.query(sql)).rejects.toThrow(/append-only/);
      }
      expect(await trail.list({ limit: 10 })).toEqual([expect.objectContaining({ actor: 'a', action: 'identity-view', reason: '核实' })]);
    });

    it('claims a TOTP step once, even for logins racing with the same code', async () => {
      const users = new SqlConsoleUserStore(store);
      await users.save({ userId: 'nat', displayName: '全国办', role: 'national-analyst', provinceCode: null, passwordHash: 'x', totpSecret: 'S', disabled: false }, new Date());
      const results = await Promise.all(Array.from({ length: 5 }, () => users.claimTotpStep('nat', 1000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await users.claimTotpStep('nat', 999)).toBe(false);
      expect(await users.claimTotpStep('nat', 1001)).toBe(true);
    });

    it('re-seals every identity under the new key; each still opens only for its own report', async () => {
      const oldKey = Buffer.alloc(32, 1);
      const newKey = Buffer.alloc(32, 2);
      const before = new IdentitySealer(oldKey);
      const reports = new SqlReportRepository(store);
      for (const n of [1, 2, 3]) {
        const { sealed, keyId } = before.seal(id(n), { name: `举报人${n}`, phone: `1391234567${n}` });
        await reports.insert({ message: message(n), queryCodeHash: `h${n}`, reporterSealed: sealed, reporterKeyId: keyId });
      }
      const after = new IdentitySealer({ current: newKey, previous: [oldKey] });
      expect(await resealIdentities(store, after, 2)).toEqual({ resealed: 3 });
      expect(await resealIdentities(store, after)).toEqual({ resealed: 0 });
      const { rows } = await store.query<{ reporter_key_id: string; reporter_sealed: string }>('SELECT reporter_key_id, reporter_sealed FROM reports ORDER BY report_id');
      expect(rows.map((r) => r.reporter_key_id)).toEqual(Array(3).fill(after.currentKeyId));
      // Only the new key is needed now.
      const vault = new SqlIdentityVault(store, new IdentitySealer(newKey));
      expect((await vault.reveal(id(2)))?.identity).toEqual({ name: '举报人2', phone: '13912345672' });
      // A sealed identity copied onto another report's row does not open there.
      await store.query('UPDATE reports SET reporter_sealed = $1 WHERE report_id = $2', [rows[0]!.reporter_sealed, id(3)]);
      await expect(vault.reveal(id(3))).rejects.toThrow(/does not open/);
    });
  });
}
