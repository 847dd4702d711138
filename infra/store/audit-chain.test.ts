import { describeAuditChainContract } from './audit-chain.contract';
import { PgliteStore } from './pglite-store';

let store: PgliteStore;
describeAuditChainContract(
  'PGlite',
  async () => (store = await PgliteStore.open()),
  async () => [store],
);
