/** Small HTTP helpers shared by every route module: bearer tokens, id schemas, page parameters. */
import type { FastifyRequest } from 'fastify';
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

/** `limit` (1–500, default 50) and `offset` (≥ 0, default 0) from a query string. */
export function paging(q: { limit?: string; offset?: string }): { limit: number; offset: number } {
  const limit = q.limit === undefined ? 50 : Number(q.limit);
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ValidationError('limit 应为 1 到 500 之间的整数');
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('offset 应为非负整数');
  return { limit, offset };
}
