/**
 * The intake application as a client on the internet meets it: every bad request a 4xx with a
 * code and a Chinese message (never a 5xx, never a database message), security headers on every
 * answer, nothing internal served.
 */
import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';

describe('the intake application', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });
  const sample = SAMPLE_REPORTS[0]!.submission;
  const post = (payload: string, type = 'application/json') =>
    h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload, headers: { 'content-type': type } });
  const expectRefusal = (res: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const body = res.json() as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  };

  it.each([
    ['a body that is not JSON', 'not json', 'application/json', 400, 'INVALID_JSON'],
    ['a form instead of JSON', 'a=1', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['plain text instead of JSON', 'hello', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an unknown field', JSON.stringify({ ...sample, extra: 1 }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['a bad phone', JSON.stringify({ ...sample, reporter: { anonymous: false, name: '李', phone: '123' } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['an unknown category', JSON.stringify({ ...sample, facts: { text: '有人收保护费打人', reporterCategory: 'GANG' } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['a huge body', JSON.stringify({ x: 'a'.repeat(300_000) }), 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
    ['an unpaired surrogate in a name', JSON.stringify({ ...sample, subject: { people: [{ name: '王\ud800' }] } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['an unpaired surrogate in the facts', JSON.stringify({ ...sample, facts: { text: '有人收保护费打人\udfff' } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['an unpaired surrogate in a key', JSON.stringify({ ...sample, ['\ud800']: 1 }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['an anonymous report with a name and phone', JSON.stringify({ ...sample, reporter: { anonymous: true, name: '李四', phone: '13912345678' } }), 'application/json', 400, 'VALIDATION_FAILED'],
    ['facts over the limit once NFKC-normalised', JSON.stringify({ ...sample, facts: { text: '\ufdfa'.repeat(19_980) } }), 'application/json', 400, 'VALIDATION_FAILED'],
  ])('refuses %s with its status and a machine-readable code, in Chinese', async (_what, payload, type, status, code) => {
    expectRefusal(await post(payload, type), status, code);
  });

  it('stores nothing for a refused anonymous report that carried an identity', async () => {
    const before = await h.adapters.store.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    await post(JSON.stringify({ ...sample, reporter: { anonymous: true, idNumber: '11010519491231002X' } }));
    expect((await h.adapters.store.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows).toEqual(before.rows);
  });

  it('says which fields are wrong, in Chinese', async () => {
    const res = await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload: { reporter: { anonymous: true }, subject: { people: [] } } });
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('缺少必填项：违法犯罪事实') });
  });

  it.each([
    ['facts as a string', { facts: '有人收保护费' }, '违法犯罪事实 应为对象'],
    ['the facts text as a number', { facts: { text: 12 } }, '事实描述 应为字符串'],
    ['officials as an object', { umbrella: { officials: { name: '王某' } } }, '涉嫌充当保护伞的公职人员 应为数组'],
    ['anonymous as a string', { reporter: { anonymous: 'yes' } }, '是否匿名 应为布尔值'],
  ])('names the expected type when %s', async (_what, change, message) => {
    const res = await post(JSON.stringify({ ...sample, ...change }));
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toContain(message);
  });

  it('answers a bad URL, too long a parameter and an unknown route in Chinese with a code', async () => {
    const app = h.services.buildApp();
    expectRefusal(await app.inject({ method: 'GET', url: '/api/v1/reports/%E0%A4%A' }), 400, 'VALIDATION_FAILED');
    expectRefusal(await app.inject({ method: 'GET', url: `/api/v1/reports/${'a'.repeat(200)}` }), 414, 'URI_TOO_LONG');
    expectRefusal(await app.inject({ method: 'GET', url: '/api/v1/reports/abc' }), 400, 'VALIDATION_FAILED');
    expectRefusal(await app.inject({ method: 'GET', url: '/api/v1/reports/XS-0000-0000-0000-0000' }), 404, 'NOT_FOUND');
    expectRefusal(await app.inject({ method: 'GET', url: '/nothing-here' }), 404, 'NOT_FOUND');
  });

  it('serves nothing of the console: no queues, clusters, review, sign-in or identities', async () => {
    const app = h.services.buildApp();
    for (const url of ['/api/v1/queues/62/leads', '/api/v1/internal/queues/62/leads', '/api/v1/clusters/00000000-0000-4000-8000-000000000001', '/api/v1/review/clusters', '/review/', '/api/v1/audit']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { userId: 'a', password: 'b' } })).statusCode).toBe(404);
  });

  it('serves the citizen\'s page, its script and the place pickers\' divisions, and nothing of the cases', async () => {
    const app = h.services.buildApp();
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('三、违法犯罪事实');
    expect(page.body).toContain('<script src="/app.js">');
    const script = await app.inject({ method: 'GET', url: '/app.js' });
    expect(script).toMatchObject({ statusCode: 200, headers: expect.objectContaining({ 'content-type': 'text/javascript; charset=utf-8' }) });
    const divisions = (await app.inject({ method: 'GET', url: '/api/v1/divisions' })).json<{ provinces: Array<{ code: string; name: string }>; prefectures: unknown[]; counties: Array<{ code: string; name: string; prefectureCode: string }> }>();
    expect(divisions.provinces).toContainEqual({ code: '62', name: '甘肃省' });
    expect(divisions.counties).toContainEqual({ code: '620102', name: '城关区', prefectureCode: '6201' });
    expect(divisions.prefectures.length).toBeGreaterThan(300);
    for (const url of ['/api/v1/cases', '/api/v1/supervision']) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('sends security headers and no-store on every answer, refusals included', async () => {
    const app = h.services.buildApp();
    for (const res of [await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample }), await app.inject({ method: 'GET', url: '/api/v1/reports/abc' })]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('limits submissions per client address: one over the limit (20 a minute by default, 3 here) gets 429 RATE_LIMITED, in Chinese', async () => {
    const app = h.services.buildApp({ limits: { submit: { max: 3, windowMs: 60_000 } } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample, remoteAddress: '10.9.9.9' })).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample, remoteAddress: '10.9.9.9' });
    expectRefusal(res, 429, 'RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
    // Another address is not affected.
    expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample, remoteAddress: '10.9.9.10' })).statusCode).toBe(201);
  });

  it('follows a report by its query code, stored only as a keyed hash', async () => {
    const app = h.services.buildApp();
    const { queryCode } = (await app.inject({ method: 'POST', url: '/api/v1/reports', payload: sample })).json() as { queryCode: string };
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/${queryCode}` })).json()).toMatchObject({ queryCode, status: expect.any(String) });
    const { createHash } = await import('node:crypto');
    // The hash covers the 16 random characters (not the check character): old and new codes alike.
    const stored = queryCode.slice(0, -2);
    for (const plain of [queryCode, stored].map((c) => createHash('sha256').update(c).digest('hex'))) {
      const rows = await h.adapters.store.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE query_code_hash = $1', [plain]);
      expect(rows.rows[0]!.n).toBe(0);
    }
    expect(await h.services.reports.findReportIdByQueryCodeHash(h.services.queryCodes.hash(stored))).toBeDefined();
  });
});
