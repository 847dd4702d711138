import { describeOutboxContract } from './outbox.contract';
import { PgliteStore } from './pglite-store';

describeOutboxContract('PGlite (in memory)', async () => [await PgliteStore.open()], 1);
