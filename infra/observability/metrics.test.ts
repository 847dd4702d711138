/**
 * The metric names are one contract among the code, the Grafana dashboard and `npm run status`:
 * every series the dashboard queries exists, and the status table reads lag, throughput and
 * dead letters from what the processes expose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineMetrics } from './metrics';
import { parseMetrics, stageStatus } from './status-report';

describe('the metrics contract', () => {
  it('defines every series the Grafana dashboard queries', async () => {
    const metrics = new PipelineMetrics({ lag: async () => [{ stage: 'dedup', partition: 0, lag: 3 }], overdueLeads: async () => 2 });
    const defined = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const dashboard = readFileSync(join(__dirname, '../../docs/grafana-dashboard.json'), 'utf8');
    const queried = new Set([...dashboard.matchAll(/xiansuo_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));
    expect(queried.size).toBeGreaterThan(10);
    expect([...queried].filter((name) => !defined.has(name))).toEqual([]);
    for (const name of defined) expect(name).toMatch(/^xiansuo_/);
  });

  it('collects lag and overdue leads at scrape time', async () => {
    const metrics = new PipelineMetrics({ lag: async () => [{ stage: 'dedup', partition: 1, lag: 3 }], overdueLeads: async () => 2 }, { processMetrics: false });
    const samples = parseMetrics(await metrics.render());
    expect(samples).toContainEqual({ name: 'xiansuo_consumer_lag_messages', labels: { stage: 'dedup', partition: '1' }, value: 3 });
    expect(samples).toContainEqual({ name: 'xiansuo_overdue_leads', labels: {}, value: 2 });
  });

  it('turns two scrapes of two processes into lag, throughput and dead letters per stage', async () => {
    const scrape = async (processed: number, dead: number, lag: number): Promise<ReturnType<typeof parseMetrics>> => {
      const m = new PipelineMetrics({ lag: async () => [{ stage: 'screening', partition: 0, lag }] }, { processMetrics: false });
      m.stageProcessed.inc({ stage: 'screening', outcome: 'emitted' }, processed);
      if (dead) m.stageDeadLettered.inc({ stage: 'screening' }, dead);
      return parseMetrics(await m.render());
    };
    const before = [await scrape(10, 0, 40), await scrape(5, 0, 40)];
    const after = [await scrape(30, 2, 20), await scrape(15, 0, 20)];
    const [screening, dedup] = stageStatus(['screening', 'dedup'], before, after, 2);
    // Lag is the same partition seen by both processes: counted once. Throughput is summed.
    expect(screening).toEqual({ stage: 'screening', lag: 20, perSecond: (32 + 15 - 15) / 2, processed: 47, failedAttempts: 0, deadLetters: 2 });
    expect(dedup).toMatchObject({ lag: 0, perSecond: 0, processed: 0 });
  });
});
