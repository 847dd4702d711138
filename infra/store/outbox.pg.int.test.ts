import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../../test/fixtures/postgres';
import { describeOutboxContract } from './outbox.contract';
import { PgStore } from './pg-store';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

// Two intake processes on one database, each with its own pool and its own relay.
describeOutboxContract(
  `PostgreSQL at ${ADMIN_URL} (two intakes)`,
  async (n) => {
    db = await createTestDatabase();
    return Promise.all(Array.from({ length: n }, () => PgStore.open(db!.url)));
  },
  2,
);
