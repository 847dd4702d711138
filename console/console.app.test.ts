/**
 * The console at its edge: what reached the database as a raw error before (a NUL byte in a
 * reason, offset=1e300, year 0000, 2024-02-30) is a 400 with a code in Chinese; sign-in is rate
 * limited; the same security headers as the intake.
 */
import type { FastifyInstance } from 'fastify';
import { createTestUser, signIn } from '../test/console-users';
import { startHarness, type Harness } from '../test/embedded-harness';

describe('the console application', () => {
  let h: Harness;
  let app: FastifyInstance;
  let national: { authorization: string };
  beforeAll(async () => {
    h = await startHarness();
    app = h.services.buildConsoleApp();
    national = await signIn(app, await createTestUser(h.services, 'nat', 'national-analyst'));
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await h.stop();
  });

  it.each([
    ['GET', '/api/v1/queues/62/leads?offset=1e300', undefined],
    ['GET', '/api/v1/queues/62/leads?limit=0x10', undefined],
    ['GET', '/api/v1/review/clusters?from=0000-01-01', undefined],
    ['GET', '/api/v1/review/clusters?to=2024-02-30', undefined],
    ['POST', '/api/v1/review/clusters/00000000-0000-4000-8000-000000000001/confirm', '{"reason":"a\\u0000b"}'],
    ['POST', '/api/v1/review/pairs/not-duplicate', '{"leadA":"00000000-0000-4000-8000-000000000001","leadB":"00000000-0000-4000-8000-000000000002","reason":"\\ud800"}'],
  ] as const)('%s %s is a 400 with a code in Chinese, never a database error', async (method, url, payload) => {
    const res = await app.inject({ method, url, headers: { ...national, 'content-type': 'application/json' }, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('limits sign-in attempts per address: the eleventh in a minute is 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { userId: 'nat', password: `guess ${i}` }, remoteAddress: '10.1.1.1' })).statusCode);
    }
    expect(codes).toEqual([...Array(10).fill(401), 429]);
  });

  it('sends the security headers and no-store', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: national });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  });
});
