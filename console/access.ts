/**
 * The console's edge checks: who is signed in (a signed token) and whether their role holds the
 * route's permission (models/access.ts). Every refusal (403, or a 404 concealing another
 * province's resource) is written to the audit trail with who, what and which rule.
 */
import type { FastifyRequest } from 'fastify';
import type { RouteAccess } from '../api/http';
import { bearerToken } from '../api/http';
import { assertCan, type Principal } from '../models/access';
import type { ForbiddenError } from '../models/errors';
import type { AuditTrail } from '../models/ports/audit.port';
import type { Clock, Logger } from '../models/ports/runtime.port';
import type { Auth } from './auth/auth.service';

export interface ConsoleAccess extends RouteAccess {
  /** The error handler's hook: audits a refusal. */
  onForbidden(request: FastifyRequest, error: ForbiddenError): Promise<void>;
}

export function createConsoleAccess(deps: { auth: Pick<Auth, 'principal'>; audit: Pick<AuditTrail, 'append'>; clock: Clock; logger: Logger }): ConsoleAccess {
  const principals = new WeakMap<FastifyRequest, Principal>();
  const resolve = (request: FastifyRequest): Principal => {
    let user = principals.get(request);
    if (!user) {
      user = deps.auth.principal(bearerToken(request));
      principals.set(request, user);
    }
    return user;
  };
  return {
    require: (permission) => async (request) => {
      const user = resolve(request);
      if (permission !== 'signed-in') assertCan(user, permission);
    },
    principal: resolve,
    async onForbidden(request, error) {
      const user = principals.get(request);
      try {
        await deps.audit.append({
          actor: user?.id ?? 'anonymous',
          action: 'access-denied',
          details: {
            role: user?.role ?? null,
            method: request.method,
            route: request.routeOptions.url ?? null,
            ...(error.denial.permission ? { permission: error.denial.permission } : {}),
            ...(error.denial.rule ? { rule: error.denial.rule } : {}),
            ...(error.denial.concealedAs ? { outOfScope: true } : {}),
          },
          at: deps.clock.now().toISOString(),
        });
      } catch (e) {
        // The refusal stands even when the trail cannot be written; operators hear of it.
        deps.logger.error('audit of a refused request failed', { error: (e as Error).message });
      }
    },
  };
}
