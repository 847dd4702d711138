/**
 * Behaviour every Store must have, with the project's own migrations and repositories, run on
 * PGlite (unit) and on PostgreSQL (integration).
 */
import type { ReportReceived, ReportScreened } from '../../models/messages';
import type { Store } from '../../models/ports/store.port';
import { migrate, migrationFiles } from './migrate';
import { SqlHandledMessages } from './sql-handled-messages';
import { SqlLeadRepository } from './sql-lead-repository';
import { SqlReportRepository } from './sql-report-repository';
import { SqlRoutingRulesRepository } from './sql-routing-rules-repository';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function received(n: number): ReportReceived {
  return {
    reportId: id(n),
    receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    reporter: { realName: false, contactGiven: false },
    subject: { people: [{ name: '王某' }] },
    facts: { text: `第${n}份举报：王某在市场收保护费` },
  };
}

function screened(n: number): ReportScreened {
  const r = received(n);
  return {
    reportId: r.reportId,
    receivedAt: r.receivedAt,
    reporter: r.reporter,
    screening: {
      text: r.facts.text,
      tokens: ['王某', '市场', '保护费'],
      entities: [],
      categories: [{ code: 'MARKET_BULLY', probability: 0.9 }],
      credibility: { score: 61, reasons: [] },
      scope: { inScope: true, probability: 0.9 },
      location: { provinceCode: '62' },
      embedderId: 'e',
      embedding: [0.6, 0.8],
    },
  };
}

export function describeStoreContract(name: string, open: () => Promise<Store>, timeoutMs = 30_000): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    }, timeoutMs);
    afterAll(async () => {
      await store?.close();
    });

    it('applies every migration once, even when asked twice', async () => {
      const first = await migrate(store);
      expect(first).toEqual(migrationFiles().map((m) => m.version));
      expect(await migrate(store)).toEqual([]);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      const reports = new SqlReportRepository(store);
      await store.transaction((tx) => reports.insert({ message: received(1), queryCodeHash: 'h1', reporterSealed: null }, tx));
      await expect(
        store.transaction(async (tx) => {
          await reports.insert({ message: received(2), queryCodeHash: 'h2', reporterSealed: 'sealed' }, tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await reports.findStatusByQueryCodeHash('h1')).toMatchObject({ status: 'received' });
      expect(await reports.findStatusByQueryCodeHash('h2')).toBeUndefined();
    });

    it('keeps an outbox of unpublished reports and moves statuses forward only', async () => {
      const reports = new SqlReportRepository(store);
      await reports.insert({ message: received(3), queryCodeHash: 'h3', reporterSealed: null });
      const handed: ReportReceived[] = [];
      await expect(reports.relayUnpublished(10, async () => Promise.reject(new Error('bus down')), new Date())).rejects.toThrow('bus down');
      expect(await reports.relayUnpublished(10, async (pending) => void handed.push(...pending), new Date())).toBe(2);
      expect(handed.map((r) => r.reportId)).toEqual([id(1), id(3)]);
      expect(handed[1]).toEqual(received(3));
      expect(await reports.relayUnpublished(10, async (pending) => void handed.push(...pending), new Date())).toBe(0);
      await reports.advanceStatus(id(3), 'routed', new Date());
      await reports.advanceStatus(id(3), 'screened', new Date());
      expect(await reports.findStatusByQueryCodeHash('h3')).toMatchObject({ status: 'routed' });
    });

    it('tells a stage the first message of a report, the same message again, and a copy', async () => {
      const handled = new SqlHandledMessages(store);
      const at = new Date();
      expect(await handled.claim('screening', id(7), 'reports.received/1/10', at)).toBe('first');
      expect(await handled.claim('screening', id(7), 'reports.received/1/10', at)).toBe('again');
      expect(await handled.claim('screening', id(7), 'reports.received/1/42', at)).toBe('copy');
      expect(await handled.claim('dedup', id(7), 'reports.screened/1/3', at)).toBe('first');
      expect(await handled.claim('screening', id(7), 'reports.received/1/10', at)).toBe('again');
    });

    it('stores leads by keyed upserts and derives clusters from their members', async () => {
      const leads = new SqlLeadRepository(store);
      const reports = new SqlReportRepository(store);
      for (const n of [4, 5]) await reports.insert({ message: received(n), queryCodeHash: `h${n}`, reporterSealed: null });
      for (const n of [4, 5, 5]) await leads.saveScreening(screened(n), new Date());
      await leads.saveDedup(id(4), { decision: 'new', clusterId: id(4) }, new Date());
      await leads.saveDedup(id(5), { decision: 'duplicate', clusterId: id(4), matchedLeadId: id(4), score: 0.93 }, new Date());
      await leads.saveDedup(id(5), { decision: 'duplicate', clusterId: id(4), matchedLeadId: id(4), score: 0.93 }, new Date());
      expect(await leads.findDedup(id(5))).toEqual({ decision: 'duplicate', clusterId: id(4), matchedLeadId: id(4), score: 0.93 });
      const route = { target: { kind: 'province' as const, provinceCode: '62' }, topic: 'leads.province.62', rulesVersion: 1, ruleId: 'province', reason: '按案发地' };
      await leads.saveRoute(id(4), route, new Date());
      expect(await leads.findRoute(id(4))).toEqual(route);
      expect((await leads.listByRouteTopic('leads.province.62', { limit: 10, offset: 0 })).map((l) => l.leadId)).toEqual([id(4)]);
      const cluster = await leads.findCluster(id(4));
      expect(cluster).toMatchObject({ canonicalLeadId: id(4), memberCount: 2, provinces: ['62'] });
      expect(cluster!.members.map((m) => m.leadId)).toEqual([id(4), id(5)]);
    });

    it('publishes routing rules as increasing versions', async () => {
      const rules = new SqlRoutingRulesRepository<{ rules: string[] }>(store);
      expect(await rules.current()).toBeUndefined();
      await rules.publish({ rules: ['a'] }, 'tester', new Date());
      const v2 = await rules.publish({ rules: ['b'] }, 'tester', new Date());
      expect(v2.version).toBe(2);
      expect(await rules.current()).toMatchObject({ version: 2, rules: { rules: ['b'] }, publishedBy: 'tester' });
    });
  });
}
