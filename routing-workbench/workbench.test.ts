/**
 * The workbench through the console's API on the embedded pipeline (PGlite, in-process bus):
 * drafts with validation, dry run, two-person publish, hot reload in the running worker,
 * rollback, audit with diffs, coverage, and manual re-routing exactly once on the bus.
 */
import type { FastifyInstance } from 'fastify';
import type { LeadRouted, LeadWithdrawn } from '../models/messages';
import { provinceTopic, TOPICS } from '../models/topics';
import { DEFAULT_RULE_SET, type RuleSet } from '../routing/rule-set';
import { createTestUser, signIn } from '../test/console-users';
import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';

/** The default set with Gansu's leads kept at the national office for a campaign. */
const GANSU_NATIONAL: RuleSet = {
  rules: [
    ...DEFAULT_RULE_SET.rules.slice(0, -1),
    { id: 'gansu-campaign', reason: '甘肃专项行动期间由全国扫黑办直接办理', when: { provinceIn: ['62'] }, route: 'national', priority: 'high' },
    DEFAULT_RULE_SET.rules[DEFAULT_RULE_SET.rules.length - 1]!,
  ],
};

describe('the routing workbench', () => {
  let h: Harness;
  let app: FastifyInstance;
  let editor: { authorization: string };
  let approver: { authorization: string };
  let analyst: { authorization: string };
  const submit = async (i: number): Promise<void> => {
    expect((await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[i]!.submission })).statusCode).toBe(201);
    await h.drained();
  };
  const gansuLeads = () => h.services.leads.listByRouteTopic(provinceTopic('62'), { limit: 50, offset: 0 });

  beforeAll(async () => {
    h = await startHarness({ rulesRefreshMs: 0 });
    app = h.services.buildConsoleApp({ rateLimit: false });
    editor = await signIn(app, await createTestUser(h.services, 'editor', 'national-rule-editor'));
    approver = await signIn(app, await createTestUser(h.services, 'approver', 'national-approver'));
    analyst = await signIn(app, await createTestUser(h.services, 'analyst', 'national-analyst'));
    for (let i = 0; i < SAMPLE_REPORTS.length; i++) await submit(i);
    // Three argon2 sign-ins and five reports through the pipeline: minutes on a loaded shared machine.
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await h.stop();
  });

  it('routes the sample reports by version 1 and records the facts and the rule of each', async () => {
    const [lead] = await gansuLeads();
    expect(lead!.route).toMatchObject({ rulesVersion: 1, ruleId: 'province' });
    const why = await app.inject({ method: 'GET', url: `/api/v1/routing/leads/${lead!.leadId}`, headers: analyst });
    expect(why.json()).toMatchObject({ route: { ruleId: 'province' }, facts: { provinceCode: '62', inScope: true } });
    const sichuan = await h.services.leads.listByRouteTopic(TOPICS.national, { limit: 50, offset: 0 });
    expect(sichuan.map((l) => l.route!.ruleId)).toContain('conflict-of-interest');
  });

  it('refuses a draft with an error naming the rule and the field, in Chinese', async () => {
    const bad = { rules: [{ id: 'x', reason: '测试', route: 'national', when: { provinceIn: ['99'] } }] };
    const res = await app.inject({ method: 'POST', url: '/api/v1/routing/drafts', headers: editor, payload: { rules: bad } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ ruleId: 'x', field: 'when.provinceIn' }] } });
    expect(res.json().message).toContain('第 1 条规则（x）的「案发省份」');
  });

  it('drafts, dry-runs, publishes by a second person, and the running worker routes by the new version', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/routing/drafts', headers: editor, payload: { rules: GANSU_NATIONAL, note: '甘肃专项' } });
    expect(created.statusCode).toBe(201);
    const draftId = created.json().draftId as string;
    // No publication before a dry run of this revision.
    expect((await app.inject({ method: 'POST', url: `/api/v1/routing/drafts/${draftId}/publish`, headers: approver, payload: { reason: '同意' } })).statusCode).toBe(409);
    const dry = await app.inject({ method: 'POST', url: '/api/v1/routing/dry-runs', headers: editor, payload: { draftId } });
    expect(dry.statusCode).toBe(200);
    const [gansu] = await gansuLeads();
    expect(dry.json().result).toMatchObject({ leads: SAMPLE_REPORTS.length, moved: 1, moves: [{ from: '62', to: 'national', count: 1, byProvince: { '62': 1 } }] });
    expect(dry.json().result.moves[0].samples).toEqual([{ leadId: gansu!.leadId, provinceCode: '62', fromRule: 'province', toRule: 'gansu-campaign' }]);
    // The editor cannot publish; the author cannot approve their own draft even with the role.
    expect((await app.inject({ method: 'POST', url: `/api/v1/routing/drafts/${draftId}/publish`, headers: editor, payload: { reason: '同意' } })).statusCode).toBe(403);
    await expect(h.services.workbench.approveAndPublish({ id: 'editor', name: 'x', role: 'national-approver', scope: { kind: 'national' } }, draftId, '自己批准')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const published = await app.inject({ method: 'POST', url: `/api/v1/routing/drafts/${draftId}/publish`, headers: approver, payload: { reason: '专项行动需要' } });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 2, approvedBy: 'approver', draftId });
    // Hot reload: the worker that routed version 1 routes the next Gansu lead by version 2, without a restart.
    await submit(0);
    const national = await h.services.leads.listByRouteTopic(TOPICS.national, { limit: 50, offset: 0 });
    expect(national.find((l) => l.route!.ruleId === 'gansu-campaign')!.route).toMatchObject({ rulesVersion: 2, priority: 'high' });
    const audit = await h.services.audit.list({ limit: 5, action: 'rules-publish' });
    expect(audit[0]).toMatchObject({ actor: 'approver', reason: '专项行动需要', details: { version: 2, author: 'editor', diff: { added: ['gansu-campaign'], removed: [], changed: [] } } });
  });

  it('an edit needs a new dry run; rollback re-publishes an earlier version, audited with the diff', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/routing/drafts', headers: editor, payload: { rules: DEFAULT_RULE_SET } });
    const draftId = created.json().draftId as string;
    await app.inject({ method: 'POST', url: '/api/v1/routing/dry-runs', headers: editor, payload: { draftId } });
    const edited = { rules: DEFAULT_RULE_SET.rules.map((r) => (r.id === 'province' ? { ...r, contactDays: 10 } : r)) };
    expect((await app.inject({ method: 'POST', url: `/api/v1/routing/drafts/${draftId}/revisions`, headers: editor, payload: { rules: edited } })).json()).toMatchObject({ revision: 2 });
    expect((await app.inject({ method: 'POST', url: `/api/v1/routing/drafts/${draftId}/publish`, headers: approver, payload: { reason: '同意' } })).statusCode).toBe(409);

    const rolled = await app.inject({ method: 'POST', url: '/api/v1/routing/rule-sets/1/republish', headers: approver, payload: { reason: '专项行动结束' } });
    expect(rolled.json()).toMatchObject({ version: 3, republishedFrom: 1 });
    const [entry] = await h.services.audit.list({ limit: 1, action: 'rules-rollback' });
    expect(entry).toMatchObject({ actor: 'approver', details: { previousVersion: 2, republishedFrom: 1, diff: { removed: ['gansu-campaign'] } } });
    await submit(0);
    const [latest] = await gansuLeads();
    expect(latest!.route).toMatchObject({ rulesVersion: 3, ruleId: 'province' });
  });

  it('shows coverage per rule over 30 days, dead rules included', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/routing/coverage', headers: analyst });
    const rules = res.json().rules as Array<{ ruleId: string; leads: number; dead: boolean }>;
    expect(rules.find((r) => r.ruleId === 'province')!.leads).toBeGreaterThanOrEqual(3);
    expect(rules.find((r) => r.ruleId === 'senior-officials')).toEqual({ ruleId: 'senior-officials', leads: 0, dead: true });
  });

  it('re-routes a lead by hand: it leaves the old queue and enters the new one exactly once, audited', async () => {
    const [lead] = await gansuLeads();
    const res = await app.inject({ method: 'POST', url: '/api/v1/routing/reroutes', headers: analyst, payload: { leadIds: [lead!.leadId], toQueue: '61', reason: '案发地实为陕西' } });
    expect(res.statusCode).toBe(202);
    const rerouteId = res.json().reroutes[0].rerouteId as string;
    await h.drained();
    // The relay may run again (nothing is pending): still one request on the bus.
    expect(await h.services.workbench.relayReroutes()).toBe(0);
    const withdrawn = h.adapters.bus.messages(provinceTopic('62')).filter((m) => (m.value as LeadWithdrawn).rerouteId === rerouteId);
    const entered = h.adapters.bus.messages(provinceTopic('61')).filter((m) => (m.value as LeadRouted).route?.rerouteId === rerouteId);
    expect(withdrawn).toHaveLength(1);
    expect(entered).toHaveLength(1);
    expect(withdrawn[0]!.headers['x-idempotency-key']).toBe(`reroute:${rerouteId}`);
    expect((entered[0]!.value as LeadRouted).route).toMatchObject({ ruleId: 'manual', target: { kind: 'province', provinceCode: '61' } });
    expect((await h.services.leads.listByRouteTopic(provinceTopic('61'), { limit: 5, offset: 0 })).map((l) => l.leadId)).toContain(lead!.leadId);
    expect((await gansuLeads()).map((l) => l.leadId)).not.toContain(lead!.leadId);
    const [entry] = await h.services.audit.list({ limit: 1, action: 'lead-reroute' });
    expect(entry).toMatchObject({ actor: 'analyst', leadId: lead!.leadId, reason: '案发地实为陕西', details: { from: '62', to: '61' } });
    // A rule editor touches rules, never leads.
    expect((await app.inject({ method: 'POST', url: '/api/v1/routing/reroutes', headers: editor, payload: { leadIds: [lead!.leadId], toQueue: '62', reason: '改回甘肃' } })).statusCode).toBe(403);
  });
});
