/** SQL store: PostgreSQL in production, PGlite in the embedded default; same migrations. */

export type SqlParam = string | number | boolean | null | Date | readonly string[] | Record<string, unknown> | unknown[];

export interface Queryable {
  query<R extends Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<{ rows: R[] }>;
}

export interface Store extends Queryable {
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
