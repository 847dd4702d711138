/**
 * The audit log's hash chain on every SQL store: every writer's entries are chained by the
 * database itself, concurrent writers end in one unbroken chain, and `verifyAuditChain` names the
 * first entry altered or removed behind the application's back (a superuser disabling the guard).
 */
import { SqlAuditTrail } from '../../console/sql-audit-trail';
import type { Store } from '../../models/ports/store.port';
import { truncate } from '../../test/fixtures/reset';
import { verifyAuditChain } from './audit-chain';
import { migrate } from './migrate';

/** Runs `sql` on audit_log with its append-only guard off, as only a superuser can: tampering. */
export async function tamper(store: Store, sql: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await tx.query(sql);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
  });
}

export function describeAuditChainContract(name: string, open: () => Promise<Store>, concurrentWriters: () => Promise<Store[]>): void {
  describe(`the audit chain on ${name}`, () => {
    let store: Store;
    let trail: SqlAuditTrail;

    beforeAll(async () => {
      store = await open();
      await migrate(store);
      trail = new SqlAuditTrail(store);
    });
    beforeEach(async () => {
      await truncate(store, ['audit_log']);
      for (let i = 1; i <= 5; i++) {
        await trail.append({ actor: `user-${i}`, action: 'identity-view', leadId: null, details: { n: i, 说明: '查看“举报人”|信息' }, reason: i % 2 ? '核实身份' : null, at: `2024-12-31T23:59:5${i}.12345${i}Z` });
      }
    });
    afterAll(async () => {
      await store.close();
    });

    it('chains every entry to the one before and verifies from the first to the head', async () => {
      const report = await verifyAuditChain(store, 2);
      expect(report).toMatchObject({ ok: true, entries: 5, head: { seq: 5 } });
      const { rows } = await store.query<{ seq: number | string; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq');
      expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
      expect(report.head.hash).toBe(rows[4]!.hash);
    });

    it('names an entry whose reason was altered', async () => {
      await tamper(store, "UPDATE audit_log SET reason = '无' WHERE seq = 3");
      expect(await verifyAuditChain(store)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, problem: 'altered', message: expect.stringContaining('audit entry 3') } });
    });

    it('names an entry whose details or time were altered, even by one microsecond', async () => {
      await tamper(store, `UPDATE audit_log SET details = '{"n": 2, "说明": "查看“举报人”|信息 "}'::jsonb WHERE seq = 2`);
      expect((await verifyAuditChain(store)).firstBroken).toMatchObject({ seq: 2, problem: 'altered' });
      await truncate(store, ['audit_log']);
      await trail.append({ actor: 'a', action: 'login', details: {}, at: '2024-02-29T12:00:00.000001Z' });
      await tamper(store, "UPDATE audit_log SET at = at + interval '1 microsecond'");
      expect((await verifyAuditChain(store)).firstBroken).toMatchObject({ seq: 1, problem: 'altered' });
    });

    it('names a removed entry, and entries cut off the end', async () => {
      await tamper(store, 'DELETE FROM audit_log WHERE seq = 4');
      expect((await verifyAuditChain(store)).firstBroken).toMatchObject({ seq: 4, problem: 'removed' });
      await tamper(store, 'DELETE FROM audit_log WHERE seq = 5');
      expect((await verifyAuditChain(store)).firstBroken).toMatchObject({ seq: 4, problem: 'truncated' });
    });

    it('names an entry re-hashed after a change: its successor no longer points to it', async () => {
      await tamper(store, "UPDATE audit_log SET actor = 'someone else', hash = audit_entry_hash(prev_hash, seq, 'someone else', action, cluster_id, lead_id, details, reason, at) WHERE seq = 2");
      expect((await verifyAuditChain(store)).firstBroken).toMatchObject({ seq: 3, problem: 'relinked' });
    });

    it('keeps one unbroken chain under concurrent writers', async () => {
      const writers = await concurrentWriters();
      try {
        await Promise.all(writers.flatMap((w, i) => Array.from({ length: 10 }, (_, j) => new SqlAuditTrail(w).append({ actor: `w${i}`, action: 'login', details: { j }, at: new Date().toISOString() }))));
      } finally {
        await Promise.all(writers.map((w) => (w === store ? undefined : w.close())));
      }
      expect(await verifyAuditChain(store)).toMatchObject({ ok: true, entries: 5 + writers.length * 10 });
    });
  });
}
