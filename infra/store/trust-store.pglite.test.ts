import { describeTrustStoreContract } from './trust-store.contract';
import { PgliteStore } from './pglite-store';

describeTrustStoreContract('PGlite (in memory)', () => PgliteStore.open());
