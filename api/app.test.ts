import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';

describe('the HTTP API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });
  const auth = { authorization: 'Bearer test-token' };

  it.each([
    ['a body that is not JSON', 'not json', 'application/json', 400, 'INVALID_JSON'],
    ['a form instead of JSON', 'a=1', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an unknown field', JSON.stringify({ ...SAMPLE_REPORTS[0]!.submission, extra: 1 }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['a bad phone', JSON.stringify({ ...SAMPLE_REPORTS[0]!.submission, reporter: { anonymous: false, name: '李', phone: '123' } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['an unknown category', JSON.stringify({ ...SAMPLE_REPORTS[0]!.submission, facts: { text: '有人收保护费打人', reporterCategory: 'GANG' } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['a huge body', JSON.stringify({ x: 'a'.repeat(300_000) }), 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s with its status and a machine-readable code', async (_what, payload, type, status, code) => {
    const res = await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload, headers: { 'content-type': type } });
    expect(res.statusCode).toBe(status);
    const body = res.json() as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('says which fields are wrong, in Chinese', async () => {
    const res = await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload: { reporter: { anonymous: true }, subject: { people: [] } } });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('缺少必填项：违法犯罪事实') });
  });

  it('answers an unknown or malformed query code with 404 or 400', async () => {
    const app = h.services.buildApp();
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/XS-0000-0000-0000-0000' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/abc' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('keeps the internal endpoints behind the token', async () => {
    const app = h.services.buildApp();
    expect((await app.inject({ method: 'GET', url: '/api/v1/internal/queues/62/leads' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/internal/queues/62/leads', headers: { authorization: 'Bearer wrong-token' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/internal/queues/99/leads', headers: auth })).statusCode).toBe(400);
  });

  it('lists a province queue and shows a duplicate cluster with its members', async () => {
    const app = h.services.buildApp();
    const sample = SAMPLE_REPORTS[0]!.submission;
    for (let i = 0; i < 2; i++) await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample });
    await h.drained();
    const list = (await app.inject({ method: 'GET', url: '/api/v1/internal/queues/62/leads', headers: auth })).json() as {
      leads: Array<{ leadId: string; clusterId: string; dedup: { decision: string } }>;
    };
    expect(list.leads).toHaveLength(2);
    expect(list.leads.map((l) => l.dedup.decision).sort()).toEqual(['duplicate', 'new']);
    const cluster = (await app.inject({ method: 'GET', url: `/api/v1/internal/clusters/${list.leads[0]!.clusterId}`, headers: auth })).json();
    expect(cluster).toMatchObject({ memberCount: 2, provinces: ['62'] });
    expect(JSON.stringify(list)).not.toContain('13912345678');
  });
});
