import { PgliteStore } from '../infra/store/pglite-store';
import { describeReviewStoreContract } from './review-store.contract';

describeReviewStoreContract('PGlite', () => PgliteStore.open());
