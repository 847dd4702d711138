import { PgStore } from '../infra/store/pg-store';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../test/fixtures/postgres';
import { describeReviewStoreContract } from './review-store.contract';

let db: TestDatabase | undefined;
afterAll(async () => {
  await db?.drop();
});

describeReviewStoreContract(`PostgreSQL at ${ADMIN_URL}`, async () => {
  db = await createTestDatabase();
  return PgStore.open(db.url);
});
