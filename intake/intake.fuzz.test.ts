/**
 * Property-based fuzzing of the intake API (fast-check): malformed, oversized, wrongly encoded,
 * script-laden and control-character input, structurally valid or not. Every answer is 201 or a
 * 4xx with a code and a Chinese message; never a 5xx, never a crash; and every report answered
 * 201 reaches exactly one queue. Prints how many cases ran.
 */
import { hashedPart } from '../ingest/query-code';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';

const SEED = 12_012;
const NASTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE reports; --",
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200f\u2028\ufeff',
  '\u0007\u001b[31m',
  '\ufdfa'.repeat(1200),
  '𝕏𝖞𝖟'.repeat(50),
  '%00%2e%2e%2f',
  '{{7*7}}${7*7}',
  'Ａ１２３４５６７８９０',
  '\r\n\r\nHTTP/1.1 200 OK',
];

/** Any string a client might send, nasty ones weighted in. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('王某在村里放高利贷，暴力催收。', '有人收保护费打人'), fc.constantFrom(...NASTY)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 5, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: 19_000, max: 21_000 }).map((n) => '举'.repeat(n)) },
);
/** A value of the wrong kind where a string belongs. */
const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }));
const field = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: wrong });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

const submission = fc.record(
  {
    reporter: fc.oneof(
      fc.record({ anonymous: fc.oneof(fc.boolean(), wrong), name: maybe(field), phone: maybe(fc.oneof(fc.constantFrom('13912345678', '0931-1234567', '+86 139 1234 5678'), field)), idNumber: maybe(fc.oneof(fc.constant('11010519491231002X'), field)), otherContact: maybe(field) }, { requiredKeys: ['anonymous'] }),
      wrong,
    ),
    subject: fc.oneof(fc.record({ people: fc.array(fc.record({ name: maybe(field), nicknames: maybe(fc.array(field, { maxLength: 12 })), position: maybe(field) }), { maxLength: 4 }), organisation: maybe(field), location: maybe(field) }, { requiredKeys: ['people'] }), wrong),
    facts: fc.oneof(fc.record({ text: field, time: maybe(field), place: maybe(field), reporterCategory: maybe(fc.oneof(fc.constantFrom('ORG_CRIME', 'USURY', 'GANG'), field)) }, { requiredKeys: ['text'] }), wrong),
    umbrella: fc.record({ officials: fc.array(fc.record({ name: maybe(field), unit: maybe(field), position: maybe(field) }), { maxLength: 3 }), text: maybe(field) }, { requiredKeys: ['officials'] }),
    extra: wrong,
  },
  { requiredKeys: [] },
);

/** Well-formed reports whose free text carries scripts, control characters, odd Unicode and near-limit lengths: most should be accepted. */
const FACTS = ['王某在村里放高利贷，暴力催收，威胁村民。', '有人在市场强收保护费，不给就打人砸摊。', '某公司老板纠集社会闲散人员，垄断砂石运输。'];
const spice = fc.oneof(fc.constantFrom(...NASTY.filter((n) => !/[\u0000\ud800-\udfff]/u.test(n) && n.length < 200)), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constant(''));
const plausible = fc.record({
  reporter: fc.oneof(fc.constant({ anonymous: true }), fc.record({ anonymous: fc.constant(false), name: fc.constantFrom('李四', '张<b>三</b>', '王\u0007五'), phone: fc.constant('13912345678') })),
  subject: fc.record({ people: fc.array(fc.record({ name: fc.tuple(fc.constantFrom('王某', '刘大虎'), spice).map(([a, b]) => (a + b).slice(0, 50)) }), { maxLength: 3 }), location: fc.constantFrom('甘肃省兰州市', '广东省深圳市', '<svg onload=alert(1)>') }),
  facts: fc.record({ text: fc.tuple(fc.constantFrom(...FACTS), spice, spice).map(([a, b, c]) => `${b}${a}${c}`) }),
});

