/**
 * The console's own routes (the review feature brings its own): sign-in, queues, clusters, a
 * reporter's identity, the audit trail, the current routing rules. Each names its permission;
 * the services check it again with the province scope.
 */
import type { FastifyInstance } from 'fastify';
import { isUuid, paging, uuidSchema } from '../api/http';
import { assertCan, outOfScope, ROLE_NAMES, seesProvince } from '../models/access';
import { isProvinceCode, provinceName } from '../models/divisions';
import { ForbiddenError, NotFoundError, ValidationError } from '../models/errors';
import type { AuditTrail } from '../models/ports/audit.port';
import type { LeadRepository } from '../models/ports/repositories.port';
import { provinceTopic, TOPICS } from '../models/topics';
import type { ConsoleAccess } from './access';
import type { Auth, LoginRequest } from './auth/auth.service';
import type { IdentityService } from './identity.service';

export interface ConsoleRouteDeps {
  readonly auth: Pick<Auth, 'login'>;
  readonly access: ConsoleAccess;
  readonly leads: Pick<LeadRepository, 'listByRouteTopic' | 'findCluster'>;
  readonly identity: IdentityService;
  readonly audit: Pick<AuditTrail, 'list'>;
  readonly rules: { current(): Promise<unknown> };
}

const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'password'],
  properties: { userId: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 200 }, totp: { type: 'string', maxLength: 10 } },
} as const;

/** A queue is a province code (leads.province.<code>), "national" or "out-of-scope". */
export function queueTopic(queue: string): string {
  if (queue === 'national') return TOPICS.national;
  if (queue === 'out-of-scope') return TOPICS.outOfScope;
  if (queue === 'held') return TOPICS.held;
  if (isProvinceCode(queue)) return provinceTopic(queue);
  throw new ValidationError('队列应为省级行政区划代码（如 62）、national、out-of-scope 或 held');
}

export function registerConsoleRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const { access } = deps;

  // Ten attempts a minute per address: guessing passwords or TOTP codes goes nowhere.
  app.post<{ Body: LoginRequest }>('/api/v1/auth/login', { schema: { body: loginBody }, config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request) => {
    const session = await deps.auth.login(request.body);
    return { token: session.token, expiresAt: session.expiresAt, user: { ...session.user, roleName: ROLE_NAMES[session.user.role as keyof typeof ROLE_NAMES] } };
  });

  app.get('/api/v1/auth/me', { onRequest: access.require('signed-in') }, async (request) => {
    const user = access.principal(request);
    return { ...user, scopeName: user.scope.kind === 'national' ? '全国扫黑办' : provinceName(user.scope.provinceCode) };
  });

  app.get<{ Params: { queue: string }; Querystring: { limit?: string; offset?: string } }>(
    '/api/v1/queues/:queue/leads',
    { onRequest: access.require('queue:read') },
    async (request) => {
      const user = access.principal(request);
      const topic = queueTopic(request.params.queue);
      // Province codes are public; a queue is not: a provincial user reads their own province's only.
      if (user.scope.kind === 'province' && topic !== provinceTopic(user.scope.provinceCode)) throw new ForbiddenError('只能查看本省的线索队列', { rule: 'own-province-queue' });
      const { limit, offset } = paging(request.query);
      return { queue: request.params.queue, topic, leads: await deps.leads.listByRouteTopic(topic, { limit, offset }) };
    },
  );

  app.get<{ Params: { clusterId: string } }>('/api/v1/clusters/:clusterId', { onRequest: access.require('cluster:read') }, async (request) => {
    const user = access.principal(request);
    assertCan(user, 'cluster:read');
    if (!isUuid(request.params.clusterId)) throw new ValidationError('线索簇编号格式不正确');
    const cluster = await deps.leads.findCluster(request.params.clusterId);
    if (!cluster) throw new NotFoundError('未找到该线索簇');
    // The shared view of a cross-province cluster is open to each province it touches, and only to them.
    if (!cluster.provinces.some((p) => seesProvince(user, p)) && user.scope.kind !== 'national') throw outOfScope('未找到该线索簇');
    return cluster;
  });

  app.post<{ Params: { reportId: string }; Body: { reason: string } }>(
    '/api/v1/reports/:reportId/reporter',
    {
      onRequest: access.require('identity:read'),
      schema: {
        params: { type: 'object', required: ['reportId'], properties: { reportId: uuidSchema } },
        body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', maxLength: 500 } } },
      },
    },
    async (request) => deps.identity.reveal(access.principal(request), request.params.reportId, request.body.reason),
  );

  app.get<{ Querystring: { limit?: string; action?: string } }>(
    '/api/v1/audit',
    {
      onRequest: access.require('audit:read'),
      schema: { querystring: { type: 'object', properties: { limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$' }, action: { type: 'string', pattern: '^[a-z-]{1,40}$' } } } },
    },
    async (request) => ({ entries: await deps.audit.list({ limit: Number(request.query.limit ?? 200), ...(request.query.action ? { action: request.query.action } : {}) }) }),
  );

  app.get('/api/v1/rules/current', { onRequest: access.require('rules:read') }, async () => {
    const current = await deps.rules.current();
    if (!current) throw new NotFoundError('尚未发布路由规则');
    return current;
  });
}
