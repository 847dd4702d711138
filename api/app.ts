/**
 * The HTTP API. Public: submit a report, follow it by query code. Internal (bearer token): leads
 * of a queue, one duplicate cluster. Routes call services; they never touch SQL.
 * `buildApp` returns the app without listening: tests use `app.inject()`.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { isProvinceCode } from '../models/divisions';
import { NotFoundError, UnauthorizedError, ValidationError } from '../models/errors';
import type { LeadRepository } from '../models/ports/repositories.port';
import type { Logger } from '../models/ports/runtime.port';
import type { ReportSubmission } from '../models/report';
import { provinceTopic, TOPICS } from '../models/topics';
import type { Ingest } from '../ingest/ingest.service';
import { reportSubmissionSchema } from '../ingest/report.schema';
import { installErrorHandler } from './errors';
import { bearerToken, isUuid, paging } from './http';
import { registerReviewRoutes, type ReviewDeps } from '../review/review.routes';

export interface AppDeps {
  readonly ingest: Pick<Ingest, 'submit' | 'status'>;
  readonly leads: Pick<LeadRepository, 'listByRouteTopic' | 'findCluster'>;
  readonly internalToken: string;
  readonly logger: Logger;
  /** Largest accepted request body, bytes. */
  readonly bodyLimit?: number;
  /** Analysts' review of duplicate clusters (API and page under /review/); absent: not served. */
  readonly review?: ReviewDeps;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: deps.bodyLimit ?? 256 * 1024, ajv: { customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false } } });
  installErrorHandler(app, deps.logger);

  const requireInternal = async (request: FastifyRequest): Promise<void> => {
    const given = Buffer.from(bearerToken(request));
    const expected = Buffer.from(deps.internalToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError('需要内部访问令牌');
  };

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.post<{ Body: ReportSubmission }>('/api/v1/reports', { schema: { body: reportSubmissionSchema } }, async (request, reply) => {
    const receipt = await deps.ingest.submit(request.body);
    return reply.status(201).send({ queryCode: receipt.queryCode, status: receipt.status, statusLabel: receipt.statusLabel });
  });

  app.get<{ Params: { queryCode: string } }>('/api/v1/reports/:queryCode', async (request) => deps.ingest.status(request.params.queryCode));

  app.get<{ Params: { queue: string }; Querystring: { limit?: string; offset?: string } }>(
    '/api/v1/internal/queues/:queue/leads',
    { onRequest: requireInternal },
    async (request) => {
      const topic = queueTopic(request.params.queue);
      const { limit, offset } = paging(request.query);
      return { queue: request.params.queue, topic, leads: await deps.leads.listByRouteTopic(topic, { limit, offset }) };
    },
  );

  app.get<{ Params: { clusterId: string } }>('/api/v1/internal/clusters/:clusterId', { onRequest: requireInternal }, async (request) => {
    if (!isUuid(request.params.clusterId)) throw new ValidationError('线索簇编号格式不正确');
    const cluster = await deps.leads.findCluster(request.params.clusterId);
    if (!cluster) throw new NotFoundError('未找到该线索簇');
    return cluster;
  });

  registerReviewRoutes(app, deps);

  return app;
}

/** A queue is a province code (leads.province.<code>), "national" or "out-of-scope". */
export function queueTopic(queue: string): string {
  if (queue === 'national') return TOPICS.national;
  if (queue === 'out-of-scope') return TOPICS.outOfScope;
  if (isProvinceCode(queue)) return provinceTopic(queue);
  throw new ValidationError('队列应为省级行政区划代码（如 62）、national 或 out-of-scope');
}
