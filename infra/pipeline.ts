/**
 * Wiring by hand: given the adapters (embedded or cluster), build the services, stages and API.
 * The only place that puts the pieces together; `cli/*` mains call it.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RateLimit, Timeouts } from '../api/http-app';
import { createConsoleAccess } from '../console/access';
import { createAuth, type Auth } from '../console/auth/auth.service';
import { TokenSigner } from '../console/auth/tokens';
import { buildConsoleApp } from '../console/console.app';
import { createIdentityService } from '../console/identity.service';
import { SqlAuditTrail } from '../console/sql-audit-trail';
import { SqlConsoleUserStore } from '../console/sql-users';
import { buildIntakeApp, type IntakeLimits } from '../intake/intake.app';
import { createDedupStage, type DedupPolicy } from '../dedup/dedup.stage';
import { createIngest, type Ingest } from '../ingest/ingest.service';
import { canonicalQueryCode, hashedPart } from '../ingest/query-code';
import type { Bus, Subscription } from '../models/ports/bus.port';
import type { Embedder } from '../models/ports/embedder.port';
import type { LeadIndex } from '../models/ports/lead-index.port';
import type { Clock, IdGenerator, Logger } from '../models/ports/runtime.port';
import type { Segmenter } from '../models/ports/segmenter.port';
import type { Store } from '../models/ports/store.port';
import type { Stage } from '../models/stage';
import { createActiveRuleSet } from '../routing/active-rule-set';
import { createRerouteStage } from '../routing/reroute.stage';
import { DEFAULT_RULE_SET, type RuleSet } from '../routing/rule-set';
import { createRoutingStage } from '../routing/routing.stage';
import { createWorkbench } from '../routing-workbench/create-workbench';
import type { WorkbenchService } from '../routing-workbench/rule-set.service';
import { SqlRoutingPorts } from '../routing-workbench/sql-routing-ports';
import { Gazetteer } from '../screening/gazetteer';
import { createScreeningStage } from '../screening/screening.stage';
import { IdentitySealer, type ReporterKeys } from './crypto/identity-sealer';
import { QueryCodeHasher } from './crypto/query-code-hasher';
import { SqlHandledMessages } from './store/sql-handled-messages';
import { SqlIdentityVault } from './store/sql-identity-vault';
import { migrate } from './store/migrate';
import { SqlLeadRepository } from './store/sql-lead-repository';
import { SqlReportRepository } from './store/sql-report-repository';
import { SqlRoutingRulesRepository } from './store/sql-routing-rules-repository';
import { createReview } from '../review/create-review';
import { createLifecycle } from '../lifecycle/create-lifecycle';
import type { LifecycleFeature } from '../lifecycle/create-lifecycle';
import type { ReviewService } from '../review/review.service';
import { SYSTEM_ACTOR } from '../models/actor';
import { runStage, type WorkerOptions } from './stage-worker';
import { shippedScreeningModel, shippedPairParams } from './trained-params';

export interface Adapters {
  readonly bus: Bus;
  readonly store: Store;
  readonly index: LeadIndex;
  readonly embedder: Embedder;
  readonly segmenter: Segmenter;
}

export interface Runtime {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
}

/** `rerouting` applies the national office's manual re-routings (its own topic and group). */
export const STAGE_NAMES = ['screening', 'dedup', 'routing', 'rerouting'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface PipelineOptions {
  /** Reporter keys (current and previous) and the query-code key, from `resolveKeys` (infra/crypto/keyring.ts). */
  readonly keys?: { readonly reporter: ReporterKeys; readonly queryCode: Buffer };
  /** Shorthand for tests: this reporter key, and a query-code key derived from nothing secret. */
  readonly reporterKey?: Buffer;
  /** Signs console session tokens; absent: random per process. */
  readonly consoleTokenSecret?: Buffer;
  readonly consoleTokenTtlSeconds?: number;
  readonly dedupPolicy?: DedupPolicy;
  readonly worker?: Partial<Pick<WorkerOptions, 'maxAttempts' | 'backoffMs' | 'maxBackoffMs'>>;
  /** How often a routing worker looks for a newly published rule set (hot reload); 1 s by default. */
  readonly rulesRefreshMs?: number;
}

export interface Services {
  readonly ingest: Ingest;
  readonly reports: SqlReportRepository;
  readonly leads: SqlLeadRepository;
  readonly rules: SqlRoutingRulesRepository<RuleSet>;
  readonly workbench: WorkbenchService;
  readonly stages: Readonly<Record<StageName, Stage<unknown>>>;
  /** What each stage has handled: copies of a report emit nothing (infra/stage-worker.ts). */
  readonly handled: SqlHandledMessages;
  readonly review: ReviewService;
  /** The case lifecycle: cases of routed leads, actions, work queue, deadlines, supervision, callbacks. */
  readonly lifecycle: LifecycleFeature;
  readonly sealer: IdentitySealer;
  readonly queryCodes: QueryCodeHasher;
  readonly users: SqlConsoleUserStore;
  readonly audit: SqlAuditTrail;
  readonly auth: Auth;
  /** The intake application (internet-facing): submit and look up. */
  buildApp(options?: IntakeAppOptions): FastifyInstance;
  /** The console application (inner network): sign-in, queues, clusters, review, identities, audit. */
  buildConsoleApp(options?: { timeouts?: Timeouts; rateLimit?: RateLimit | false }): FastifyInstance;
}

export interface IntakeAppOptions {
  readonly limits?: IntakeLimits;
  readonly timeouts?: Timeouts;
  readonly trustProxy?: boolean;
}

/** Migrates the store, seeds routing rules version 1 when none exist, builds every service. */
export async function createServices(adapters: Adapters, runtime: Runtime, options: PipelineOptions = {}): Promise<Services> {
  await migrate(adapters.store);
  const reports = new SqlReportRepository(adapters.store);
  const leads = new SqlLeadRepository(adapters.store);
  const rules = new SqlRoutingRulesRepository<RuleSet>(adapters.store);
  if (!(await rules.current())) await rules.publish(DEFAULT_RULE_SET, 'system', runtime.clock.now());
  const routingPorts = new SqlRoutingPorts(adapters.store);
  const workbench = createWorkbench({ store: adapters.store, bus: adapters.bus, clock: runtime.clock, ids: runtime.ids });
  const keys = options.keys ?? (options.reporterKey ? { reporter: { current: options.reporterKey }, queryCode: Buffer.alloc(32, 1) } : undefined);
  if (!keys) runtime.logger.warn('no reporter keys given: identities and query codes use random keys of this process');
  const sealer = keys ? new IdentitySealer(keys.reporter) : IdentitySealer.withRandomKey();
  const queryCodes = keys ? new QueryCodeHasher(keys.queryCode) : QueryCodeHasher.withRandomKey();
  const ingest = createIngest({ reports, bus: adapters.bus, sealer, codes: queryCodes, ...runtime });
  const hashQueryCode = (code: string): string | undefined => {
    const canonical = canonicalQueryCode(code);
    return canonical ? queryCodes.hash(hashedPart(canonical)) : undefined;
  };
  const review = createReview({ store: adapters.store, clock: runtime.clock, ids: runtime.ids, index: adapters.index, logger: runtime.logger, hashQueryCode });
  const lifecycle = createLifecycle({ store: adapters.store, clock: runtime.clock });
  const users = new SqlConsoleUserStore(adapters.store);
  const audit = new SqlAuditTrail(adapters.store);
  const signer = new TokenSigner(options.consoleTokenSecret ?? randomBytes(32), options.consoleTokenTtlSeconds);
  const auth = createAuth({ users, signer, audit, clock: runtime.clock });
  const identity = createIdentityService({ vault: new SqlIdentityVault(adapters.store, sealer), audit, clock: runtime.clock });
  const gazetteer = Gazetteer.default();
  const stages = {
    screening: createScreeningStage({
      segmenter: adapters.segmenter,
      embedder: adapters.embedder,
      gazetteer,
      classifier: shippedScreeningModel(),
      leads,
      reports,
    }),
    dedup: createDedupStage({
      index: adapters.index,
      leads,
      reports,
      logger: runtime.logger,
      // Clusters opened concurrently for one incident are merged by the system, audited like an analyst's merge.
      merger: { merge: async (a, b, reason) => void (await review.merge(SYSTEM_ACTOR, a, b, reason)) },
      params: (embedderId) => shippedPairParams(embedderId),
      ...(options.dedupPolicy ? { policy: options.dedupPolicy } : {}),
    }),
    routing: createRoutingStage({
      rules: createActiveRuleSet({ versions: routingPorts, clock: runtime.clock, ...(options.rulesRefreshMs !== undefined ? { refreshMs: options.rulesRefreshMs } : {}) }),
      facts: routingPorts,
      leads,
      reports,
    }),
    rerouting: createRerouteStage({ ledger: routingPorts }),
  } as Record<StageName, Stage<unknown>>;
  return {
    ingest,
    reports,
    leads,
    rules,
    workbench,
    stages,
    handled: new SqlHandledMessages(adapters.store),
    review,
    lifecycle,
    sealer,
    queryCodes,
    users,
    audit,
    auth,
    buildApp: (o = {}) => buildIntakeApp({ ingest, logger: runtime.logger, ...o }),
    buildConsoleApp: (o = {}) =>
      buildConsoleApp({
        auth,
        access: createConsoleAccess({ auth, audit, clock: runtime.clock, logger: runtime.logger }),
        leads,
        identity,
        audit,
        rules,
        review: { service: review },
        workbench: { service: workbench },
        lifecycle: { service: lifecycle.service, supervision: lifecycle.supervision, callbacks: lifecycle.callbacks },
        logger: runtime.logger,
        ...o,
      }),
  };
}

/** Starts workers for the given stages (all by default). */
export async function startWorkers(
  adapters: Pick<Adapters, 'bus'>,
  services: Pick<Services, 'stages' | 'handled'>,
  runtime: Runtime,
  options: PipelineOptions = {},
  which: readonly StageName[] = STAGE_NAMES,
): Promise<Subscription[]> {
  const workerOptions: WorkerOptions = { logger: runtime.logger, clock: runtime.clock, handled: services.handled, ...options.worker };
  return Promise.all(which.map((name) => runStage(adapters.bus, services.stages[name], workerOptions)));
}
