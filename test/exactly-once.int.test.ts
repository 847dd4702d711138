/**
 * The exactly-once ledger as a test, on the real services: two worker processes of every stage in
 * the same consumer groups; during a stream of reports one is SIGKILLed (and replaced) and the
 * other SIGSTOPped past its session timeout, then continued (a zombie holding partitions its
 * successor took over). Afterwards every committed message of the run's topics is read from the
 * beginning, read-committed, and counted per key: each accepted report is on reports.received
 * once, on reports.screened and reports.deduped once, and in exactly one queue, once.
 * `npm run soak` runs the same ledger for longer (lab/soak/fault-run.ts).
 */
import { runFaultScenario, type FaultRunResult } from '../lab/soak/fault-run';

const TIMEOUT = 420_000;

describe('exactly once to the queues, with a worker killed and another stalled past its session', () => {
  let run: FaultRunResult;

  beforeAll(async () => {
    run = await runFaultScenario({
      fault: 'both',
      count: 90,
      seed: 16,
      rate: 12,
      concurrency: 3,
      sessionTimeoutMs: 6_000, // the broker's minimum: keeps the stall short
      drainTimeoutMs: 240_000,
    });
  }, TIMEOUT);

  it('accepted the stream', () => {
    expect(run.accepted).toBeGreaterThan(80);
    expect(run.acceptedIds).toHaveLength(run.accepted);
  });

  it('puts each report on reports.received, reports.screened and reports.deduped exactly once', () => {
    for (const topic of ['reports.received', 'reports.screened', 'reports.deduped']) {
      const perKey = run.counts.get(topic) ?? new Map<string, number>();
      expect(run.acceptedIds.filter((k) => perKey.get(k) !== 1)).toEqual([]);
      expect([...perKey.keys()].sort()).toEqual([...run.acceptedIds].sort());
    }
  });

  it('routes each report exactly once, to exactly one queue', () => {
    const queues = new Map<string, string[]>();
    for (const [topic, perKey] of run.counts) {
      if (!topic.startsWith('leads.')) continue;
      for (const [key, n] of perKey) for (let i = 0; i < n; i++) queues.set(key, [...(queues.get(key) ?? []), topic]);
    }
    expect(run.acceptedIds.filter((k) => queues.get(k)?.length !== 1)).toEqual([]);
    expect(queues.size).toBe(run.accepted);
    expect(run.dead).toBe(0);
  });
});