/** Bodies that are not JSON objects at all, or not in UTF-8, under any content type. */
const rawBody = fc.record({
  body: fc.oneof(
    fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s, 'latin1')),
    fc.constantFrom('{', '[]', 'null', '"x"', '{"reporter":', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`).map((s) => Buffer.from(s)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
    fc.constant(Buffer.from(JSON.stringify(SAMPLE_REPORTS[0]!.submission), 'utf16le')),
  ),
  type: fc.constantFrom('application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=utf-8'),
});

describe('fuzzing the intake API', () => {
  let h: Harness;
  let app: FastifyInstance;
  const accepted: string[] = [];
  let cases = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    h = await startHarness();
    app = h.services.buildApp({ limits: { overall: false } });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await h.stop();
    console.log(`intake fuzz: ${cases} cases (seed ${SEED}); answers by status: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(', ')}; ${accepted.length} accepted reports each routed to exactly one queue`);
  });

  /** The property every answer must hold; returns the query code of an accepted report. */
  async function answerIsSound(res: { statusCode: number; body: string }): Promise<void> {
    cases += 1;
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    expect(res.statusCode).toBeLessThan(500);
    const body = JSON.parse(res.body) as { code?: string; message?: string; queryCode?: string };
    if (res.statusCode === 201) {
      const reportId = await h.services.reports.findReportIdByQueryCodeHash(h.services.queryCodes.hash(hashedPart(body.queryCode!)));
      expect(reportId).toBeDefined();
      accepted.push(reportId!);
      return;
    }
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(body.code).toMatch(/^[A-Z_]+$/);
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
  }

  it('answers every structured submission with 201 or a coded 4xx in Chinese', async () => {
    await fc.assert(
      fc.asyncProperty(submission, async (s) => {
        await answerIsSound(await app.inject({ method: 'POST', url: '/api/v1/reports', payload: JSON.stringify(s), headers: { 'content-type': 'application/json' } }));
      }),
      { numRuns: 400, seed: SEED },
    );
  }, 300_000);

  it('accepts well-formed reports whatever their free text carries, or refuses them with a coded 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(plausible, async (s) => {
        await answerIsSound(await app.inject({ method: 'POST', url: '/api/v1/reports', payload: s }));
      }),
      { numRuns: 200, seed: SEED },
    );
  }, 300_000);

  it('answers raw bodies (bytes, wrong encodings, wrong media types, deep nesting) with a coded 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async ({ body, type }) => {
        await answerIsSound(await app.inject({ method: 'POST', url: '/api/v1/reports', payload: body, headers: type ? { 'content-type': type } : {} }));
      }),
      { numRuns: 250, seed: SEED },
    );
  }, 300_000);

  it('answers any query-code look-up, however encoded, with a coded 4xx or a status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 150 }).map(encodeURIComponent), fc.string({ maxLength: 150 }), fc.constantFrom('%E0%A4%A', '%00', '..%2F..%2Fetc', '%ED%A0%80')), async (code) => {
        const res = await app.inject({ method: 'GET', url: `/api/v1/reports/${code}` });
        expect(res.statusCode).not.toBe(201);
        await answerIsSound(res);
      }),
      { numRuns: 250, seed: SEED },
    );
  }, 300_000);

  it('routes every accepted report to exactly one queue', async () => {
    await h.drained(120_000);
    const queues = h.adapters.bus.topicNames().filter((t) => t.startsWith('leads.'));
    const routed = new Map<string, number>();
    for (const t of queues) for (const m of h.adapters.bus.messages(t)) routed.set(m.key, (routed.get(m.key) ?? 0) + 1);
    expect(accepted.length).toBeGreaterThan(20);
    for (const id of accepted) expect([id, routed.get(id)]).toEqual([id, 1]);
    expect(routed.size).toBe(accepted.length);
  }, 180_000);
});
