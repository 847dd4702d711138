/**
 * Every console endpoint against every role, from a literal table: allowed where the row says so
 * (anything but 401/403), 403 everywhere else, and every 403 written to the audit trail with who
 * and which route. A route the table forgets fails the test, so a new endpoint must be placed.
 */
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS, ROLES, type Role } from '../models/access';
import { createTestUser, signIn } from '../test/console-users';
import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';

const PA: Role = 'provincial-analyst';
const PS: Role = 'provincial-supervisor';
const NA: Role = 'national-analyst';
const NRE: Role = 'national-rule-editor';
const NAP: Role = 'national-approver';
const AUD: Role = 'auditor';

interface Ids {
  clusterId: string;
  leadId: string;
  reportId: string;
}
type Endpoint = readonly [method: 'GET' | 'POST', route: string, allowed: readonly Role[], request: (ids: Ids) => { url: string; payload?: object }];

/** The matrix. Provincial users belong to Gansu (62); the data is Gansu's. */
const MATRIX: readonly Endpoint[] = [
  ['GET', '/api/v1/auth/me', ROLES, () => ({ url: '/api/v1/auth/me' })],
  ['GET', '/api/v1/queues/:queue/leads', [PA, PS, NA], () => ({ url: '/api/v1/queues/62/leads' })],
  ['GET', '/api/v1/clusters/:clusterId', [PA, PS, NA], (i) => ({ url: `/api/v1/clusters/${i.clusterId}` })],
  ['POST', '/api/v1/reports/:reportId/reporter', [PS, NA], (i) => ({ url: `/api/v1/reports/${i.reportId}/reporter`, payload: { reason: '核实举报人身份以便联系' } })],
  ['GET', '/api/v1/audit', [AUD, NA], () => ({ url: '/api/v1/audit' })],
  ['GET', '/api/v1/rules/current', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/rules/current' })],
  ['GET', '/api/v1/review/me', ROLES, () => ({ url: '/api/v1/review/me' })],
  ['GET', '/api/v1/review/clusters', [PA, PS, NA], () => ({ url: '/api/v1/review/clusters' })],
  ['GET', '/api/v1/review/clusters/:id', [PA, PS, NA], (i) => ({ url: `/api/v1/review/clusters/${i.clusterId}` })],
  ['POST', '/api/v1/review/clusters/:id/confirm', [PA, PS, NA], (i) => ({ url: `/api/v1/review/clusters/${i.clusterId}/confirm`, payload: {} })],
  // Allowed callers reach the service, which refuses these on their merits (409, 400): past the gate is what counts here.
  ['POST', '/api/v1/review/clusters/:id/split', [PA, PS, NA], (i) => ({ url: `/api/v1/review/clusters/${i.clusterId}/split`, payload: { leadId: '00000000-0000-4000-8000-000000000001', reason: '不同事件' } })],
  ['POST', '/api/v1/review/clusters/:id/merge', [PA, PS, NA], (i) => ({ url: `/api/v1/review/clusters/${i.clusterId}/merge`, payload: { otherClusterId: i.clusterId, reason: '同一团伙' } })],
  ['POST', '/api/v1/review/pairs/not-duplicate', [PA, PS, NA], (i) => ({ url: '/api/v1/review/pairs/not-duplicate', payload: { leadA: i.leadId, leadB: i.leadId, reason: '不同' } })],
  ['POST', '/api/v1/review/leads/:id/classification', [PA, PS, NA], (i) => ({ url: `/api/v1/review/leads/${i.leadId}/classification`, payload: { inScope: true, categories: ['MARKET_BULLY'], reason: '收保护费' } })],
  ['GET', '/api/v1/review/audit', [AUD, NA], () => ({ url: '/api/v1/review/audit' })],
  ['GET', '/api/v1/routing/rule-sets', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/routing/rule-sets' })],
  ['GET', '/api/v1/routing/schema', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/routing/schema' })],
  ['GET', '/api/v1/routing/rule-sets/:version', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/routing/rule-sets/1' })],
  ['POST', '/api/v1/routing/validate', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/routing/validate', payload: { rules: { rules: [] } } })],
  ['POST', '/api/v1/routing/drafts', [NRE], () => ({ url: '/api/v1/routing/drafts', payload: { rules: { rules: [] } } })],
  ['GET', '/api/v1/routing/drafts/:id', [NA, NRE, NAP, AUD], () => ({ url: `/api/v1/routing/drafts/${UNKNOWN}` })],
  ['POST', '/api/v1/routing/drafts/:id/revisions', [NRE], () => ({ url: `/api/v1/routing/drafts/${UNKNOWN}/revisions`, payload: { rules: { rules: [] } } })],
  ['POST', '/api/v1/routing/dry-runs', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/routing/dry-runs', payload: { draftId: UNKNOWN } })],
  ['POST', '/api/v1/routing/drafts/:id/publish', [NAP], () => ({ url: `/api/v1/routing/drafts/${UNKNOWN}/publish`, payload: { reason: '同意发布' } })],
  ['POST', '/api/v1/routing/rule-sets/:version/republish', [NAP], () => ({ url: '/api/v1/routing/rule-sets/1/republish', payload: { reason: '回滚' } })],
  ['GET', '/api/v1/routing/coverage', [NA, NRE, NAP, AUD], () => ({ url: '/api/v1/routing/coverage' })],
  ['GET', '/api/v1/routing/leads/:id', [NA, NRE, NAP, AUD], (i) => ({ url: `/api/v1/routing/leads/${i.leadId}` })],
  ['POST', '/api/v1/routing/reroutes', [NA], () => ({ url: '/api/v1/routing/reroutes', payload: { leadIds: [UNKNOWN], toQueue: 'national', reason: '人工改派测试' } })],
  ['GET', '/api/v1/cases', [PA, PS, NA], () => ({ url: '/api/v1/cases' })],
  ['GET', '/api/v1/cases/:leadId', [PA, PS, NA], (i) => ({ url: `/api/v1/cases/${i.leadId}` })],
  // Past the route's gate (case:read), each action needs its own permission: sending a conclusion back is the reviewers'.
  ['GET', '/api/v1/supervision', [NA, AUD], () => ({ url: '/api/v1/supervision' })],
  ['GET', '/api/v1/supervision/overdue', [NA, AUD], () => ({ url: '/api/v1/supervision/overdue?province=62' })],
  ['POST', '/api/v1/callbacks/draws', [NA], () => ({ url: '/api/v1/callbacks/draws', payload: { month: '2024-05', perProvince: 5, seed: 'matrix-seed-0001' } })],
  ['POST', '/api/v1/callbacks/:month/:leadId/outcome', [NA], (i) => ({ url: `/api/v1/callbacks/2024-05/${i.leadId}/outcome`, payload: { outcome: 'satisfied' } })],
  ['POST', '/api/v1/cases/:leadId/actions', [PS, NA], (i) => ({ url: `/api/v1/cases/${i.leadId}/actions`, payload: { action: 'send-back', reason: '证据不足' } })],
];
/** An id nothing has: allowed callers reach the service and get a 404. */
const UNKNOWN = '00000000-0000-4000-8000-0000000000aa';

/** Served to anyone: signing in, health, the page and its script (the page asks for a login). */
const PUBLIC = ['POST /api/v1/auth/login', 'GET /healthz', 'GET /review', 'GET /review/', 'GET /review/app.js', 'GET /routing', 'GET /routing/', 'GET /routing/app.js',
  // The API's own description (OpenAPI and its page), generated from the route schemas: no data.
  'GET /docs', 'GET /docs/json', 'GET /docs/yaml', 'GET /docs/static/*', 'GET /docs/static/index.html', 'GET /docs/static/swagger-initializer.js'];

describe('the console authorization matrix', () => {
  let h: Harness;
  let app: FastifyInstance;
  const routes: string[] = [];
  const headers = new Map<Role, { authorization: string }>();
  let ids: Ids;

  beforeAll(async () => {
    h = await startHarness();
    app = h.services.buildConsoleApp({ rateLimit: false });
    app.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
    });
    for (const role of ROLES) headers.set(role, await signIn(app, await createTestUser(h.services, role.replace(/-/g, ''), role, role.startsWith('provincial') ? '62' : undefined)));
    const intake = h.services.buildApp();
    for (const s of [SAMPLE_REPORTS[0]!, SAMPLE_REPORTS[0]!]) expect((await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: s.submission })).statusCode).toBe(201);
    await h.drained();
    const [lead] = await h.services.leads.listByRouteTopic('leads.province.62', { limit: 1, offset: 0 });
    ids = { clusterId: lead!.clusterId!, leadId: lead!.leadId, reportId: lead!.leadId };
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await h.stop();
  });

  it('places every console route in the table (or among the public ones)', () => {
    expect([...routes].sort()).toEqual([...MATRIX.map(([m, r]) => `${m} ${r}`), ...PUBLIC].sort());
  });

  const cells = MATRIX.flatMap((endpoint) => ROLES.map((role) => [endpoint[0], endpoint[1], role, endpoint[2].includes(role), endpoint] as const));

  it.each(cells)('%s %s as %s: allowed %s', async (method, route, role, allowed, endpoint) => {
    const { url, payload } = endpoint[3](ids);
    const res = await app.inject({ method, url, headers: headers.get(role)!, ...(payload ? { payload } : {}) });
    if (allowed) {
      expect([401, 403]).not.toContain(res.statusCode);
      expect(res.statusCode).toBeLessThan(500);
      return;
    }
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    const denied = await h.services.audit.list({ limit: 1, action: 'access-denied' });
    expect(denied[0]).toMatchObject({ actor: role.replace(/-/g, ''), details: expect.objectContaining({ role, method, route }) });
  });

  it('agrees with the permission table: the routes of one permission are open to exactly its roles', () => {
    const byPermission: Record<string, readonly string[]> = PERMISSIONS;
    expect(MATRIX.find(([, r]) => r === '/api/v1/reports/:reportId/reporter')![2]).toEqual(byPermission['identity:read']);
    expect(MATRIX.find(([, r]) => r === '/api/v1/review/clusters/:id/confirm')![2]).toEqual(byPermission['cluster:act']);
    expect(MATRIX.find(([, r]) => r === '/api/v1/rules/current')![2]).toEqual(byPermission['rules:read']);
    expect(MATRIX.find(([, r]) => r === '/api/v1/routing/drafts')![2]).toEqual(byPermission['rules:draft']);
    expect(MATRIX.find(([, r]) => r === '/api/v1/routing/drafts/:id/publish')![2]).toEqual(byPermission['rules:publish']);
    expect(MATRIX.find(([, r]) => r === '/api/v1/routing/reroutes')![2]).toEqual(byPermission['lead:reroute']);
  });

  it('refuses everyone without a valid token with 401, in Chinese', async () => {
    for (const [method, , , request] of MATRIX) {
      const { url, payload } = request(ids);
      const res = await app.inject({ method, url, headers: { authorization: 'Bearer forged.token' }, ...(payload ? { payload } : {}) });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });
});
