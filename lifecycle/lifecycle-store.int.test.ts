import { PgStore } from '../infra/store/pg-store';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../test/fixtures/postgres';
import { describeLifecycleStoreContract } from './lifecycle-store.contract';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeLifecycleStoreContract(`PostgreSQL at ${ADMIN_URL}`, async () => {
  db = await createTestDatabase();
  return PgStore.open(db.url);
});
