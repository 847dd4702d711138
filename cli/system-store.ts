/** The deployment's system of record for one-off commands (users, keys): DATABASE_URL, or the embedded PGLITE_DATA_DIR. */
import type { Config } from '../infra/config';
import { migrate } from '../infra/store/migrate';
import { PgStore } from '../infra/store/pg-store';
import { PgliteStore } from '../infra/store/pglite-store';
import { ConfigurationError } from '../models/errors';
import type { Store } from '../models/ports/store.port';

export async function openSystemStore(config: Pick<Config, 'databaseUrl' | 'pgliteDataDir'>): Promise<Store> {
  const store = config.databaseUrl
    ? await PgStore.open(config.databaseUrl, 2)
    : config.pgliteDataDir
      ? await PgliteStore.open(config.pgliteDataDir)
      : undefined;
  if (!store) throw new ConfigurationError('set DATABASE_URL (production) or PGLITE_DATA_DIR (embedded): an in-memory database would forget at once');
  await migrate(store);
  return store;
}
