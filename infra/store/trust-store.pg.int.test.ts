import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../../test/fixtures/postgres';
import { describeTrustStoreContract } from './trust-store.contract';
import { PgStore } from './pg-store';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeTrustStoreContract(`PostgreSQL at ${ADMIN_URL}`, async () => {
  db = await createTestDatabase();
  return PgStore.open(db.url);
});
