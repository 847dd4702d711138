/**
 * The workbench in production mode (Kafka, Elasticsearch, PostgreSQL): a running routing worker
 * applies a newly published rule set without a restart, and a manual re-routing leaves the old
 * queue and enters the new one exactly once on Kafka. Own namespace and database.
 */
import { openSandbox, sandboxEndpoints, type Sandbox } from '../infra/cluster-sandbox';
import { createServices, startWorkers, type Runtime, type Services } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Principal } from '../models/access';
import type { LeadRouted, LeadWithdrawn } from '../models/messages';
import type { IncomingMessage, Subscription } from '../models/ports/bus.port';
import { provinceTopic, TOPICS } from '../models/topics';
import { DEFAULT_RULE_SET } from '../routing/rule-set';
import { SAMPLE_REPORTS } from '../test/sample-reports';

const TIMEOUT = 180_000;
const editor: Principal = { id: 'editor', name: '编辑', role: 'national-rule-editor', scope: { kind: 'national' } };
const approver: Principal = { id: 'approver', name: '审批', role: 'national-approver', scope: { kind: 'national' } };
const analyst: Principal = { id: 'analyst', name: '分析', role: 'national-analyst', scope: { kind: 'national' } };

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the routing workbench on Kafka and PostgreSQL', () => {
  let sandbox: Sandbox;
  let services: Services;
  let workers: Subscription[] = [];
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('silent') };

  beforeAll(async () => {
    sandbox = await openSandbox(sandboxEndpoints(), runtime.logger, 'wb');
    services = await createServices(sandbox.adapters, runtime, { reporterKey: Buffer.alloc(32, 5), rulesRefreshMs: 200 });
    workers = await startWorkers(sandbox.adapters, services, runtime, { worker: { backoffMs: 10, maxBackoffMs: 100 }, rulesRefreshMs: 200 });
  }, TIMEOUT);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await sandbox?.teardown();
  }, TIMEOUT);

  it(
    'hot-reloads a published set in the running worker, and re-routes a lead exactly once',
    async () => {
      const app = services.buildApp();
      const submit = async (i: number): Promise<void> => void expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[i]!.submission })).statusCode).toBe(201);
      await submit(0);
      const gansu = provinceTopic('62');
      const first = await until('the first lead routed', async () => (await services.leads.listByRouteTopic(gansu, { limit: 5, offset: 0 }))[0]);
      expect(first!.route).toMatchObject({ rulesVersion: 1, ruleId: 'province' });

      const campaign = { rules: [...DEFAULT_RULE_SET.rules.slice(0, -1), { id: 'gansu-campaign', reason: '甘肃专项', when: { provinceIn: ['62'] }, route: 'national' as const }, DEFAULT_RULE_SET.rules.at(-1)!] };
      const draft = await services.workbench.createDraft(editor, { rules: campaign });
      expect((await services.workbench.dryRun(editor, { draftId: draft.draftId })).result.moved).toBe(1);
      expect((await services.workbench.approveAndPublish(approver, draft.draftId, '专项行动')).version).toBe(2);
      await submit(1); // another report, from Guangdong: still by province
      await submit(0); // a second telling of the Gansu report: national, by version 2
      const national = await until('a lead routed by version 2', async () =>
        (await services.leads.listByRouteTopic(TOPICS.national, { limit: 10, offset: 0 })).find((l) => l.route?.ruleId === 'gansu-campaign'),
      );
      expect(national.route).toMatchObject({ rulesVersion: 2, target: { kind: 'national' } });

      const seen: IncomingMessage[] = [];
      const reader = await sandbox.adapters.bus.consume({ group: 'wb-reader', topics: [gansu, provinceTopic('61')], process: async (m) => (seen.push(m), []) });
      const { reroutes } = await services.workbench.reroute(analyst, { leadIds: [first!.leadId], toQueue: '61', reason: '案发地实为陕西' });
      const rerouteId = reroutes[0]!.rerouteId;
      await until('the re-routing on both topics', async () => (seen.filter((m) => m.headers['x-idempotency-key'] === `reroute:${rerouteId}`).length >= 2 ? true : undefined));
      await new Promise((r) => setTimeout(r, 2_000)); // anything emitted twice would arrive by now
      await reader.stop();
      const mine = seen.filter((m) => m.headers['x-idempotency-key'] === `reroute:${rerouteId}`);
      expect(mine.filter((m) => m.topic === gansu).map((m) => (m.value as LeadWithdrawn).kind)).toEqual(['withdrawn']);
      expect(mine.filter((m) => m.topic === provinceTopic('61')).map((m) => (m.value as LeadRouted).route.ruleId)).toEqual(['manual']);
      expect((await services.leads.listByRouteTopic(provinceTopic('61'), { limit: 5, offset: 0 })).map((l) => l.leadId)).toEqual([first!.leadId]);
    },
    TIMEOUT,
  );
});
