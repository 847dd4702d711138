/** Wiring of the routing workbench: its SQL over the Store port, the bus for re-routing, and the service. */
import type { Bus } from '../models/ports/bus.port';
import type { Clock, IdGenerator } from '../models/ports/runtime.port';
import type { Store } from '../models/ports/store.port';
import { createWorkbenchService, type WorkbenchService } from './rule-set.service';
import { SqlWorkbench } from './sql-workbench';

export function createWorkbench(deps: { store: Store; bus: Pick<Bus, 'publish'>; clock: Clock; ids: Pick<IdGenerator, 'uuid'> }): WorkbenchService {
  const sql = new SqlWorkbench(deps.store);
  return createWorkbenchService({ reads: sql, store: sql, bus: deps.bus, clock: deps.clock, ids: deps.ids });
}
