/**
 * The intake application: the only thing on the internet-facing network. A citizen submits a
 * report and follows it by query code; nothing else is served here, and nothing internal can be
 * read through it (no leads, clusters, queues or identities: it holds none of the console's
 * credentials). Routes call the ingest service; `buildIntakeApp` never listens by itself.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../models/ports/runtime.port';
import type { ReportSubmission } from '../models/report';
import type { Ingest } from '../ingest/ingest.service';
import { reportSubmissionSchema } from '../ingest/report.schema';
import { createHttpApp, type RateLimit, type Timeouts } from '../api/http-app';
import { ArtifactMissingError } from '../models/errors';
import { divisionsJson, intakeHtml, intakeScript } from './page-assets';

export interface IntakeLimits {
  /** Everything on the intake, per client address. */
  readonly overall?: RateLimit | false;
  /** Submissions per client address: a person files a few reports, not hundreds. */
  readonly submit?: RateLimit;
  /** Query-code look-ups per client address: guessing 80-bit codes is hopeless, and slower still. */
  readonly lookup?: RateLimit;
}

export interface IntakeDeps {
  readonly ingest: Pick<Ingest, 'submit' | 'status'>;
  readonly logger: Logger;
  readonly bodyLimit?: number;
  readonly timeouts?: Timeouts;
  readonly limits?: IntakeLimits;
  readonly trustProxy?: boolean;
}

export const DEFAULT_INTAKE_LIMITS: Required<IntakeLimits> = {
  overall: { max: 300, windowMs: 60_000 },
  submit: { max: 20, windowMs: 60_000 },
  lookup: { max: 60, windowMs: 60_000 },
};

const queryCodeParams = { type: 'object', required: ['queryCode'], properties: { queryCode: { type: 'string', maxLength: 40 } } } as const;

export function buildIntakeApp(deps: IntakeDeps): FastifyInstance {
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...deps.limits };
  const perRoute = (l: RateLimit) => (limits.overall === false ? false : { max: l.max, timeWindow: l.windowMs });
  return createHttpApp(
    {
      logger: deps.logger,
      rateLimit: limits.overall,
      docs: { title: 'xiansuo intake（举报受理）', description: 'The internet-facing application: a citizen submits a report and follows it by query code. Errors are `{code, message}` with a Chinese message.' },
      ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}),
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
      ...(deps.trustProxy ? { trustProxy: deps.trustProxy } : {}),
    },
    (app) => {
      app.post<{ Body: ReportSubmission }>(
        '/api/v1/reports',
        { schema: { body: reportSubmissionSchema }, config: { rateLimit: perRoute(limits.submit) } },
        async (request, reply) => {
          const receipt = await deps.ingest.submit(request.body);
          return reply.status(201).send({ queryCode: receipt.queryCode, status: receipt.status, statusLabel: receipt.statusLabel });
        },
      );
      // The citizen's page: the report form and the look-up (Chinese, phone-friendly).
      app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await intakeHtml()));
      app.get('/app.js', async (_request, reply) => {
        const script = await intakeScript();
        if (script === undefined) throw new ArtifactMissingError('举报页面脚本尚未构建，请运行 npm run build:web');
        return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script);
      });
      app.get('/api/v1/divisions', async (_request, reply) => reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(divisionsJson()));
      app.get<{ Params: { queryCode: string } }>(
        '/api/v1/reports/:queryCode',
        { schema: { params: queryCodeParams }, config: { rateLimit: perRoute(limits.lookup) } },
        async (request) => deps.ingest.status(request.params.queryCode),
      );
    },
  );
}
