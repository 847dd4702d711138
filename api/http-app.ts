/**
 * The hardened fastify instance both applications start from (intake outside, console inside):
 * JSON only (anything else is 415), security headers (helmet: no framing, no sniffing, no
 * referrer, a strict CSP), `Cache-Control: no-store` on API answers, a rate limit, request and
 * connection timeouts, a guard against characters no database can store, and every error,
 * down to the socket level (bad URL, too long a parameter, 408, 431), as `{code, message}` in
 * Chinese. Never listens by itself.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import type { ForbiddenError } from '../models/errors';
import type { Logger } from '../models/ports/runtime.port';
import { installErrorHandler, frameworkError, socketError } from './errors';
import { rejectUnstorableText } from './input-guard';
import { registerApiDocs, type ApiDocs } from './openapi';

export interface Timeouts {
  /** Whole request (headers and body) must arrive within this; slower clients get 408. */
  readonly requestMs: number;
  /** Headers must arrive within this. */
  readonly headersMs: number;
  /** A socket idle this long is closed. */
  readonly idleMs: number;
  readonly keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 15_000, headersMs: 10_000, idleMs: 30_000, keepAliveMs: 5_000 };

export interface RateLimit {
  /** Requests per client address per window; routes may set their own (`config.rateLimit`). */
  readonly max: number;
  readonly windowMs: number;
}

export interface HttpAppOptions {
  readonly logger: Logger;
  /** Largest accepted request body, bytes. */
  readonly bodyLimit?: number;
  readonly timeouts?: Timeouts;
  /** false: no limit (tests that measure something else). */
  readonly rateLimit?: RateLimit | false;
  /** Called for every refusal (403, or a 404 that conceals one): the console audits them. */
  readonly onForbidden?: (request: FastifyRequest, error: ForbiddenError) => Promise<void>;
  /** Behind a reverse proxy: trust its X-Forwarded-For for the rate limit's client address. */
  readonly trustProxy?: boolean;
  /** OpenAPI at /docs/json and a browsable page at /docs, generated from the route schemas. */
  readonly docs?: ApiDocs;
}

/** Largest header block; beyond it Node answers 431 (in Chinese, through `socketError`). */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * The app, with `routes` registered after the security plugins (so the rate limit and the
 * headers apply to every route they add).
 */
export function createHttpApp(options: HttpAppOptions, routes: (app: FastifyInstance) => void): FastifyInstance {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    routerOptions: { maxParamLength: 100 },
    trustProxy: options.trustProxy ?? false,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks request timeouts on this interval (30 s by default): a slow client would outlive the limit.
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(1_000, timeouts.requestMs), maxHeaderSize: MAX_HEADER_BYTES },
    frameworkErrors: frameworkError,
    clientErrorHandler: (error: Error & { code?: string }, socket: Duplex) => socketError(error, socket),
    ajv: { customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false } },
  });
  // JSON only: fastify's built-in text/plain parser would turn a wrong media type into a 400.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app, options.logger, options.onForbidden);

  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  if (options.rateLimit !== false) {
    const limit = options.rateLimit ?? { max: 300, windowMs: 60_000 };
    void app.register(rateLimit, {
      global: true,
      max: limit.max,
      timeWindow: limit.windowMs,
      // Thrown into the one error handler, which answers 429 RATE_LIMITED in Chinese.
      errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED', retryAfterMs: context.ttl }),
    });
  }
  if (options.docs) registerApiDocs(app, options.docs);
  app.addHook('preValidation', rejectUnstorableText);
  app.addHook('onSend', async (request, reply) => {
    // API answers are personal and current: never kept by a browser or a proxy.
    if (request.url.startsWith('/api/') || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  void app.register(async (scoped) => {
    scoped.get('/healthz', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
    routes(scoped);
  });
  return app;
}
