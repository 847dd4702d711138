/**
 * What the lifecycle's store and read model must do on every SQL store (PGlite in the unit tier,
 * PostgreSQL in the integration tier): cases opened once per routed lead, a cluster's members
 * moving together (same state and province; not once split), each move audited in its own
 * transaction, refusals changing nothing, and two racing actions ending in one move.
 */
import type { Principal } from '../models/access';
import { ConflictError, ForbiddenError } from '../models/errors';
import type { Store } from '../models/ports/store.port';
import { migrate } from '../infra/store/migrate';
import { truncate } from '../test/fixtures/reset';
import { id, seedReviewLeads } from '../test/fixtures/review-leads';
import { SqlLifecycleReadModel, SqlLifecycleStore } from './lifecycle-store';
import { createLifecycleService, type LifecycleService } from './lifecycle.service';

const GS_ANALYST: Principal = { id: 'gs-a', name: '甲', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } };
const GS_CHIEF: Principal = { id: 'gs-c', name: '乙', role: 'provincial-supervisor', scope: { kind: 'province', provinceCode: '62' } };
const GD_ANALYST: Principal = { id: 'gd-a', name: '丙', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '44' } };
const NATIONAL: Principal = { id: 'nat', name: '丁', role: 'national-analyst', scope: { kind: 'national' } };

/** The review fixture's leads, routed to their provinces; lead 1's reporter gave a contact. */
export async function seedRoutedLeads(store: Store): Promise<void> {
  await seedReviewLeads(store);
  await store.query("UPDATE leads SET route_topic = 'leads.province.' || province_code WHERE province_code IS NOT NULL");
  await store.query(`UPDATE reports SET reporter_profile = '{"realName": true, "contactGiven": true}'::jsonb WHERE report_id = $1`, [id(1)]);
}

