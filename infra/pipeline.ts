/**
 * Wiring by hand: given the adapters (embedded or cluster), build the services, stages and API.
 * The only place that puts the pieces together; `cli/*` mains call it.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { createDedupStage, type DedupPolicy } from '../dedup/dedup.stage';
import { createIngest, type Ingest } from '../ingest/ingest.service';
import type { Bus, Subscription } from '../models/ports/bus.port';
import type { Embedder } from '../models/ports/embedder.port';
import type { LeadIndex } from '../models/ports/lead-index.port';
import type { Clock, IdGenerator, Logger } from '../models/ports/runtime.port';
import type { Segmenter } from '../models/ports/segmenter.port';
import type { Store } from '../models/ports/store.port';
import type { Stage } from '../models/stage';
import { DEFAULT_RULES, type RoutingRules } from '../routing/rules';
import { createRoutingStage } from '../routing/routing.stage';
import { Gazetteer } from '../screening/gazetteer';
import { createScreeningStage } from '../screening/screening.stage';
import { IdentitySealer } from './crypto/identity-sealer';
import { migrate } from './store/migrate';
import { SqlLeadRepository } from './store/sql-lead-repository';
import { SqlReportRepository } from './store/sql-report-repository';
import { SqlRoutingRulesRepository } from './store/sql-routing-rules-repository';
import { createReview } from '../review/create-review';
import type { ReviewService } from '../review/review.service';
import { SYSTEM_ACTOR, type Analyst } from '../models/actor';
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

export const STAGE_NAMES = ['screening', 'dedup', 'routing'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface PipelineOptions {
  readonly reporterKey?: Buffer;
  readonly internalToken?: string;
  readonly dedupPolicy?: DedupPolicy;
  /** Analysts of the review page, by bearer token; empty or absent: the review API is not served. */
  readonly analysts?: ReadonlyMap<string, Analyst>;
  readonly worker?: Partial<Pick<WorkerOptions, 'maxAttempts' | 'backoffMs' | 'maxBackoffMs'>>;
}

export interface Services {
  readonly ingest: Ingest;
  readonly reports: SqlReportRepository;
  readonly leads: SqlLeadRepository;
  readonly rules: SqlRoutingRulesRepository<RoutingRules>;
  readonly stages: Readonly<Record<StageName, Stage<unknown>>>;
  readonly internalToken: string;
  readonly review: ReviewService;
  buildApp(): FastifyInstance;
}

/** Migrates the store, seeds routing rules version 1 when none exist, builds every service. */
export async function createServices(adapters: Adapters, runtime: Runtime, options: PipelineOptions = {}): Promise<Services> {
  await migrate(adapters.store);
  const reports = new SqlReportRepository(adapters.store);
  const leads = new SqlLeadRepository(adapters.store);
  const rules = new SqlRoutingRulesRepository<RoutingRules>(adapters.store);
  if (!(await rules.current())) await rules.publish(DEFAULT_RULES, 'system', runtime.clock.now());
  if (!options.reporterKey) runtime.logger.warn('REPORTER_KEY not set: reporter identities are sealed with a random per-process key');
  const sealer = options.reporterKey ? new IdentitySealer(options.reporterKey) : IdentitySealer.withRandomKey();
  const internalToken = options.internalToken ?? randomBytes(18).toString('base64url');
  const ingest = createIngest({ reports, bus: adapters.bus, sealer, ...runtime });
  const review = createReview({ store: adapters.store, clock: runtime.clock, ids: runtime.ids, index: adapters.index, logger: runtime.logger });
  const analysts = options.analysts;
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
    routing: createRoutingStage({ rules, leads, reports }),
  } as Record<StageName, Stage<unknown>>;
  return {
    ingest,
    reports,
    leads,
    rules,
    stages,
    internalToken,
    review,
    buildApp: () =>
      buildApp({ ingest, leads, internalToken, logger: runtime.logger, ...(analysts && analysts.size > 0 ? { review: { service: review, analysts } } : {}) }),
  };
}

/** Starts workers for the given stages (all by default). */
export async function startWorkers(
  adapters: Pick<Adapters, 'bus'>,
  services: Pick<Services, 'stages'>,
  runtime: Runtime,
  options: PipelineOptions = {},
  which: readonly StageName[] = STAGE_NAMES,
): Promise<Subscription[]> {
  const workerOptions: WorkerOptions = { logger: runtime.logger, clock: runtime.clock, ...options.worker };
  return Promise.all(which.map((name) => runStage(adapters.bus, services.stages[name], workerOptions)));
}
