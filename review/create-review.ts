/** Wiring of the review feature: its SQL read model and store over the Store port, and the service. */
import type { LeadIndex } from '../models/ports/lead-index.port';
import type { Clock, IdGenerator, Logger } from '../models/ports/runtime.port';
import type { Store } from '../models/ports/store.port';
import { SqlReviewReadModel } from './review-read-model';
import { SqlReviewStore } from './review-store';
import { createReviewService, type ReviewService } from './review.service';

export interface CreateReviewDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: Pick<IdGenerator, 'uuid'>;
  readonly index?: Pick<LeadIndex, 'get' | 'upsert'>;
  readonly logger?: Logger;
  /** The query-code hasher of the deployment: analysts find a report by the code its citizen holds. */
  readonly hashQueryCode?: (queryCode: string) => string | undefined;
}

export function createReview(deps: CreateReviewDeps): ReviewService {
  return createReviewService({
    reads: new SqlReviewReadModel(deps.store),
    store: new SqlReviewStore(deps.store),
    clock: deps.clock,
    ids: deps.ids,
    ...(deps.index ? { index: deps.index } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.hashQueryCode ? { hashQueryCode: deps.hashQueryCode } : {}),
  });
}
