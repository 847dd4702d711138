/**
 * Operability of a small embedded run: `/metrics` exposes every named series with the values
 * the run implies and no reporter data in a label; each processed message is one log line with
 * its stage and report id, and a planted reporter identity appears in no log line; readiness
 * turns false when a consumer holds no partition.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { closeAdapters, openEmbeddedAdapters, type EmbeddedAdapters } from '../infra/embedded';
import { createObservability, type Observability } from '../infra/observability/observe';
import { createServices, STAGE_NAMES, startWorkers, type Runtime } from '../infra/pipeline';

/** The stages every report passes (re-routing carries only the office's manual moves). */
const REPORT_STAGES = STAGE_NAMES.filter((s) => s !== 'rerouting');
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Subscription } from '../models/ports/bus.port';
import { GROUPS, TOPICS } from '../models/topics';
import { SAMPLE_REPORTS } from './sample-reports';

const PLANTED = { name: '欧阳秘密', phone: '13700135799', idNumber: '11010519491231002X', otherContact: 'wx-planted-contact' };

describe('an observed embedded run', () => {
  const lines: string[] = [];
  let adapters: EmbeddedAdapters;
  let obs: Observability;
  let app: FastifyInstance;
  let subscriptions: Subscription[];
  let ops: string;
  let metricsText: string;

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)), done()) });
    const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('info', {}, sink) };
    adapters = await openEmbeddedAdapters();
    obs = createObservability(adapters, runtime, { processMetrics: false });
    const services = await createServices(obs.adapters, runtime, { reporterKey: Buffer.alloc(32, 7) });
    subscriptions = await startWorkers(obs.adapters, { stages: obs.stages(services), handled: services.handled }, runtime, { worker: { backoffMs: 1, maxBackoffMs: 5 } });
    obs.watch(subscriptions, STAGE_NAMES);
    app = services.buildApp({ limits: { overall: false } });
    obs.instrumentApp(app, 'intake');
    ops = `http://127.0.0.1:${await obs.listen('127.0.0.1', 0)}`;

    const planted = { ...SAMPLE_REPORTS[0]!.submission, reporter: { anonymous: false, ...PLANTED } };
    for (const s of [...SAMPLE_REPORTS.map((r) => r.submission), planted]) expect((await app.inject({ method: 'POST', url: '/api/v1/reports', payload: s })).statusCode).toBe(201);
    // Refused: the planted identity with a phone number that is not one.
    const refused = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: { ...planted, reporter: { ...planted.reporter, phone: `${PLANTED.phone}x` } } });
    expect(refused.statusCode).toBe(400);
    // A poison message: screening can never parse it, so it is dead-lettered.
    await adapters.bus.publish([{ topic: TOPICS.received, key: 'poison-1', value: 'not a report' }]);
    const lag = (): number => adapters.bus.lag(GROUPS.screening, TOPICS.received) + adapters.bus.lag(GROUPS.dedup, TOPICS.screened) + adapters.bus.lag(GROUPS.routing, TOPICS.deduped);
    const deadline = Date.now() + 30_000;
    while (lag() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lag()).toBe(0);
    const res = await fetch(`${ops}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    metricsText = await res.text();
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await Promise.all(subscriptions.map((s) => s.stop()));
    await obs.close();
    await closeAdapters(adapters);
  });

  /** The value of one sample, `name{labels}` exactly as exposed (labels in declaration order). */
  const sample = (series: string): number => {
    const line = metricsText.split('\n').find((l) => l.startsWith(`${series} `));
    if (!line) throw new Error(`no sample ${series} in /metrics`);
    return Number(line.slice(series.length + 1));
  };

  it('exposes the reports accepted and refused by reason', () => {
    expect(sample('xiansuo_reports_accepted_total')).toBe(SAMPLE_REPORTS.length + 1);
    expect(sample('xiansuo_reports_refused_total{reason="VALIDATION_FAILED"}')).toBe(1);
  });

  it('exposes per-stage processed, failed and dead-lettered messages and latency', () => {
    const accepted = SAMPLE_REPORTS.length + 1;
    expect(sample('xiansuo_stage_processed_total{stage="screening",outcome="emitted"}')).toBe(accepted);
    expect(sample('xiansuo_stage_processed_total{stage="routing",outcome="emitted"}')).toBe(accepted);
    expect(sample('xiansuo_stage_failed_total{stage="screening",code="BAD_MESSAGE"}')).toBe(1);
    expect(sample('xiansuo_stage_dead_lettered_total{stage="screening"}')).toBe(1);
    expect(sample('xiansuo_stage_duration_seconds_count{stage="dedup"}')).toBe(accepted);
    expect(sample('xiansuo_stage_duration_seconds_bucket{le="+Inf",stage="screening"}')).toBe(accepted + 1);
  });

  it('exposes end-to-end latency, inference time, dedup candidates and decisions, routing decisions', () => {
    const accepted = SAMPLE_REPORTS.length + 1;
    expect(sample('xiansuo_end_to_end_seconds_count')).toBe(accepted);
    expect(sample('xiansuo_end_to_end_seconds_sum')).toBeGreaterThan(0);
    expect(sample(`xiansuo_inference_duration_seconds_count{embedder="${adapters.embedder.id}"}`)).toBeGreaterThanOrEqual(accepted);
    expect(sample('xiansuo_dedup_candidates_count{source="vector"}')).toBeGreaterThanOrEqual(accepted);
    expect(sample('xiansuo_dedup_candidates_sum{source="vector"}')).toBeGreaterThan(0);
    expect(sample('xiansuo_dedup_decisions_total{decision="new"}') + (metricsText.includes('decision="duplicate"') ? sample('xiansuo_dedup_decisions_total{decision="duplicate"}') : 0)).toBe(accepted);
    // The sample reports' queues, plus the planted copy of the Gansu report.
    expect(sample('xiansuo_routing_decisions_total{queue="62",ruleset_version="1"}')).toBe(2);
    expect(sample('xiansuo_routing_decisions_total{queue="out-of-scope",ruleset_version="1"}')).toBe(1);
  });

  it('exposes consumer lag per stage and partition, and overdue leads', () => {
    for (const stage of REPORT_STAGES) for (const p of [0, 1, 2]) expect(sample(`xiansuo_consumer_lag_messages{stage="${stage}",partition="${p}"}`)).toBe(0);
    expect(sample('xiansuo_overdue_leads')).toBe(0);
  });

  it('keeps label values bounded: no id, no text, nothing the reporter wrote', () => {
    const values = [...metricsText.matchAll(/="([^"]*)"/g)].map((m) => m[1]!);
    expect(values.length).toBeGreaterThan(20);
    for (const v of values) {
      expect(v).toMatch(/^[A-Za-z0-9_.+\-/{}:]*$/);
      expect(v).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
    for (const secret of Object.values(PLANTED)) expect(metricsText).not.toContain(secret);
  });

  it('logs one line per processed message with its stage and report id', () => {
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.message === 'message processed');
    const accepted = SAMPLE_REPORTS.length + 1;
    for (const stage of REPORT_STAGES) expect(events.filter((e) => e.stage === stage && e.outcome === 'emitted')).toHaveLength(accepted);
    for (const e of events) expect(e).toMatchObject({ level: 'info', reportId: expect.any(String), stage: expect.any(String), time: expect.any(String) });
  });

  it('never logs the planted reporter identity, even when a log call is handed it', () => {
    const logger = jsonLogger('info', {}, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString('utf8')), done()) }));
    logger.warn('careless call', { reporter: { anonymous: false, ...PLANTED }, nested: { deeper: { phone: PLANTED.phone, contact: PLANTED.otherContact } } });
    const all = lines.join('\n');
    expect(all).toContain('careless call');
    for (const secret of Object.values(PLANTED)) expect(all).not.toContain(secret);
  });

  it('is ready while every consumer holds partitions, and not once one stops', async () => {
    const before = await fetch(`${ops}/readyz`);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true }, 'consumer:routing': { ok: true } } });
    await subscriptions[2]!.stop();
    const after = await fetch(`${ops}/readyz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ status: 'not-ready', checks: { 'consumer:routing': { ok: false }, 'consumer:dedup': { ok: true } } });
    expect((await fetch(`${ops}/livez`)).status).toBe(200);
  });
});
