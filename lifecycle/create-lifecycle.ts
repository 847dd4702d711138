/** Wiring of the lifecycle feature: its SQL read model and stores over the Store port, the service, scheduler, supervision and callbacks. */
import type { Clock } from '../models/ports/runtime.port';
import type { Store } from '../models/ports/store.port';
import { SqlCallbackRepository, SqlSmsOutbox } from './callback-store';
import { createCallbacks, type Callbacks } from './callbacks';
import { createDeadlineScheduler, type DeadlineScheduler } from './deadline-scheduler';
import { SqlLifecycleReadModel, SqlLifecycleStore, SqlNotifications } from './lifecycle-store';
import type { LifecyclePolicy } from './lifecycle.policy';
import { createLifecycleService, type LifecycleService } from './lifecycle.service';
import { createSupervision, type Supervision } from './supervision';

export interface CreateLifecycleDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly policy?: LifecyclePolicy;
}

export interface LifecycleFeature {
  readonly service: LifecycleService;
  readonly scheduler: DeadlineScheduler;
  readonly supervision: Supervision;
  readonly callbacks: Callbacks;
}

export function createLifecycle(deps: CreateLifecycleDeps): LifecycleFeature {
  const reads = new SqlLifecycleReadModel(deps.store);
  const store = new SqlLifecycleStore(deps.store);
  const policy = deps.policy ? { policy: deps.policy } : {};
  const service = createLifecycleService({ reads, store, clock: deps.clock, ...policy });
  const openPending = () => service.openPending();
  return {
    service,
    scheduler: createDeadlineScheduler({ reads, store, notifications: new SqlNotifications(deps.store), clock: deps.clock, openPending, ...policy }),
    supervision: createSupervision({ reads, openPending }),
    callbacks: createCallbacks({ repository: new SqlCallbackRepository(deps.store), store, sms: new SqlSmsOutbox(deps.store), clock: deps.clock }),
  };
}
