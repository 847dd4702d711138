/**
 * The leak test: a reporter identity planted in a real submission must never appear in the logs,
 * the Elasticsearch index, any Kafka topic, the stored report outside its sealed column, an error
 * answer, or any console answer to a role without `identity:read`; the one role allowed sees it,
 * and that view is audited (without the identity). Real Kafka, Elasticsearch and PostgreSQL.
 */
import { Client as ElasticClient } from '@elastic/elasticsearch';
import { ALL_TOPICS } from '../infra/cluster';
import { openSandbox, sandboxEndpoints, type Sandbox } from '../infra/cluster-sandbox';
import { createServices, startWorkers, type Runtime, type Services } from '../infra/pipeline';
import { systemClock, systemIds } from '../infra/runtime/system-runtime';
import { idNumberCheckChar } from '../models/id-number';
import type { Subscription } from '../models/ports/bus.port';
import type { Stage } from '../models/stage';
import type { Logger } from '../models/ports/runtime.port';
import { createTestUser, signIn } from './console-users';
import { SAMPLE_REPORTS } from './sample-reports';

const TIMEOUT = 180_000;
const ID17 = '62010219870612153';
const CANARY = { name: '柯乃瑞', phone: '13707311234', idNumber: `${ID17}${idNumberCheckChar(ID17)}`, otherContact: 'wx-canary-5e1f9' };
const NEEDLES = Object.values(CANARY);

/** Every line any part of the pipeline logs, as it would be written. */
function capturingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

const leaks = (haystack: string): string[] => NEEDLES.filter((n) => haystack.includes(n));

describe('a planted reporter identity', () => {
  const logs: string[] = [];
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: capturingLogger(logs) };
  let sandbox: Sandbox;
  let services: Services;
  let workers: Subscription[] = [];
  const answers: string[] = [];

  beforeAll(async () => {
    sandbox = await openSandbox(sandboxEndpoints(), runtime.logger, 'leak');
    services = await createServices(sandbox.adapters, runtime, { keys: { reporter: { current: Buffer.alloc(32, 4) }, queryCode: Buffer.alloc(32, 6) } });
    // Every stage fails its first attempt at each message, so the failure path logs about every report too.
    const failOnce = new Set<string>();
    const stages = Object.fromEntries(
      Object.entries(services.stages).map(([name, stage]) => [
        name,
        {
          ...stage,
          handle: async (input: unknown, context: Parameters<Stage<unknown>['handle']>[1]) => {
            const key = `${name}:${JSON.stringify(input).slice(0, 60)}`;
            if (!failOnce.has(key)) {
              failOnce.add(key);
              throw new Error('transient failure planted by the leak test');
            }
            return stage.handle(input, context);
          },
        },
      ]),
    ) as Services['stages'];
    workers = await startWorkers(sandbox.adapters, { stages, handled: services.handled }, runtime, { worker: { backoffMs: 10, maxBackoffMs: 100 } });
  }, TIMEOUT);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await sandbox?.teardown();
  }, TIMEOUT);

  it(
    'is nowhere but in its sealed column, and opens only for the role allowed, audited',
    async () => {
      const intake = services.buildApp();
      const base = SAMPLE_REPORTS[0]!.submission;
      const planted = await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: { ...base, reporter: { anonymous: false, ...CANARY } } });
      expect(planted.statusCode).toBe(201);
      answers.push(planted.body);
      // Refused submissions carrying the identity: the errors must not echo it.
      for (const reporter of [{ anonymous: true, ...CANARY }, { anonymous: false, ...CANARY, phone: `x${CANARY.phone}` }, { anonymous: false, ...CANARY, idNumber: `${ID17}0`.replace(/.$/, idNumberCheckChar(ID17) === '0' ? '1' : '0') }]) {
        const res = await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: { ...base, reporter } });
        expect(res.statusCode).toBe(400);
        answers.push(res.body);
      }
      for (const s of SAMPLE_REPORTS.slice(1)) expect((await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: s.submission })).statusCode).toBe(201);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const { rows } = await sandbox.adapters.store.query<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE route IS NOT NULL');
        if (rows[0]!.n === SAMPLE_REPORTS.length || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 300));
      }

      // Every topic of the namespace, from the beginning.
      const seen: string[] = [];
      const reader = await sandbox.adapters.bus.consume({ group: 'leak-reader', topics: [...ALL_TOPICS], process: async (m) => (seen.push(JSON.stringify(m.value)), []) });
      const until = Date.now() + 60_000;
      while (seen.filter((v) => v.includes('"route"') || v.includes('routedAt')).length < SAMPLE_REPORTS.length && Date.now() < until) await new Promise((r) => setTimeout(r, 300));
      await new Promise((r) => setTimeout(r, 2_000));
      await reader.stop();
      expect(seen.length).toBeGreaterThanOrEqual(SAMPLE_REPORTS.length * 4);
      expect(leaks(seen.join('\n'))).toEqual([]);

      // The whole index.
      const es = new ElasticClient({ node: sandboxEndpoints().elasticsearchUrl });
      const hits = await es.search({ index: `${sandbox.namespace}*`, size: 1000, query: { match_all: {} } });
      await es.close();
      expect(hits.hits.hits.length).toBe(SAMPLE_REPORTS.length);
      expect(leaks(JSON.stringify(hits.hits.hits))).toEqual([]);

      // The stored report: only the sealed column holds it, and not in clear.
      const row = (await sandbox.adapters.store.query<Record<string, unknown>>('SELECT * FROM reports')).rows;
      expect(leaks(JSON.stringify(row))).toEqual([]);

      // Console answers to every role but the allowed ones.
      const consoleApp = services.buildConsoleApp();
      const analyst = await signIn(consoleApp, await createTestUser(services, 'gs-analyst', 'provincial-analyst', '62'));
      const supervisor = await signIn(consoleApp, await createTestUser(services, 'gs-lead', 'provincial-supervisor', '62'));
      const [lead] = await services.leads.listByRouteTopic('leads.province.62', { limit: 5, offset: 0 });
      for (const url of ['/api/v1/queues/62/leads', `/api/v1/clusters/${lead!.clusterId}`, '/api/v1/review/clusters', `/api/v1/review/clusters/${lead!.clusterId}`]) {
        const res = await consoleApp.inject({ method: 'GET', url, headers: analyst });
        expect(res.statusCode).toBe(200);
        answers.push(res.body);
      }
      const refused = await consoleApp.inject({ method: 'POST', url: `/api/v1/reports/${lead!.leadId}/reporter`, headers: analyst, payload: { reason: '试图查看举报人' } });
      expect(refused.statusCode).toBe(403);
      answers.push(refused.body);
      expect(leaks(answers.join('\n'))).toEqual([]);

      const opened = await consoleApp.inject({ method: 'POST', url: `/api/v1/reports/${lead!.leadId}/reporter`, headers: supervisor, payload: { reason: '联系实名举报人核实情况' } });
      expect(opened.json()).toMatchObject({ anonymous: false, identity: CANARY });
      const trail = await services.audit.list({ limit: 50 });
      expect(trail).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'gs-lead', action: 'identity-view', leadId: lead!.leadId, reason: '联系实名举报人核实情况' })]));
      expect(leaks(JSON.stringify(trail))).toEqual([]);

      // And nothing of it in any log line of the whole run.
      expect(logs.filter((l) => l.includes('message failed, will retry')).length).toBeGreaterThanOrEqual(3 * SAMPLE_REPORTS.length);
      expect(leaks(logs.join('\n'))).toEqual([]);
    },
    TIMEOUT,
  );
});
