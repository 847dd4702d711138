/**
 * The case lifecycle's console API: the work queue, one case with its history, and the actions.
 * The console's hooks sign the user in and check `case:read` first; the machine checks each
 * action's own permission, the service the province scope. Routes parse and call the service.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../api/http';
import { uuidSchema } from '../api/http';
import { PROVINCE_CODES } from '../models/divisions';
import { CASE_ACTIONS, CASE_RESULTS, CASE_STATES, type CaseCommand, type CaseState } from './lifecycle';
import { DEADLINE_FLAGS, type DeadlineFlag } from './lifecycle.policy';
import type { LifecycleService } from './lifecycle.service';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type Callbacks } from './callbacks';
import type { Supervision } from './supervision';

export interface LifecycleRouteDeps {
  readonly service: Pick<LifecycleService, 'queue' | 'getCase' | 'act'>;
  readonly supervision: Supervision;
  readonly callbacks: Callbacks;
  readonly access: RouteAccess;
}

const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';

const list = (values: readonly string[]) => `^(${values.join('|')})(,(${values.join('|')}))*$`;
const queueQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', pattern: list(CASE_STATES) },
    flag: { type: 'string', pattern: list(DEADLINE_FLAGS) },
    province: { type: 'string', enum: [...PROVINCE_CODES] },
    limit: { type: 'string', pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$' },
    offset: { type: 'string', pattern: '^[0-9]{1,7}$' },
  },
} as const;
const params = { type: 'object', required: ['leadId'], properties: { leadId: uuidSchema } } as const;
const actionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: { type: 'string', enum: [...CASE_ACTIONS] },
    reason: { type: 'string', maxLength: 1000 },
    result: { type: 'string', enum: [...CASE_RESULTS] },
    feedback: { type: 'string', maxLength: 2000 },
    provinceCode: { type: 'string', enum: [...PROVINCE_CODES] },
  },
  // What each action needs beyond its name, checked at the edge: a 400 in Chinese, never a 500.
  allOf: [
    { if: { properties: { action: { const: 'conclude' } } }, then: { required: ['result', 'reason'] } },
    { if: { properties: { action: { const: 'deliver-feedback' } } }, then: { required: ['feedback'] } },
    { if: { properties: { action: { const: 'reassign' } } }, then: { required: ['provinceCode', 'reason'] } },
  ],
} as const;

interface QueueQuery {
  state?: string;
  flag?: string;
  province?: string;
  limit?: string;
  offset?: string;
}

export function registerLifecycleRoutes(app: FastifyInstance, deps: { readonly lifecycle?: LifecycleRouteDeps }): void {
  const lifecycle = deps.lifecycle;
  if (!lifecycle) return;
  const { service, supervision, callbacks, access } = lifecycle;
  const read = access.require('case:read');

  app.get<{ Querystring: QueueQuery }>('/api/v1/cases', { onRequest: read, schema: { querystring: queueQuery } }, async (request) => {
    const q = request.query;
    return service.queue(access.principal(request), {
      ...(q.state ? { states: q.state.split(',') as CaseState[] } : {}),
      ...(q.flag ? { flags: q.flag.split(',') as DeadlineFlag[] } : {}),
      ...(q.province ? { provinceCode: q.province } : {}),
      ...(q.limit ? { limit: Number(q.limit) } : {}),
      ...(q.offset ? { offset: Number(q.offset) } : {}),
    });
  });

  app.get<{ Params: { leadId: string } }>('/api/v1/cases/:leadId', { onRequest: read, schema: { params } }, async (request) =>
    service.getCase(access.principal(request), request.params.leadId),
  );

  app.post<{ Params: { leadId: string }; Body: CaseCommand }>('/api/v1/cases/:leadId/actions', { onRequest: read, schema: { params, body: actionBody } }, async (request) =>
    service.act(access.principal(request), request.params.leadId, request.body),
  );

  app.get('/api/v1/supervision', { onRequest: access.require('supervision:read') }, async (request) => supervision.board(access.principal(request)));

  app.get<{ Querystring: { province?: string } }>(
    '/api/v1/supervision/overdue',
    { onRequest: access.require('supervision:read'), schema: { querystring: { type: 'object', additionalProperties: false, properties: { province: { type: 'string', enum: [...PROVINCE_CODES] } } } } },
    async (request) => ({ cases: await supervision.overdue(access.principal(request), request.query.province) }),
  );

  app.post<{ Body: { month: string; perProvince: number; seed?: string } }>(
    '/api/v1/callbacks/draws',
    {
      onRequest: access.require('case:direct'),
      schema: { body: { type: 'object', additionalProperties: false, required: ['month', 'perProvince'], properties: { month: { type: 'string', pattern: MONTH }, perProvince: { type: 'integer', minimum: 1, maximum: 1000 }, seed: { type: 'string', minLength: 8, maxLength: 64 } } } },
    },
    async (request) => callbacks.draw(access.principal(request), request.body.month, request.body.perProvince, request.body.seed),
  );

  app.post<{ Params: { month: string; leadId: string }; Body: { outcome: CallbackOutcome; note?: string } }>(
    '/api/v1/callbacks/:month/:leadId/outcome',
    {
      onRequest: access.require('case:direct'),
      schema: {
        params: { type: 'object', required: ['month', 'leadId'], properties: { month: { type: 'string', pattern: MONTH }, leadId: uuidSchema } },
        body: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { type: 'string', enum: [...CALLBACK_OUTCOMES] }, note: { type: 'string', maxLength: 500 } } },
      },
    },
    async (request) => callbacks.recordOutcome(access.principal(request), request.params.month, request.params.leadId, request.body.outcome, request.body.note),
  );
}
