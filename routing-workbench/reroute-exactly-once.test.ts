/**
 * A rerouting worker that dies after moving the lead in the store but before the bus commits:
 * the message is processed again, the stored outcome is re-emitted, and the lead is moved once.
 */
import { processMessage } from '../infra/stage-worker';
import type { LeadRouted, LeadWithdrawn } from '../models/messages';
import type { IncomingMessage } from '../models/ports/bus.port';
import { provinceTopic, TOPICS } from '../models/topics';
import { createRerouteStage } from '../routing/reroute.stage';
import type { RerouteLedger } from '../routing/routing.port';
import { startHarness, type Harness } from '../test/embedded-harness';
import { SAMPLE_REPORTS } from '../test/sample-reports';
import { SqlRoutingPorts } from './sql-routing-ports';
import { SqlWorkbench } from './sql-workbench';

describe('manual re-routing when the worker dies mid-message', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    expect((await h.services.buildApp().inject({ method: 'POST', url: '/api/v1/reports', payload: SAMPLE_REPORTS[0]!.submission })).statusCode).toBe(201);
    await h.drained();
  }, 120_000);
  afterAll(() => h.stop());

  it('moves the lead once and emits the withdrawal and the new route once per committed attempt', async () => {
    const [lead] = await h.services.leads.listByRouteTopic(provinceTopic('62'), { limit: 1, offset: 0 });
    const rerouteId = '00000000-0000-4000-8000-00000000c0de';
    await new SqlWorkbench(h.adapters.store).inTransaction((tx) =>
      tx.insertReroute({ rerouteId, leadId: lead!.leadId, toQueue: 'national', reason: '测试改派', requestedBy: 'tester', requestedAt: new Date() }),
    );
    const real = new SqlRoutingPorts(h.adapters.store);
    let crashes = 1;
    const dying: RerouteLedger = {
      async apply(id, decide, at) {
        const outcome = await real.apply(id, decide, at);
        // The store has committed the move; the process dies before the bus commits the outputs.
        if (crashes-- > 0) throw new Error('worker killed');
        return outcome;
      },
    };
    const stage = createRerouteStage({ ledger: dying });
    const message: IncomingMessage = { topic: TOPICS.reroutes, partition: 0, offset: '0', key: lead!.leadId, value: { rerouteId, leadId: lead!.leadId }, headers: {} };
    const options = { logger: h.runtime.logger, clock: h.runtime.clock, backoffMs: 1 };
    const outputs = await processMessage(stage, message, options);
    expect(outputs.map((m) => m.topic)).toEqual([provinceTopic('62'), TOPICS.national]);
    expect(outputs[0]!.value as LeadWithdrawn).toMatchObject({ kind: 'withdrawn', leadId: lead!.leadId, rerouteId, movedTo: TOPICS.national });
    expect((outputs[1]!.value as LeadRouted).route).toMatchObject({ ruleId: 'manual', rerouteId, target: { kind: 'national' } });
    // The bus replays the uncommitted input: the same outcome, the route before is still Gansu's (not moved twice).
    const replay = await processMessage(stage, message, options);
    expect(replay).toEqual(outputs);
    const routing = await h.services.workbench.why({ id: 'n', name: 'n', role: 'national-analyst', scope: { kind: 'national' } }, lead!.leadId);
    expect(routing.route).toMatchObject({ ruleId: 'manual', topic: TOPICS.national });
    expect(routing.reroutes).toEqual([expect.objectContaining({ rerouteId, toQueue: 'national', appliedAt: expect.any(String) })]);
    expect(await real.apply(rerouteId, () => { throw new Error('decided twice'); }, new Date())).toMatchObject({ from: { topic: provinceTopic('62') }, to: { topic: TOPICS.national } });
  });
});
