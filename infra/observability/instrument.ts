/**
 * Decorators that measure the pipeline without touching its logic: each wraps a port (bus,
 * embedder, lead index) or a stage and reports to `PipelineMetrics`. The bus decorator also
 * writes the one log line per processed message (stage, report id, outcome, milliseconds):
 * never a message's content.
 */
import type { FastifyInstance } from 'fastify';
import type { LeadRouted, ReportDeduped } from '../../models/messages';
import type { Bus, ConsumeSpec, IncomingMessage, OutgoingMessage, Subscription } from '../../models/ports/bus.port';
import type { Embedder } from '../../models/ports/embedder.port';
import type { LeadIndex } from '../../models/ports/lead-index.port';
import type { Clock, Logger } from '../../models/ports/runtime.port';
import type { Stage } from '../../models/stage';
import { GROUPS, TOPICS } from '../../models/topics';
import { coerceError } from '../../models/errors';
import type { PipelineMetrics } from './metrics';

const STAGE_OF_GROUP: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(GROUPS).map(([stage, group]) => [group, stage]));

/** The stage a consumer group belongs to; an unknown group is "other" (labels stay bounded). */
export function stageOfGroup(group: string): string {
  return STAGE_OF_GROUP[group] ?? 'other';
}

/** The queue label of a routed topic: a province code, `national` or `out-of-scope`. */
export function queueOfTopic(topic: string): string {
  if (topic === TOPICS.national) return 'national';
  if (topic === TOPICS.outOfScope) return 'out-of-scope';
  const code = topic.replace(/^leads\.province\./, '');
  return /^\d{2}$/.test(code) ? code : 'other';
}

export function instrumentBus<B extends Bus>(bus: B, metrics: PipelineMetrics, clock: Clock, logger: Logger): Bus {
  return {
    publish: (messages) => bus.publish(messages),
    close: () => bus.close(),
    consume: (spec: ConsumeSpec): Promise<Subscription> => {
      const stage = stageOfGroup(spec.group);
      return bus.consume({ ...spec, process: (message) => observeProcess(spec, stage, message, metrics, clock, logger) });
    },
  };
}

async function observeProcess(spec: ConsumeSpec, stage: string, message: IncomingMessage, metrics: PipelineMetrics, clock: Clock, logger: Logger): Promise<readonly OutgoingMessage[]> {
  const started = performance.now();
  const outputs = await spec.process(message);
  const seconds = (performance.now() - started) / 1000;
  metrics.stageDuration.observe({ stage }, seconds);
  const dead = outputs.some((o) => o.topic === TOPICS.dead);
  const outcome = dead ? 'dead-lettered' : outputs.length > 0 ? 'emitted' : 'skipped';
  if (dead) metrics.stageDeadLettered.inc({ stage });
  else metrics.stageProcessed.inc({ stage, outcome });
  for (const o of outputs) {
    if (o.topic === TOPICS.deduped) metrics.dedupDecisions.inc({ decision: (o.value as ReportDeduped).dedup?.decision ?? 'unknown' });
    if (o.topic.startsWith('leads.')) {
      const routed = o.value as LeadRouted;
      metrics.routingDecisions.inc({ queue: queueOfTopic(o.topic), ruleset_version: String(routed.route?.rulesVersion ?? 'unknown') });
      const received = Date.parse(routed.receivedAt);
      if (Number.isFinite(received)) metrics.endToEnd.observe(Math.max(0, (clock.now().getTime() - received) / 1000));
    }
  }
  const routedTo = outputs.find((o) => o.topic.startsWith('leads.'));
  logger.info('message processed', {
    stage,
    reportId: message.key,
    partition: message.partition,
    offset: message.offset,
    outcome,
    ms: Math.round(seconds * 1000),
    ...(routedTo ? { queue: queueOfTopic(routedTo.topic) } : {}),
  });
  return outputs;
}

/** Counts every failed attempt of a stage by its error code (the worker decides retry or dead letter). */
export function instrumentStage<I>(stage: Stage<I>, metrics: PipelineMetrics): Stage<I> {
  const name = stageOfGroup(stage.group);
  return {
    name: stage.name,
    group: stage.group,
    inputTopic: stage.inputTopic,
    parse: (value) => {
      try {
        return stage.parse(value);
      } catch (error) {
        metrics.stageFailed.inc({ stage: name, code: coerceError(error).code });
        throw error;
      }
    },
    handle: async (input, context) => {
      try {
        const outcome = await stage.handle(input, context);
        if (outcome.kind === 'failed') metrics.stageFailed.inc({ stage: name, code: outcome.error.code });
        return outcome;
      } catch (error) {
        metrics.stageFailed.inc({ stage: name, code: coerceError(error).code });
        throw error;
      }
    },
  };
}

export function instrumentStages<S extends Record<string, Stage<unknown>>>(stages: S, metrics: PipelineMetrics): S {
  return Object.fromEntries(Object.entries(stages).map(([k, s]) => [k, instrumentStage(s, metrics)])) as S;
}

export function instrumentEmbedder(embedder: Embedder, metrics: PipelineMetrics): Embedder {
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    embed: async (texts) => {
      const end = metrics.inference.startTimer({ embedder: embedder.id });
      try {
        return await embedder.embed(texts);
      } finally {
        end();
      }
    },
  };
}

export function instrumentIndex(index: LeadIndex, metrics: PipelineMetrics): LeadIndex {
  const counted =
    <A extends unknown[], R extends readonly unknown[]>(source: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const hits = await fn(...args);
      metrics.dedupCandidates.observe({ source }, hits.length);
      return hits;
    };
  return {
    upsert: (lead) => index.upsert(lead),
    get: (id) => index.get(id),
    count: () => index.count(),
    close: () => index.close(),
    knn: counted('vector', index.knn.bind(index)),
    searchText: counted('text', index.searchText.bind(index)),
    searchEntities: counted('entities', index.searchEntities.bind(index)),
  };
}

const SUBMIT_ROUTE = '/api/v1/reports';

/**
 * Request durations by route template, and the intake's submissions: accepted (201) or refused
 * by the error code of the answer (a closed set). Add before `ready()`.
 */
export function instrumentHttpApp(app: FastifyInstance, metrics: PipelineMetrics, appName: 'intake' | 'console'): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || request.routeOptions.url !== SUBMIT_ROUTE || appName !== 'intake') return payload;
    if (reply.statusCode === 201) metrics.reportsAccepted.inc();
    else if (reply.statusCode >= 400) metrics.reportsRefused.inc({ reason: errorCodeOf(payload) });
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ app: appName, method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

function errorCodeOf(payload: unknown): string {
  try {
    const code = (JSON.parse(String(payload)) as { code?: unknown }).code;
    return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'UNKNOWN';
  } catch {
    return 'UNKNOWN';
  }
}
