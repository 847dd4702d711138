/** Wiring of the lifecycle feature: its SQL read model and store over the Store port, and the service. */
import type { Clock } from '../models/ports/runtime.port';
import type { Store } from '../models/ports/store.port';
import { SqlLifecycleReadModel, SqlLifecycleStore } from './lifecycle-store';
import type { LifecyclePolicy } from './lifecycle.policy';
import { createLifecycleService, type LifecycleService } from './lifecycle.service';

export interface CreateLifecycleDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly policy?: LifecyclePolicy;
}

export function createLifecycle(deps: CreateLifecycleDeps): LifecycleService {
  return createLifecycleService({
    reads: new SqlLifecycleReadModel(deps.store),
    store: new SqlLifecycleStore(deps.store),
    clock: deps.clock,
    ...(deps.policy ? { policy: deps.policy } : {}),
  });
}
