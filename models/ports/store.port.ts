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

/**
 * What a row's jsonb column holds, whichever store returned it: PGlite and node-postgres both
 * parse jsonb, but text columns holding JSON come back as strings.
 */
export function jsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A timestamptz column as ISO-8601 (node-postgres gives a Date, a cast may give a string). */
export function isoColumn(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
