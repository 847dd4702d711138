import { describeStoreContract } from './store.contract';
import { PgliteStore } from './pglite-store';

describeStoreContract('PGlite (in memory)', () => PgliteStore.open());
