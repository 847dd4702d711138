/**
 * The process's Prometheus metrics (prom-client), every name prefixed `xiansuo_`, units in the
 * names, and only bounded label values: stage names, error codes (a closed set), dedup sources
 * and decisions, queues (a province code, `national` or `out-of-scope`), rule-set versions,
 * embedder ids, route templates. Never an id, a text or anything a reporter wrote.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Consumer lag of one partition of a stage's input topic. */
export interface PartitionLag {
  readonly stage: string;
  readonly partition: number;
  readonly lag: number;
}

/** Reads what is only known at scrape time: consumer lag, overdue leads. */
export interface ScrapeSources {
  lag?(): Promise<readonly PartitionLag[]>;
  overdueLeads?(): Promise<number>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const END_TO_END_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export class PipelineMetrics {
  readonly registry = new Registry();
  readonly reportsAccepted = new Counter({ name: 'xiansuo_reports_accepted_total', help: 'Reports accepted at intake (201).', registers: [this.registry] });
  readonly reportsRefused = new Counter({ name: 'xiansuo_reports_refused_total', help: 'Submissions refused at intake, by error code.', labelNames: ['reason'], registers: [this.registry] });
  readonly stageProcessed = new Counter({
    name: 'xiansuo_stage_processed_total',
    help: 'Messages a stage finished (emitted outputs or skipped), by stage and outcome.',
    labelNames: ['stage', 'outcome'],
    registers: [this.registry],
  });
  readonly stageFailed = new Counter({ name: 'xiansuo_stage_failed_total', help: 'Failed attempts of a stage, by error code (retried or dead-lettered).', labelNames: ['stage', 'code'], registers: [this.registry] });
  readonly stageDeadLettered = new Counter({ name: 'xiansuo_stage_dead_lettered_total', help: 'Messages a stage sent to reports.dead.', labelNames: ['stage'], registers: [this.registry] });
  readonly stageDuration = new Histogram({ name: 'xiansuo_stage_duration_seconds', help: 'Time a stage took on one message, retries included.', labelNames: ['stage'], buckets: SECONDS, registers: [this.registry] });
  readonly endToEnd = new Histogram({
    name: 'xiansuo_end_to_end_seconds',
    help: 'From a report received at intake to its lead routed to a queue.',
    buckets: END_TO_END_SECONDS,
    registers: [this.registry],
  });
  readonly inference = new Histogram({ name: 'xiansuo_inference_duration_seconds', help: 'Embedding inference per call, by embedder.', labelNames: ['embedder'], buckets: SECONDS, registers: [this.registry] });
  readonly dedupCandidates = new Histogram({
    name: 'xiansuo_dedup_candidates',
    help: 'Candidates one index query returned, by source (vector kNN, BM25 text, entity blocking).',
    labelNames: ['source'],
    buckets: [0, 1, 2, 5, 10, 20, 50, 100],
    registers: [this.registry],
  });
  readonly dedupDecisions = new Counter({ name: 'xiansuo_dedup_decisions_total', help: 'Dedup decisions (new, duplicate, related).', labelNames: ['decision'], registers: [this.registry] });
  readonly routingDecisions = new Counter({
    name: 'xiansuo_routing_decisions_total',
    help: 'Leads routed, by queue and rule-set version.',
    labelNames: ['queue', 'ruleset_version'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'xiansuo_http_request_duration_seconds',
    help: 'HTTP requests, by application, route template and status code.',
    labelNames: ['app', 'method', 'route', 'status_code'],
    buckets: SECONDS,
    registers: [this.registry],
  });

  constructor(sources: ScrapeSources = {}, options: { processMetrics?: boolean } = {}) {
    const lag = sources.lag;
    new Gauge({
      name: 'xiansuo_consumer_lag_messages',
      help: 'Messages of a stage input partition not yet committed by its consumer group.',
      labelNames: ['stage', 'partition'],
      registers: [this.registry],
      async collect() {
        this.reset();
        if (!lag) return;
        for (const p of await lag().catch(() => [])) this.set({ stage: p.stage, partition: String(p.partition) }, p.lag);
      },
    });
    const overdue = sources.overdueLeads;
    new Gauge({
      name: 'xiansuo_overdue_leads',
      help: 'Leads in open clusters whose handling deadline has passed.',
      registers: [this.registry],
      async collect() {
        if (overdue) this.set(await overdue().catch(() => NaN));
      },
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'xiansuo_' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
