/**
 * The scheduler on PGlite with the review fixture's leads (cluster 1: three Gansu leads received
 * 1–3 May 2024, lead 1's reporter reachable; lead 30 alone): flags, the cluster's earliest
 * deadline, escalation to the supervision list (audited once), reminders sent once.
 */
import { migrate } from '../infra/store/migrate';
import { PgliteStore } from '../infra/store/pglite-store';
import type { Principal } from '../models/access';
import { truncate } from '../test/fixtures/reset';
import { id } from '../test/fixtures/review-leads';
import { createDeadlineScheduler } from './deadline-scheduler';
import { SqlLifecycleReadModel, SqlLifecycleStore, SqlNotifications } from './lifecycle-store';
import { seedRoutedLeads } from './lifecycle-store.contract';
import { createLifecycleService } from './lifecycle.service';
import { createSupervision } from './supervision';
import { ForbiddenError } from '../models/errors';

const GS: Principal = { id: 'gs-a', name: '甲', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } };
const NATIONAL: Principal = { id: 'nat', name: '丙', role: 'national-analyst', scope: { kind: 'national' } };

describe('the deadline scheduler', () => {
  let store: PgliteStore;
  let now: Date;
  let reads: SqlLifecycleReadModel;
  const clock = { now: () => now };
  const setUp = () => {
    const lifecycle = createLifecycleService({ reads, store: new SqlLifecycleStore(store), clock });
    return { lifecycle, scheduler: createDeadlineScheduler({ reads, store: new SqlLifecycleStore(store), notifications: new SqlNotifications(store), clock, openPending: () => lifecycle.openPending() }) };
  };

  beforeAll(async () => {
    store = await PgliteStore.open();
    await migrate(store);
    reads = new SqlLifecycleReadModel(store);
  });
  beforeEach(async () => {
    await truncate(store, ['lead_cases', 'notifications', 'audit_log', 'lead_links', 'clusters', 'leads', 'reports']);
    await seedRoutedLeads(store);
  });
  afterAll(async () => store.close());

  const flags = async () => Object.fromEntries((await store.query<{ lead_id: string; deadline_flag: string; deadline_kind: string | null }>('SELECT lead_id, deadline_flag, deadline_kind FROM lead_cases ORDER BY lead_id')).rows.map((r) => [r.lead_id, `${r.deadline_flag}/${r.deadline_kind}`]));
  const notifications = async () => (await store.query<{ recipient: string; kind: string; lead_id: string }>('SELECT recipient, kind, lead_id FROM notifications ORDER BY notification_id')).rows;

  it('flags the reachable reporter\'s contact clock due soon, then overdue, and escalates once', async () => {
    const { scheduler } = setUp();
    now = new Date('2024-05-10T00:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ opened: 8, open: 8, dueSoon: 0, overdue: 0, reminders: 0 });
    now = new Date('2024-05-26T00:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ opened: 0, dueSoon: 1, overdue: 0, reminders: 1 });
    expect((await flags())[id(1)]).toBe('due-soon/contact');
    expect(await notifications()).toEqual([{ recipient: '62', kind: 'due-soon-contact', lead_id: id(1) }]);
    now = new Date('2024-06-01T00:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ overdue: 1, newlySupervised: 1, reminders: 2 });
    expect(await scheduler.tick()).toMatchObject({ overdue: 1, newlySupervised: 0, reminders: 0 });
    expect((await reads.findCase(id(1)))?.supervisedAt).toBe(now.toISOString());
    expect((await reads.history(id(1))).map((e) => e.action)).toEqual(['case-supervise']);
    expect((await notifications()).slice(1)).toEqual([
      { recipient: '62', kind: 'overdue-contact', lead_id: id(1) },
      { recipient: 'national', kind: 'supervise-contact', lead_id: id(1) },
    ]);
    expect(await reads.provinceCounts()).toContainEqual({ provinceCode: '62', open: 5, dueSoon: 0, overdue: 1, concluded: 0, supervised: 1 });

    // The supervision board and list, for the national office only.
    const supervision = createSupervision({ reads, openPending: async () => 0 });
    await expect(supervision.board(GS)).rejects.toThrow(ForbiddenError);
    const board = await supervision.board(NATIONAL);
    const gansu = board.provinces.find((p) => p.provinceCode === '62')!;
    expect(gansu).toMatchObject({ provinceName: '甘肃省', open: 5, overdue: 1, trend: [{ month: '2024-05', received: 5, concluded: 0, overdueRate: 0.2, duplicateRate: 0.4, satisfaction: null }] });
    expect(board.oldest[0]).toMatchObject({ leadId: id(1), deadlineFlag: 'overdue', deadlineFlagName: '已超期' });
    const overdueList = await supervision.overdue(NATIONAL, '62');
    expect(overdueList.map((c) => [c.leadId, c.history.map((e) => e.action)])).toEqual([[id(1), ['case-supervise']]]);
    expect(await supervision.overdue(NATIONAL, '44')).toEqual([]);
  });

  it('lets a cluster carry its earliest conclusion deadline, over a year end', async () => {
    const { lifecycle, scheduler } = setUp();
    now = new Date('2024-05-10T00:00:00Z');
    await lifecycle.openPending();
    await lifecycle.act(GS, id(1), { action: 'accept' });
    await lifecycle.act(GS, id(1), { action: 'record-contact' });
    // Lead 3 (received 3 May) is due at the end of 31 December; its cluster-mates follow it.
    await store.query("UPDATE lead_cases SET conclusion_due_at = '2025-03-31T15:59:59.999Z'");
    await store.query("UPDATE lead_cases SET conclusion_due_at = '2024-12-31T15:59:59.999Z' WHERE lead_id = $1", [id(3)]);
    now = new Date('2024-12-31T15:59:59.999Z');
    await scheduler.tick();
    expect((await flags())[id(1)]).toBe('due-soon/conclusion');
    now = new Date('2024-12-31T16:00:00Z');
    await scheduler.tick();
    const f = await flags();
    expect([f[id(1)], f[id(2)], f[id(3)]]).toEqual(['overdue/conclusion', 'overdue/conclusion', 'overdue/conclusion']);
    expect(f[id(30)]).toBe('on-time/conclusion');
  });

  it('leaves concluded cases off the clocks', async () => {
    const { lifecycle, scheduler } = setUp();
    now = new Date('2024-05-10T00:00:00Z');
    await lifecycle.openPending();
    await store.query("UPDATE lead_cases SET state = 'feedback-delivered' WHERE lead_id = $1", [id(1)]);
    now = new Date('2024-06-05T00:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ open: 7, overdue: 0 });
  });
});
