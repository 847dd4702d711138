import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../../test/fixtures/postgres';
import { describeAuditChainContract } from './audit-chain.contract';
import { PgStore } from './pg-store';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeAuditChainContract(
  `PostgreSQL at ${ADMIN_URL}`,
  async () => {
    db = await createTestDatabase();
    return PgStore.open(db.url);
  },
  // Four pools of their own: the appends race on separate connections.
  async () => Promise.all([1, 2, 3, 4].map(() => PgStore.open(db!.url, 3))),
);
