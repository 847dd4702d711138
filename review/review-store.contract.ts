/**
 * What the review store and read model must do on every SQL store (PGlite in the unit tier,
 * PostgreSQL in the integration tier): each action's writes commit with their audit row or not at
 * all, and concurrent actions on overlapping clusters end in one consistent state (no member lost
 * or duplicated, merged ids resolving to one survivor, every action audited once).
 */
import type { Analyst } from '../models/actor';
import type { Store } from '../models/ports/store.port';
import { migrate } from '../infra/store/migrate';
import { truncate } from '../test/fixtures/reset';
import { id, seedReviewLeads } from '../test/fixtures/review-leads';
import { SqlReviewReadModel } from './review-read-model';
import { SqlReviewStore } from './review-store';
import { createReviewService, type ReviewService } from './review.service';
import type { ReviewWrites } from './review.port';

const NATIONAL: Analyst = { id: 'a-nat', name: '全国办', role: 'national-analyst', scope: { kind: 'national' } };

export function describeReviewStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`the review store on ${name}`, () => {
    let store: Store;
    let reads: SqlReviewReadModel;
    let review: ReviewService;
    let next: number;

    beforeAll(async () => {
      store = await open();
      await migrate(store);
    });
    beforeEach(async () => {
      await truncate(store, ['audit_log', 'pair_labels', 'lead_labels', 'lead_links', 'clusters', 'leads', 'reports']);
      await seedReviewLeads(store);
      reads = new SqlReviewReadModel(store);
      next = 900;
      review = createReviewService({ reads, store: new SqlReviewStore(store), clock: { now: () => new Date('2024-05-10T00:00:00Z') }, ids: { uuid: () => id(next++) } });
    });
    afterAll(async () => {
      await store.close();
    });

    /** Every lead's cluster, and each cluster's merged_into. */
    const snapshot = async () => {
      const leads = await store.query<{ lead_id: string; cluster_id: string; dedup_cluster: string }>("SELECT lead_id, cluster_id, dedup->>'clusterId' AS dedup_cluster FROM leads ORDER BY lead_id");
      const clusters = await store.query<{ cluster_id: string; merged_into: string | null }>('SELECT cluster_id, merged_into FROM clusters ORDER BY cluster_id');
      return { leads: leads.rows, clusters: clusters.rows };
    };

    it('commits an action with its audit row and pair label, and reads them back', async () => {
      await review.merge(NATIONAL, id(1), id(30), '同一团伙');
      const head = await reads.findHead(id(30));
      expect(head?.mergedInto).toBe(id(1));
      expect(await reads.mergedInto(id(1))).toBeNull();
      expect(await reads.mergedInto(id(999))).toBeUndefined();
      expect((await reads.listMembers(id(1))).map((m) => m.leadId)).toEqual([id(1), id(2), id(3), id(30)]);
      expect(await reads.listPairLabels()).toEqual([expect.objectContaining({ leadA: id(1), leadB: id(30), label: 'duplicate' })]);
      expect((await reads.listAudit(id(30), 10)).map((e) => e.action)).toEqual(['merge']);
    });

    it('rolls back every write of an action whose audit row fails', async () => {
      const before = await snapshot();
      const failing = createReviewService({
        reads,
        store: { inTransaction: (fn) => new SqlReviewStore(store).inTransaction((tx) => fn(Object.assign(Object.create(tx) as ReviewWrites, { appendAudit: () => Promise.reject(new Error('disk full')) }))) },
        clock: { now: () => new Date('2024-05-10T00:00:00Z') },
        ids: { uuid: () => id(950) },
      });
      await expect(failing.merge(NATIONAL, id(1), id(30), '同一团伙')).rejects.toThrow('disk full');
      expect(await snapshot()).toEqual(before);
      expect(await reads.listPairLabels()).toEqual([]);
    });

    it('ends two concurrent merges of overlapping clusters in one survivor, every member once', async () => {
      const results = await Promise.allSettled([review.merge(NATIONAL, id(1), id(20), '同一团伙'), review.merge(NATIONAL, id(20), id(30), '同一市场')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const { leads, clusters } = await snapshot();
      // The cluster created first (1) absorbs both, whichever merge ran first.
      expect(new Set(leads.filter((l) => [1, 2, 3, 20, 21, 30].map(id).includes(l.lead_id)).map((l) => l.cluster_id))).toEqual(new Set([id(1)]));
      expect(leads.every((l) => l.cluster_id === l.dedup_cluster)).toBe(true);
      expect(clusters.filter((c) => c.merged_into === null).map((c) => c.cluster_id)).toEqual([id(1), id(10)]);
      for (const absorbed of [20, 30]) expect(await review.getCluster(NATIONAL, id(absorbed))).toMatchObject({ clusterId: id(1), memberCount: 6 });
      expect((await reads.listAudit(id(1), 10)).filter((e) => e.action === 'merge')).toHaveLength(2);
    });

    it('serialises a split racing a confirm of the same cluster: both apply, nothing is lost', async () => {
      const [split, confirm] = await Promise.allSettled([review.split(NATIONAL, id(1), id(3), '事件不同'), review.confirm(NATIONAL, id(1), '同一事件')]);
      expect([split.status, confirm.status]).toEqual(['fulfilled', 'fulfilled']);
      const { leads } = await snapshot();
      expect(leads.find((l) => l.lead_id === id(3))?.cluster_id).toBe(id(900));
      expect(leads.filter((l) => l.cluster_id === id(1)).map((l) => l.lead_id)).toEqual([id(1), id(2)]);
      expect((await reads.findHead(id(1)))?.status).toBe('confirmed');
      expect((await reads.listAudit(id(1), 10)).map((e) => e.action).sort()).toEqual(['confirm', 'split']);
    });
  });
}
