import { migrate } from '../infra/store/migrate';
import { truncate } from '../test/fixtures/reset';
import { id, seedReviewLeads as seed } from '../test/fixtures/review-leads';
import { PgliteStore } from '../infra/store/pglite-store';
import { SqlReviewReadModel } from './review-read-model';
import { SqlReviewStore } from './review-store';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type XiansuoError } from '../models/errors';
import type { Analyst } from '../models/actor';
import type { ReviewWrites } from './review.port';
import { dateRange } from './cluster-views';
import { createReviewService, type ReviewService } from './review.service';

const GANSU: Analyst = { id: 'a-62', name: '甘肃分析员', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } };
const GUANGDONG: Analyst = { id: 'a-44', name: '广东分析员', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '44' } };
const NATIONAL: Analyst = { id: 'a-nat', name: '全国办', role: 'national-analyst', scope: { kind: 'national' } };

describe('the review service (PGlite)', () => {
  let store: PgliteStore;
  let repo: SqlReviewReadModel;
  let writes: SqlReviewStore;
  let review: ReviewService;
  let next: number;
  const now = new Date('2024-05-10T00:00:00Z');

  beforeAll(async () => {
    store = await PgliteStore.open();
    await migrate(store);
  });
  beforeEach(async () => {
    await truncate(store, ['audit_log', 'pair_labels', 'lead_labels', 'lead_links', 'clusters', 'leads', 'reports']);
    await seed(store);
    repo = new SqlReviewReadModel(store);
    writes = new SqlReviewStore(store);
    next = 900;
    review = createReviewService({ reads: repo, store: writes, clock: { now: () => now }, ids: { uuid: () => id(next++) } });
  });
  afterAll(async () => {
    await store.close();
  });

  const auditRows = () => store.query<{ actor: string; action: string; cluster_id: string; lead_id: string | null; reason: string | null }>('SELECT * FROM audit_log ORDER BY audit_id');
  const rejects = async (p: Promise<unknown>, type: new (...args: never[]) => XiansuoError, status: number) => {
    const error = await p.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as XiansuoError).httpStatus).toBe(status);
    expect((error as XiansuoError).message).toMatch(/[\u4e00-\u9fa5]/);
  };

  it("lists a province's clusters, newest activity first, with members, independent reporters and provinces", async () => {
    const page = await review.listClusters(GANSU);
    expect(page.clusters.map((c) => c.clusterId)).toEqual([id(30), id(20), id(1)]);
    const c1 = page.clusters.find((c) => c.clusterId === id(1))!;
    expect(c1).toMatchObject({ memberCount: 3, independentReporters: 2, provinces: ['62'], crossProvince: false, status: 'open', deadlineAt: '2024-06-01T00:00:00.000Z' });
    expect(c1.excerpt).toContain('线索1');
    expect(page.clusters.find((c) => c.clusterId === id(20))).toMatchObject({ crossProvince: true, provinceNames: ['四川省', '甘肃省'], categoryNames: ['黄赌毒'] });
    expect((await review.listClusters(GUANGDONG)).clusters.map((c) => c.clusterId)).toEqual([id(10)]);
    expect((await review.listClusters(NATIONAL)).total).toBe(4);
  });

  it('filters the list by size, cross-province, status, category and received dates (Beijing days)', async () => {
    const ids = async (f: Parameters<ReviewService['listClusters']>[1]) => (await review.listClusters(NATIONAL, f)).clusters.map((c) => c.clusterId);
    expect(await ids({ minSize: 3 })).toEqual([id(1)]);
    expect(await ids({ crossProvince: true })).toEqual([id(20)]);
    expect(await ids({ category: 'ILLEGAL_LENDING' })).toEqual([id(10)]);
    expect(await ids({ from: '2024-05-06', to: '2024-05-07' })).toEqual([id(20)]);
    expect(await ids({ limit: 1, offset: 1 })).toEqual([id(20)]);
    await review.confirm(NATIONAL, id(10));
    expect(await ids({ status: 'confirmed' })).toEqual([id(10)]);
    expect(() => dateRange('2024-05-09', '2024-05-01')).toThrow(ValidationError);
  });

  it('finds clusters by a name, a place, the start of a lead or cluster id, and a query code; single reports too', async () => {
    const search = createReviewService({ reads: repo, store: writes, clock: { now: () => now }, ids: { uuid: () => id(next++) }, hashQueryCode: (code) => (code === 'XS-AAAA-BBBB-CCCC-DDDD' ? 'hash-30' : undefined) });
    const ids = async (q: string, who: Analyst = NATIONAL) => (await search.listClusters(who, { q })).clusters.map((c) => c.clusterId);
    expect(await ids('王大虎')).toEqual([id(30), id(20), id(10), id(1)]);
    expect(await ids('线索21')).toEqual([id(20)]);
    expect(await ids(id(11).slice(0, 36))).toEqual([id(10)]);
    expect(await ids(id(10).toUpperCase())).toEqual([id(10)]);
    // A single report (cluster 30 has one member) is found by its citizen's query code.
    expect(await ids('XS-AAAA-BBBB-CCCC-DDDD')).toEqual([id(30)]);
    // A division by its name, with or without its level: 四川 is where lead 21 happened.
    expect(await ids('四川')).toEqual([id(20)]);
    expect(await ids('四川省')).toEqual([id(20)]);
    expect(await ids('广东', GANSU)).toEqual([]);
    expect(await ids('无此人')).toEqual([]);
  });

  it("names a cluster's main category by its members' crime, the umbrella after it", async () => {
    await store.query("UPDATE leads SET primary_category = 'PROTECTIVE_UMBRELLA' WHERE lead_id IN ($1, $2)", [id(1), id(2)]);
    const c1 = (await review.listClusters(GANSU)).clusters.find((c) => c.clusterId === id(1))!;
    expect(c1.categoryNames).toEqual(['欺行霸市、强买强卖、收保护费', '保护伞']);
  });

  it.each(['2024-02-30', '2023-02-29', '0000-01-01', '2024-13-01', '2024-05-01T25:00Z', '2024-05-01T10:00+99:00'])(
    'refuses the impossible date %s with a 400 in Chinese, before the database sees it',
    async (date) => {
      await rejects(review.listClusters(NATIONAL, { from: date }), ValidationError, 400);
    },
  );

  it('shows a cluster with members, copies, links from dedup and the entities two members share', async () => {
    const c = await review.getCluster(GANSU, id(1));
    expect(c.members.map((m) => [m.leadId, m.isCanonical, m.isCopy])).toEqual([[id(1), true, false], [id(2), false, true], [id(3), false, false]]);
    expect(c.members[0]).toMatchObject({ provinceName: '甘肃省', credibility: { reasons: [{ message: '细节具体' }] } });
    expect(c.sharedEntities).toEqual([{ type: 'person', value: '王大虎', texts: ['王大虎'], leadIds: [id(1), id(2)] }]);
    expect(c.links.map((l) => [l.leadId, l.otherLeadId, l.source])).toEqual([[id(2), id(1), 'dedup'], [id(3), id(1), 'dedup']]);
    await rejects(review.getCluster(GANSU, id(999)), NotFoundError, 404);
  });

  it('confirms a cluster and writes the audit row', async () => {
    const result = await review.confirm(GANSU, id(1), '三份举报指向同一事件');
    expect(result).toEqual({ action: 'confirm', clusterId: id(1), previousStatus: 'open' });
    expect((await repo.findHead(id(1)))?.status).toBe('confirmed');
    expect((await auditRows()).rows).toEqual([expect.objectContaining({ actor: 'a-62', action: 'confirm', cluster_id: id(1), reason: '三份举报指向同一事件' })]);
  });

  it('splits a member into a new cluster, keeps the old id, labels the pair and audits', async () => {
    const result = await review.split(GANSU, id(1), id(3), '事件不同：时间地点不一致');
    expect(result).toEqual({ action: 'split', clusterId: id(1), leadId: id(3), newClusterId: id(900), canonicalLeadId: id(1) });
    expect((await review.getCluster(GANSU, id(1))).members.map((m) => m.leadId)).toEqual([id(1), id(2)]);
    expect(await review.getCluster(GANSU, id(900))).toMatchObject({ canonicalLeadId: id(3), memberCount: 1, deadlineAt: '2024-06-03T00:00:00.000Z' });
    expect(await repo.listPairLabels()).toEqual([expect.objectContaining({ leadA: id(1), leadB: id(3), label: 'not-duplicate', labelledBy: 'a-62' })]);
    expect((await auditRows()).rows).toEqual([expect.objectContaining({ action: 'split', cluster_id: id(1), lead_id: id(3), reason: '事件不同：时间地点不一致' })]);
    expect((await review.audit(GANSU, id(900))).map((e) => e.action)).toEqual(['split']);
  });

  it('makes the earliest remaining member canonical when the canonical lead is split out', async () => {
    await review.split(GANSU, id(1), id(1), '代表线索另有其事');
    const c = await review.getCluster(GANSU, id(1));
    expect(c).toMatchObject({ canonicalLeadId: id(2), deadlineAt: '2024-06-02T00:00:00.000Z' });
    expect((await repo.listPairLabels())[0]).toMatchObject({ leadA: id(1), leadB: id(2), label: 'not-duplicate' });
  });

  it('refuses a split without a reason, of a non-member, or of the last member', async () => {
    await rejects(review.split(GANSU, id(1), id(3), '  '), ValidationError, 400);
    await rejects(review.split(GANSU, id(1), id(30), '不是同一事件'), ConflictError, 409);
    await rejects(review.split(GANSU, id(30), id(30), '不是同一事件'), ConflictError, 409);
    expect((await auditRows()).rows).toHaveLength(0);
  });

  it('merges into the cluster created first; the old id resolves to it and the earliest deadline stays', async () => {
    const result = await review.merge(GANSU, id(30), id(1), '同一团伙同一市场');
    expect(result).toEqual({ action: 'merge', clusterId: id(1), absorbedId: id(30), movedLeadIds: [id(30)] });
    const viaOld = await review.getCluster(GANSU, id(30));
    expect(viaOld).toMatchObject({ clusterId: id(1), redirectedFrom: id(30), memberCount: 4, deadlineAt: '2024-05-20T00:00:00.000Z' });
    expect((await repo.findHead(id(1)))?.deadlineAt).toBe('2024-05-20T00:00:00.000Z');
    expect((await review.listClusters(GANSU)).clusters.map((c) => c.clusterId)).toEqual([id(1), id(20)]);
    expect(await repo.listPairLabels()).toEqual([expect.objectContaining({ leadA: id(1), leadB: id(30), label: 'duplicate' })]);
    expect((await auditRows()).rows).toEqual([expect.objectContaining({ action: 'merge', cluster_id: id(1), reason: '同一团伙同一市场' })]);
    // Actions on the old id land on the survivor too.
    await review.confirm(GANSU, id(30));
    expect((await repo.findHead(id(1)))?.status).toBe('confirmed');
    await rejects(review.merge(GANSU, id(1), id(30), '再合并一次'), ValidationError, 400);
  });

  it('stores a not-duplicate pair and splits the later lead out of their shared cluster', async () => {
    const result = await review.markNotDuplicate(GANSU, id(3), id(1), '作案时间相差两年');
    expect(result).toEqual({ action: 'not-duplicate', clusterId: id(1), leadA: id(3), leadB: id(1), split: { leadId: id(3), newClusterId: id(900) } });
    expect(await repo.listPairLabels()).toEqual([expect.objectContaining({ leadA: id(1), leadB: id(3), label: 'not-duplicate', reason: '作案时间相差两年' })]);
    expect((await review.getCluster(GANSU, id(1))).memberCount).toBe(2);
    expect((await auditRows()).rows).toEqual([expect.objectContaining({ action: 'not-duplicate', lead_id: id(3) })]);
    await review.markNotDuplicate(GANSU, id(1), id(30), '不同市场');
    expect(await repo.listPairLabels()).toHaveLength(2);
    await rejects(review.markNotDuplicate(GANSU, id(1), id(1), '同一条'), ValidationError, 400);
  });

  it("records an analyst's correction of scope and categories as the lead's label, audited, and the primary category follows", async () => {
    const result = await review.classify(GANSU, id(3), { inScope: true, categories: ['VILLAGE_BULLY', 'PROTECTIVE_UMBRELLA'], reason: '村霸欺压村民，派出所包庇' });
    expect(result).toEqual({ action: 'classify', clusterId: id(1), leadId: id(3), inScope: true, categories: ['VILLAGE_BULLY', 'PROTECTIVE_UMBRELLA'] });
    const member = (await review.getCluster(GANSU, id(1))).members.find((m) => m.leadId === id(3))!;
    expect(member.analystLabel).toMatchObject({ inScope: true, categories: ['VILLAGE_BULLY', 'PROTECTIVE_UMBRELLA'], labelledBy: 'a-62', reason: '村霸欺压村民，派出所包庇' });
    expect(member.primaryCategory).toBe('VILLAGE_BULLY');
    expect((await auditRows()).rows).toEqual([expect.objectContaining({ action: 'classify', lead_id: id(3), cluster_id: id(1) })]);
    // The latest correction wins; out of scope defaults to 非涉黑涉恶.
    await review.classify(GANSU, id(3), { inScope: false, categories: [], reason: '实为邻里纠纷' });
    expect(await repo.listLeadLabels()).toEqual([expect.objectContaining({ leadId: id(3), inScope: false, categories: ['OUT_OF_SCOPE'], text: expect.stringContaining('线索3') })]);
  });

  it('refuses a correction without a reason, with categories that contradict the scope, or outside the province', async () => {
    await rejects(review.classify(GANSU, id(3), { inScope: true, categories: ['VICE'], reason: ' ' }), ValidationError, 400);
    await rejects(review.classify(GANSU, id(3), { inScope: true, categories: [], reason: '是' }), ValidationError, 400);
    await rejects(review.classify(GANSU, id(3), { inScope: true, categories: ['OUT_OF_SCOPE'], reason: '是' }), ValidationError, 400);
    await rejects(review.classify(GANSU, id(3), { inScope: false, categories: ['VICE'], reason: '否' }), ValidationError, 400);
    await rejects(review.classify(GANSU, id(3), { inScope: true, categories: ['NOT_A_CODE'], reason: '是' }), ValidationError, 400);
    await rejects(review.classify(GANSU, id(10), { inScope: true, categories: ['VICE'], reason: '是' }), ForbiddenError, 403);
    await rejects(review.classify(GANSU, id(999), { inScope: true, categories: ['VICE'], reason: '是' }), NotFoundError, 404);
    expect(await repo.listLeadLabels()).toEqual([]);
  });

  it('keeps analysts to their province: a Guangdong cluster is refused like an unknown one, the national office acts', async () => {
    const concealed = async (p: Promise<unknown>, message: string) => {
      const error = await p.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ForbiddenError);
      // The HTTP edge answers it as the NotFoundError below (404), so probing ids reveals nothing.
      expect((error as ForbiddenError).denial.concealedAs).toEqual(new NotFoundError(message));
    };
    await concealed(review.confirm(GANSU, id(10)), '未找到该线索簇');
    await concealed(review.split(GANSU, id(10), id(11), '不是同一事件'), '未找到该线索簇');
    await concealed(review.merge(GANSU, id(1), id(10), '合并'), '未找到该线索簇');
    await concealed(review.markNotDuplicate(GANSU, id(10), id(11), '不同'), '未找到该线索');
    await concealed(review.getCluster(GANSU, id(10)), '未找到该线索簇');
    await concealed(review.getCluster(GUANGDONG, id(20)), '未找到该线索簇');
    await rejects(review.audit(GANSU), ForbiddenError, 403);
    await review.confirm(NATIONAL, id(10));
    expect((await review.audit(NATIONAL)).map((e) => e.actor)).toEqual(['a-nat']);
  });

  it('checks the role again in the service: an auditor reads trails but no cluster, a rule editor touches none', async () => {
    const auditor: Analyst = { id: 'aud', name: '审计员', role: 'auditor', scope: { kind: 'national' } };
    const editor: Analyst = { id: 'ed', name: '规则编辑', role: 'national-rule-editor', scope: { kind: 'national' } };
    await rejects(review.listClusters(auditor), ForbiddenError, 403);
    await rejects(review.getCluster(auditor, id(1)), ForbiddenError, 403);
    await rejects(review.confirm(auditor, id(1)), ForbiddenError, 403);
    await review.confirm(NATIONAL, id(1));
    expect((await review.audit(auditor, id(1))).map((e) => e.action)).toEqual(['confirm']);
    for (const call of [review.listClusters(editor), review.confirm(editor, id(1)), review.audit(editor)]) await rejects(call, ForbiddenError, 403);
  });

  it('writes nothing when an action fails after its first write (one transaction)', async () => {
    const failing = createReviewService({
      reads: repo,
      store: {
        inTransaction: <T>(fn: (tx: ReviewWrites) => Promise<T>) =>
          writes.inTransaction((tx) => fn(Object.assign(Object.create(tx) as ReviewWrites, { appendAudit: () => Promise.reject(new Error('disk full')) }))),
      },
      clock: { now: () => now },
      ids: { uuid: () => id(950) },
    });
    await expect(failing.split(GANSU, id(1), id(3), '事件不同')).rejects.toThrow('disk full');
    expect((await review.getCluster(GANSU, id(1))).memberCount).toBe(3);
    expect(await repo.findHead(id(950))).toBeUndefined();
    expect(await repo.listPairLabels()).toEqual([]);
  });
});
