/**
 * The routing workbench's API, served by the console to the national office only (each route
 * names its permission; the service checks again). Rule sets are validated by the service so
 * that errors name the rule and the field; the envelope is checked here.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../api/http';
import { uuidSchema as uuid } from '../api/http';
import { ArtifactMissingError } from '../models/errors';
import { RULE_SET_SCHEMA } from '../routing/rule-set';
import { FIELD_LABELS } from '../routing/rule-set-validation';
import { workbenchHtml, workbenchScript } from './page-assets';
import type { WorkbenchService } from './rule-set.service';

export interface WorkbenchRouteDeps {
  readonly service: WorkbenchService;
  readonly access: RouteAccess;
}

const DATE = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$';
const reason = { type: 'string', maxLength: 500 } as const;
const note = { type: 'string', maxLength: 500 } as const;
const rules = { type: 'object' } as const;
const body = (required: readonly string[], properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties });
const idParams = { type: 'object', required: ['id'], properties: { id: uuid } } as const;
const versionParams = { type: 'object', required: ['version'], properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,6}$' } } } as const;
const period = { from: { type: 'string', pattern: DATE }, to: { type: 'string', pattern: DATE } };

export function registerWorkbenchRoutes(app: FastifyInstance, deps: { readonly workbench?: WorkbenchRouteDeps }): void {
  const wb = deps.workbench;
  if (!wb) return;
  const { service, access } = wb;
  const who = access.principal;
  const read = access.require('rules:read');

  // The page itself is public (it asks for a login), like the review page.
  app.get('/routing', async (_request, reply) => reply.redirect('/routing/'));
  app.get('/routing/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await workbenchHtml()));
  app.get('/routing/app.js', async (_request, reply) => {
    const script = await workbenchScript();
    if (script === undefined) throw new ArtifactMissingError('规则工作台页面脚本尚未构建，请运行 npm run build:web');
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script);
  });

  app.get('/api/v1/routing/rule-sets', { onRequest: read }, async (request) => service.overview(who(request)));
  app.get('/api/v1/routing/schema', { onRequest: read }, async () => ({ schema: RULE_SET_SCHEMA, fieldLabels: FIELD_LABELS }));
  app.get<{ Params: { version: string } }>('/api/v1/routing/rule-sets/:version', { onRequest: read, schema: { params: versionParams } }, async (request) =>
    service.version(who(request), Number(request.params.version)),
  );
  app.post<{ Body: { rules: unknown } }>('/api/v1/routing/validate', { onRequest: read, schema: { body: body(['rules'], { rules }) } }, async (request) =>
    service.validate(who(request), request.body.rules),
  );
  app.post<{ Body: { rules: unknown; note?: string; basedOnVersion?: number } }>(
    '/api/v1/routing/drafts',
    { onRequest: access.require('rules:draft'), schema: { body: body(['rules'], { rules, note, basedOnVersion: { type: 'integer', minimum: 1 } }) } },
    async (request, reply) => reply.status(201).send(await service.createDraft(who(request), request.body)),
  );
  app.get<{ Params: { id: string } }>('/api/v1/routing/drafts/:id', { onRequest: read, schema: { params: idParams } }, async (request) => service.draft(who(request), request.params.id));
  app.post<{ Params: { id: string }; Body: { rules: unknown; note?: string } }>(
    '/api/v1/routing/drafts/:id/revisions',
    { onRequest: access.require('rules:draft'), schema: { params: idParams, body: body(['rules'], { rules, note }) } },
    async (request) => service.updateDraft(who(request), request.params.id, request.body),
  );
  app.post<{ Body: { draftId?: string; rules?: unknown; from?: string; to?: string } }>(
    '/api/v1/routing/dry-runs',
    { onRequest: read, schema: { body: { ...body([], { draftId: uuid, rules, ...period }), oneOf: [{ required: ['draftId'] }, { required: ['rules'] }] } } },
    async (request) => {
      const { draftId, rules: set, from, to } = request.body;
      return service.dryRun(who(request), draftId ? { draftId } : { rules: set }, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    },
  );
  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/v1/routing/drafts/:id/publish',
    { onRequest: access.require('rules:publish'), schema: { params: idParams, body: body(['reason'], { reason }) } },
    async (request) => service.approveAndPublish(who(request), request.params.id, request.body.reason),
  );
  app.post<{ Params: { version: string }; Body: { reason: string } }>(
    '/api/v1/routing/rule-sets/:version/republish',
    { onRequest: access.require('rules:publish'), schema: { params: versionParams, body: body(['reason'], { reason }) } },
    async (request) => service.rollback(who(request), Number(request.params.version), request.body.reason),
  );
  app.get<{ Querystring: { days?: string } }>(
    '/api/v1/routing/coverage',
    { onRequest: read, schema: { querystring: { type: 'object', properties: { days: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|[1-3][0-9]{2})$' } } } } },
    async (request) => service.coverage(who(request), request.query.days ? Number(request.query.days) : 30),
  );
  app.get<{ Params: { id: string } }>('/api/v1/routing/leads/:id', { onRequest: read, schema: { params: idParams } }, async (request) => service.why(who(request), request.params.id));
  app.post<{ Body: { leadIds: string[]; toQueue: string; reason: string } }>(
    '/api/v1/routing/reroutes',
    {
      onRequest: access.require('lead:reroute'),
      schema: { body: body(['leadIds', 'toQueue', 'reason'], { leadIds: { type: 'array', minItems: 1, maxItems: 200, items: uuid }, toQueue: { type: 'string', pattern: '^(\\d{2}|national|out-of-scope|held)$' }, reason }) },
    },
    async (request, reply) => reply.status(202).send(await service.reroute(who(request), request.body)),
  );
}