export function describeLifecycleStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`the lifecycle store on ${name}`, () => {
    let store: Store;
    let reads: SqlLifecycleReadModel;
    let lifecycle: LifecycleService;
    const now = new Date('2024-05-10T00:00:00Z');

    beforeAll(async () => {
      store = await open();
      await migrate(store);
    });
    beforeEach(async () => {
      await truncate(store, ['lead_cases', 'notifications', 'audit_log', 'pair_labels', 'lead_labels', 'lead_links', 'clusters', 'leads', 'reports']);
      await seedRoutedLeads(store);
      reads = new SqlLifecycleReadModel(store);
      lifecycle = createLifecycleService({ reads, store: new SqlLifecycleStore(store), clock: { now: () => now } });
    });
    afterAll(async () => {
      await store.close();
    });

    const states = async () => Object.fromEntries((await store.query<{ lead_id: string; state: string }>('SELECT lead_id, state FROM lead_cases ORDER BY lead_id')).rows.map((r) => [r.lead_id, r.state]));

    it('opens one case per routed lead, once, with the contact deadline only for a contactable reporter', async () => {
      expect(await lifecycle.openPending()).toBe(8);
      expect(await lifecycle.openPending()).toBe(0);
      const one = await reads.findCase(id(1));
      expect(one).toMatchObject({ state: 'routed', provinceCode: '62', clusterId: id(1), contactable: true, contactDueAt: '2024-05-31T15:59:59.999Z', conclusionDueAt: '2024-07-30T15:59:59.999Z' });
      expect((await reads.findCase(id(2)))?.contactDueAt).toBeNull();
    });

    it('moves a cluster\'s members of the same province together, one audit row each', async () => {
      const outcome = await lifecycle.act(GS_ANALYST, id(1), { action: 'accept', reason: '已登记' });
      expect(outcome).toMatchObject({ leadId: id(1), state: 'accepted', moved: [id(1), id(2), id(3)], skipped: [] });
      expect(await states()).toMatchObject({ [id(1)]: 'accepted', [id(2)]: 'accepted', [id(3)]: 'accepted', [id(30)]: 'routed', [id(10)]: 'routed' });
      const history = await reads.history(id(2));
      expect(history).toEqual([expect.objectContaining({ actor: 'gs-a', action: 'case-accept', clusterId: id(1), leadId: id(2), reason: '已登记', details: { from: 'routed', to: 'accepted', movedWith: id(1) } })]);
    });

    it('moves only its own province\'s members of a cross-province cluster', async () => {
      const outcome = await lifecycle.act(GS_ANALYST, id(20), { action: 'accept' });
      expect(outcome.moved).toEqual([id(20)]);
      expect(await states()).toMatchObject({ [id(20)]: 'accepted', [id(21)]: 'routed' });
    });

    it('leaves a member split from the cluster where it is', async () => {
      await lifecycle.openPending();
      await store.query('UPDATE leads SET cluster_id = $2 WHERE lead_id = $1', [id(3), id(3)]);
      expect((await lifecycle.act(GS_ANALYST, id(1), { action: 'accept' })).moved).toEqual([id(1), id(2)]);
      expect((await states())[id(3)]).toBe('routed');
    });

    it('refuses an invalid move with 409 and changes nothing', async () => {
      await lifecycle.openPending();
      const before = await states();
      await expect(lifecycle.act(GS_ANALYST, id(1), { action: 'verify' })).rejects.toThrow(ConflictError);
      expect(await states()).toEqual(before);
      expect(await reads.history(id(1))).toEqual([]);
    });

    it('answers another province\'s lead as unknown', async () => {
      await expect(lifecycle.act(GD_ANALYST, id(1), { action: 'accept' })).rejects.toThrow(ForbiddenError);
      await expect(lifecycle.getCase(GD_ANALYST, id(1))).rejects.toMatchObject({ denial: { concealedAs: expect.objectContaining({ code: 'NOT_FOUND' }) } });
      expect((await lifecycle.queue(GD_ANALYST, {})).cases.map((c) => c.leadId)).toEqual([id(10), id(11)]);
    });

    it('ends two racing accepts of one cluster in one move and one refusal', async () => {
      await lifecycle.openPending();
      const results = await Promise.allSettled([lifecycle.act(GS_ANALYST, id(1), { action: 'accept' }), lifecycle.act(GS_CHIEF, id(2), { action: 'accept' })]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const audit = await store.query<{ n: string | number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'case-accept'");
      expect(Number(audit.rows[0]!.n)).toBe(3);
    });

    it('concludes through dual review and keeps the whole history in order', async () => {
      await store.query("UPDATE leads SET primary_category = 'PROTECTIVE_UMBRELLA' WHERE lead_id = $1", [id(30)]);
      for (const [who, command] of [
        [GS_ANALYST, { action: 'accept' }],
        [GS_ANALYST, { action: 'verify' }],
        [GS_ANALYST, { action: 'conclude', result: 'partly-substantiated', reason: '部分事实查实' }],
        [GS_CHIEF, { action: 'sign-off-provincial' }],
      ] as const) await lifecycle.act(who, id(30), command);
      expect(await reads.findCase(id(30))).toMatchObject({ state: 'concluding', nationalReviewRequired: true, concludedAt: null });
      expect((await lifecycle.act(NATIONAL, id(30), { action: 'sign-off-national' })).state).toBe('concluded');
      expect(await reads.findCase(id(30))).toMatchObject({ result: 'partly-substantiated', concludedAt: now.toISOString() });
      await lifecycle.act(GS_ANALYST, id(30), { action: 'deliver-feedback', feedback: '部分问题已查实处理。' });
      const c = await lifecycle.getCase(NATIONAL, id(30));
      expect(c).toMatchObject({ state: 'feedback-delivered', stateName: '已反馈', resultName: '部分属实', feedback: '部分问题已查实处理。' });
      expect(c.history.map((e) => e.action)).toEqual(['case-accept', 'case-verify', 'case-conclude', 'case-sign-off-provincial', 'case-sign-off-national', 'case-deliver-feedback']);
    });
  });
}
