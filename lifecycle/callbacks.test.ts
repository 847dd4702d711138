/** Monthly callbacks on PGlite: a reproducible stratified draw, recorded and audited, SMS in the outbox, outcomes recorded. */
import { migrate } from '../infra/store/migrate';
import { PgliteStore } from '../infra/store/pglite-store';
import type { Principal } from '../models/access';
import { ConflictError, ForbiddenError, NotFoundError } from '../models/errors';
import { truncate } from '../test/fixtures/reset';
import { addLead, id } from '../test/fixtures/review-leads';
import { SqlCallbackRepository, SqlSmsOutbox } from './callback-store';
import { createCallbacks, drawSample, type CallbackCandidate } from './callbacks';
import { SqlLifecycleStore } from './lifecycle-store';

const NATIONAL: Principal = { id: 'nat', name: '丙', role: 'national-analyst', scope: { kind: 'national' } };
const GS: Principal = { id: 'gs-c', name: '乙', role: 'provincial-supervisor', scope: { kind: 'province', provinceCode: '62' } };

describe('drawing the callback sample', () => {
  const candidates: CallbackCandidate[] = Array.from({ length: 60 }, (_, i) => ({ leadId: id(i + 1), provinceCode: ['62', '44', '51'][i % 3]! }));

  it('is the same for the same seed whatever the candidates\' order, and differs for another seed', () => {
    const a = drawSample(candidates, 'seed-1', 5);
    expect(drawSample([...candidates].reverse(), 'seed-1', 5)).toEqual(a);
    expect(drawSample(candidates, 'seed-2', 5)).not.toEqual(a);
  });

  it('takes the size asked from each province, or all of a small one', () => {
    const sample = drawSample([...candidates, { leadId: id(99), provinceCode: '11' }], 's', 5);
    const per = (p: string) => sample.filter((s) => s.provinceCode === p).length;
    expect([per('11'), per('44'), per('51'), per('62')]).toEqual([1, 5, 5, 5]);
    expect(new Set(sample.map((s) => s.leadId)).size).toBe(sample.length);
  });

  it('draws each lead about equally often over many seeds (no position favoured)', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 2000; s++) for (const c of drawSample(candidates.filter((c) => c.provinceCode === '62'), `s${s}`, 5)) counts.set(c.leadId, (counts.get(c.leadId) ?? 0) + 1);
    // 20 leads, 5 drawn: each expected 500 times; a fair draw stays within ±25% for every lead.
    expect(counts.size).toBe(20);
    for (const n of counts.values()) expect(Math.abs(n - 500)).toBeLessThan(125);
  });
});

describe('the monthly callbacks', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await PgliteStore.open();
    await migrate(store);
  });
  afterAll(async () => store.close());

  it('draws concluded reachable cases of the month per province, records the seed, audits, queues the SMS, records outcomes', async () => {
    await truncate(store, ['callbacks', 'callback_draws', 'sms_outbox', 'lead_cases', 'audit_log', 'leads', 'clusters', 'reports']);
    const concluded = ['2024-05-31T15:59:00Z', '2024-05-31T16:00:00Z', '2024-05-01T00:00:00Z', '2024-05-15T00:00:00Z'];
    for (const [i, at] of concluded.entries()) {
      await addLead(store, { n: i + 1, cluster: i + 1, at: '2024-04-01T00:00:00Z', province: i === 3 ? '44' : '62' });
      await store.query(
        `INSERT INTO lead_cases (lead_id, province_code, state, priority, category, received_at, contactable, conclusion_due_at, concluded_at, created_at, updated_at)
         VALUES ($1, $2, 'concluded', 'normal', 'MARKET_BULLY', '2024-04-01T00:00:00Z', $3, '2024-07-01T00:00:00Z', $4, $4, $4)`,
        [id(i + 1), i === 3 ? '44' : '62', i !== 2, at],
      );
    }
    const callbacks = createCallbacks({ repository: new SqlCallbackRepository(store), store: new SqlLifecycleStore(store), sms: new SqlSmsOutbox(store), clock: { now: () => new Date('2024-06-02T00:00:00Z') } });
    await expect(callbacks.draw(GS, '2024-05', 10)).rejects.toThrow(ForbiddenError);
    // Lead 2 was concluded on 1 June in China; lead 3's reporter cannot be reached.
    const drawn = await callbacks.draw(NATIONAL, '2024-05', 10, 'fixed-seed');
    expect(drawn.sample.map((s) => s.leadId).sort()).toEqual([id(1), id(4)]);
    await expect(callbacks.draw(NATIONAL, '2024-05', 10)).rejects.toThrow(ConflictError);
    expect((await store.query('SELECT month, seed, per_province FROM callback_draws')).rows).toEqual([{ month: '2024-05', seed: 'fixed-seed', per_province: 10 }]);
    const sms = (await store.query<{ report_id: string; body: string }>('SELECT report_id, body FROM sms_outbox ORDER BY report_id')).rows;
    expect(sms.map((s) => s.report_id)).toEqual([id(1), id(4)]);
    expect(sms[0]!.body).toContain('回复数字评价');
    await callbacks.recordOutcome(NATIONAL, '2024-05', id(1), 'dissatisfied', '称未见处理');
    await expect(callbacks.recordOutcome(NATIONAL, '2024-05', id(3), 'satisfied')).rejects.toThrow(NotFoundError);
    expect((await store.query('SELECT outcome, note FROM callbacks WHERE lead_id = $1', [id(1)])).rows).toEqual([{ outcome: 'dissatisfied', note: '称未见处理' }]);
    const audit = (await store.query<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')).rows.map((r) => r.action);
    expect(audit).toEqual(['callback-draw', 'callback-outcome']);
  });
});
