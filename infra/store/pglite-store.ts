/** PGlite (PostgreSQL compiled to WASM, in process) as the Store of the embedded default. */
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, SqlParam, Store } from '../../models/ports/store.port';

export class PgliteStore implements Store {
  private constructor(private readonly db: PGlite) {}

  /** `dataDir` undefined keeps the database in memory. */
  static async open(dataDir?: string): Promise<PgliteStore> {
    const db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
    return new PgliteStore(db);
  }

  async query<R extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []): Promise<{ rows: R[] }> {
    const result = await this.db.query<R>(sql, params as unknown[]);
    return { rows: result.rows };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({
        query: async <R extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []) => {
          const result = await tx.query<R>(sql, params as unknown[]);
          return { rows: result.rows };
        },
      }),
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
