/** PostgreSQL (node-postgres pool) as the Store of production mode. */
import { Pool, type PoolClient } from 'pg';
import type { Queryable, SqlParam, Store } from '../../models/ports/store.port';
import { DependencyUnavailableError } from '../../models/errors';

/** Connection-level failures are retryable; SQL errors (constraint, syntax) are not. */
function translate(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P0[123]|08\w{3})$/.test(code)) {
    return new DependencyUnavailableError('数据库暂时不可用', { service: 'postgresql', code });
  }
  return error;
}

export class PgStore implements Store {
  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string, max = 10): Promise<PgStore> {
    const pool = new Pool({ connectionString, max });
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end();
      throw new DependencyUnavailableError(`无法连接 PostgreSQL（${redact(connectionString)}）：${(error as Error).message}`, {
        service: 'postgresql',
      });
    }
    return new PgStore(pool);
  }

  async query<R extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []): Promise<{ rows: R[] }> {
    try {
      const result = await this.pool.query(sql, params as unknown[]);
      return { rows: result.rows as R[] };
    } catch (error) {
      throw translate(error);
    }
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translate(error);
    }
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R extends Record<string, unknown>>(sql: string, params: readonly SqlParam[] = []) => {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[] };
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw translate(error);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Drops the password from a connection string before it is shown. */
export function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
