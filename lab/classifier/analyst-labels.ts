/** The analysts' corrections of scope and categories, read from a deployment's PostgreSQL (`--labels-database URL`). */
import { PgStore } from '../../infra/store/pg-store';
import { SqlReviewReadModel } from '../../review/review-read-model';

export async function readAnalystLabels(databaseUrl: string) {
  const store = await PgStore.open(databaseUrl, 2);
  try {
    return await new SqlReviewReadModel(store).listLeadLabels();
  } finally {
    await store.close();
  }
}
