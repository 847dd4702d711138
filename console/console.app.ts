/**
 * The console application: the inner network's HTTP service, for provincial analysts and
 * supervisors, the national office and auditors. Everyone signs in (console/auth); every route
 * names its permission (models/access.ts); every refusal is audited. It never serves the intake's
 * routes, and the intake never serves these. `buildConsoleApp` never listens by itself.
 */
import type { FastifyInstance } from 'fastify';
import { createHttpApp, type RateLimit, type Timeouts } from '../api/http-app';
import type { Logger } from '../models/ports/runtime.port';
import { registerLifecycleRoutes, type LifecycleRouteDeps } from '../lifecycle/lifecycle.routes';
import { registerReviewRoutes, type ReviewDeps } from '../review/review.routes';
import { registerWorkbenchRoutes, type WorkbenchRouteDeps } from '../routing-workbench/workbench.routes';
import { registerConsoleRoutes, type ConsoleRouteDeps } from './console.routes';

export interface ConsoleDeps extends ConsoleRouteDeps {
  readonly logger: Logger;
  /** The review feature (API and page); absent: not served. */
  readonly review?: Omit<ReviewDeps, 'access'>;
  /** The routing workbench (API and page); absent: not served. */
  readonly workbench?: Omit<WorkbenchRouteDeps, 'access'>;
  /** The case lifecycle (work queue, actions, supervision); absent: not served. */
  readonly lifecycle?: Omit<LifecycleRouteDeps, 'access'>;
  readonly timeouts?: Timeouts;
  readonly rateLimit?: RateLimit | false;
}

export function buildConsoleApp(deps: ConsoleDeps): FastifyInstance {
  return createHttpApp(
    {
      logger: deps.logger,
      onForbidden: deps.access.onForbidden,
      docs: {
        title: 'xiansuo console（线索研判）',
        description: 'The inner network\'s application: sign-in, queues, clusters, review, identities, audit. Every route but sign-in needs `Authorization: Bearer <token>` and names its permission (models/access.ts).',
        bearerAuth: true,
      },
      rateLimit: deps.rateLimit ?? { max: 600, windowMs: 60_000 },
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
    },
    (app) => {
      registerConsoleRoutes(app, deps);
      registerReviewRoutes(app, deps.review ? { review: { ...deps.review, access: deps.access } } : {});
      registerWorkbenchRoutes(app, deps.workbench ? { workbench: { ...deps.workbench, access: deps.access } } : {});
      registerLifecycleRoutes(app, deps.lifecycle ? { lifecycle: { ...deps.lifecycle, access: deps.access } } : {});
    },
  );
}
