import { PgliteStore } from '../infra/store/pglite-store';
import { describeLifecycleStoreContract } from './lifecycle-store.contract';

describeLifecycleStoreContract('PGlite', () => PgliteStore.open());
