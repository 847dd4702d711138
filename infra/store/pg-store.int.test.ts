import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../../test/fixtures/postgres';
import { describeStoreContract } from './store.contract';
import { PgStore } from './pg-store';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeStoreContract(`PostgreSQL at ${ADMIN_URL}`, async () => {
  db = await createTestDatabase();
  return PgStore.open(db.url);
});
