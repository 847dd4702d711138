/**
 * Analysts' review API and page, served by the console. The console's access hooks resolve the
 * signed-in user and check each route's permission first (401/403); the service checks the
 * permission again and the province scope. Routes parse and call the service; errors go through
 * the one handler (api/errors.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../api/http';
import { uuidSchema as uuid } from '../api/http';
import { ROLE_NAMES } from '../models/access';
import { CATEGORY_CODES } from '../models/categories';
import { provinceName } from '../models/divisions';
import { ArtifactMissingError } from '../models/errors';
import { reviewHtml, reviewScript } from './page-assets';
import { CLUSTER_STATUSES, type ClusterStatus } from './review.port';
import type { ReviewService } from './review.service';

export interface ReviewDeps {
  readonly service: Pick<ReviewService, 'listClusters' | 'getCluster' | 'confirm' | 'split' | 'merge' | 'markNotDuplicate' | 'classify' | 'audit'>;
  /** The console's sign-in and permission hooks. */
  readonly access: RouteAccess;
}

const reason = { type: 'string', maxLength: 500 } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const DATE = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$';

const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: [...CLUSTER_STATUSES] },
    minSize: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
    crossProvince: { type: 'string', enum: ['true', 'false'] },
    from: { type: 'string', pattern: DATE },
    to: { type: 'string', pattern: DATE },
    category: { type: 'string', enum: [...CATEGORY_CODES] },
    q: { type: 'string', minLength: 1, maxLength: 100 },
    limit: { type: 'string', pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
    offset: { type: 'string', pattern: '^[0-9]{1,7}$' },
  },
} as const;

interface ListQuery {
  status?: ClusterStatus;
  minSize?: string;
  crossProvince?: 'true' | 'false';
  from?: string;
  to?: string;
  category?: string;
  q?: string;
  limit?: string;
  offset?: string;
}

const body = (required: readonly string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });

/** Registers the review API and page when the review dependency is given. */
export function registerReviewRoutes(app: FastifyInstance, deps: { readonly review?: ReviewDeps }): void {
  const review = deps.review;
  if (!review) return;
  const { service, access } = review;
  const analystOf = access.principal;
  const read = access.require('cluster:read');
  const act = access.require('cluster:act');
  // Authenticated before validation: a caller without a token learns nothing about the schemas.

  app.get('/review', async (_request, reply) => reply.redirect('/review/'));
  // The page itself is public (it asks for a login); helmet sets its CSP (no framing).
  app.get('/review/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await reviewHtml()));
  app.get('/review/app.js', async (_request, reply) => {
    const script = await reviewScript();
    if (script === undefined) throw new ArtifactMissingError('审查页面脚本尚未构建，请运行 npm run build:web');
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script);
  });

  app.get('/api/v1/review/me', { onRequest: access.require('signed-in') }, async (request) => {
    const { id, name, role, scope } = analystOf(request);
    const roleName = role === 'system' ? '系统' : ROLE_NAMES[role];
    return { id, name, role, roleName, scope, scopeName: scope.kind === 'national' ? '全国扫黑办' : provinceName(scope.provinceCode) };
  });

  app.get<{ Querystring: ListQuery }>('/api/v1/review/clusters', { schema: { querystring: listQuery }, onRequest: read }, async (request) => {
    const q = request.query;
    return service.listClusters(analystOf(request), {
      ...(q.status ? { status: q.status } : {}),
      ...(q.minSize ? { minSize: Number(q.minSize) } : {}),
      ...(q.crossProvince ? { crossProvince: q.crossProvince === 'true' } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.limit ? { limit: Number(q.limit) } : {}),
      ...(q.offset ? { offset: Number(q.offset) } : {}),
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/review/clusters/:id', { schema: { params: idParams }, onRequest: read }, async (request) =>
    service.getCluster(analystOf(request), request.params.id),
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/v1/review/clusters/:id/confirm',
    {
      onRequest: act,
      // The reason is optional, so the body may be left out altogether.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: { params: idParams, body: body([], { reason }) },
    },
    async (request) => service.confirm(analystOf(request), request.params.id, request.body?.reason),
  );

  app.post<{ Params: { id: string }; Body: { leadId: string; reason?: string } }>(
    '/api/v1/review/clusters/:id/split',
    { onRequest: act, schema: { params: idParams, body: body(['leadId'], { leadId: uuid, reason }) } },
    async (request) => service.split(analystOf(request), request.params.id, request.body.leadId, request.body.reason),
  );

  app.post<{ Params: { id: string }; Body: { otherClusterId: string; reason?: string } }>(
    '/api/v1/review/clusters/:id/merge',
    { onRequest: act, schema: { params: idParams, body: body(['otherClusterId'], { otherClusterId: uuid, reason }) } },
    async (request) => service.merge(analystOf(request), request.params.id, request.body.otherClusterId, request.body.reason),
  );

  app.post<{ Body: { leadA: string; leadB: string; reason?: string } }>(
    '/api/v1/review/pairs/not-duplicate',
    { onRequest: act, schema: { body: body(['leadA', 'leadB'], { leadA: uuid, leadB: uuid, reason }) } },
    async (request) => service.markNotDuplicate(analystOf(request), request.body.leadA, request.body.leadB, request.body.reason),
  );

  app.post<{ Params: { id: string }; Body: { inScope: boolean; categories?: string[]; reason?: string } }>(
    '/api/v1/review/leads/:id/classification',
    {
      onRequest: act,
      schema: {
        params: idParams,
        body: body(['inScope', 'reason'], { inScope: { type: 'boolean' }, categories: { type: 'array', maxItems: 14, items: { type: 'string', enum: [...CATEGORY_CODES] } }, reason }),
      },
    },
    async (request) => service.classify(analystOf(request), request.params.id, { inScope: request.body.inScope, categories: request.body.categories ?? [], reason: request.body.reason }),
  );

  app.get<{ Querystring: { clusterId?: string; limit?: string } }>(
    '/api/v1/review/audit',
    { onRequest: access.require('signed-in'), schema: { querystring: { type: 'object', properties: { clusterId: uuid, limit: listQuery.properties.limit } } } },
    async (request) => {
      const { clusterId, limit } = request.query;
      return { entries: await service.audit(analystOf(request), clusterId, limit ? Number(limit) : undefined) };
    },
  );
}
