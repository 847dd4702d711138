/**
 * The operators' listener of every process (OPS_PORT, never the internet): `/livez` (the process
 * answers), `/readyz` (200 while every dependency answers and every consumer holds partitions,
 * 503 with the failing checks otherwise) and `/metrics` (Prometheus text format).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../models/ports/runtime.port';
import { createHttpApp } from './http-app';

export interface CheckResult {
  readonly ok: boolean;
  /** Why not, for operators (English). */
  readonly error?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

export interface OpsEndpoints {
  readonly logger: Logger;
  readonly ready: () => Promise<Readiness>;
  readonly metrics: { readonly contentType: string; render(): Promise<string> };
}

export function buildOpsApp(ops: OpsEndpoints): FastifyInstance {
  return createHttpApp({ logger: ops.logger, rateLimit: false }, (app) => {
    app.get('/livez', async () => ({ status: 'ok' }));
    app.get('/readyz', async (_request, reply) => {
      const r = await ops.ready();
      return reply.status(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not-ready', checks: r.checks });
    });
    app.get('/metrics', async (_request, reply) => reply.type(ops.metrics.contentType).send(await ops.metrics.render()));
  });
}
