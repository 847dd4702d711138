/** Small HTTP helpers shared by every route module: bearer tokens, id schemas, page parameters. */
import type { FastifyRequest } from 'fastify';
import type { Permission, Principal } from '../models/access';
import { ValidationError } from '../models/errors';

/** The bearer token of a request, or '' when none is given. */
export function bearerToken(request: FastifyRequest): string {
  return String(request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);

/** JSON schema of a UUID string (lead, cluster and report ids). */
export const uuidSchema = { type: 'string', pattern: UUID_PATTERN } as const;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Largest offset a list accepts: deeper pages are a sign of scraping, and SQL wants an integer it can hold. */
export const MAX_OFFSET = 1_000_000;

/** `limit` (1–500, default 50) and `offset` (0–1,000,000, default 0) from a query string: plain digits only (no 1e300). */
export function paging(q: { limit?: string; offset?: string }): { limit: number; offset: number } {
  const limit = q.limit === undefined ? 50 : /^\d{1,3}$/.test(q.limit) ? Number(q.limit) : NaN;
  const offset = q.offset === undefined ? 0 : /^\d{1,7}$/.test(q.offset) ? Number(q.offset) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationError('limit 应为 1 到 500 之间的整数');
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new ValidationError(`offset 应为 0 到 ${MAX_OFFSET} 之间的整数`);
  return { limit, offset };
}

/**
 * How routes of the console learn who calls: `require(permission)` is an onRequest hook that
 * resolves the signed-in user (401 otherwise) and checks the role's permission (403, audited,
 * otherwise) before anything else runs; `principal(request)` is the user it resolved.
 */
export interface RouteAccess {
  require(permission: Permission | 'signed-in'): (request: FastifyRequest) => Promise<void>;
  principal(request: FastifyRequest): Principal;
}
