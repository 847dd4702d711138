/**
 * Applies the numbered SQL migrations in this folder, in order, each once. The same files run on
 * PGlite and PostgreSQL. An advisory lock makes concurrent starts (several workers) safe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../models/ports/store.port';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
const LOCK_ID = 731_2337;

export function migrationFiles(): Array<{ version: string; sql: string }> {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, f), 'utf8') }));
}

/** Returns the versions applied by this call. */
export async function migrate(store: Store): Promise<string[]> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrationFiles()) {
      if (done.has(m.version)) continue;
      await execScript(tx, m.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      applied.push(m.version);
    }
    return applied;
  });
}

/**
 * Runs a multi-statement script one statement at a time (parameterless). Statements end at ';'
 * outside dollar-quoted bodies ($$ … $$, for trigger functions); our files hold no ';' in literals.
 */
async function execScript(tx: { query: Store['query'] }, sql: string): Promise<void> {
  const text = sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  const statements: string[] = [];
  let current = '';
  for (const [i, part] of text.split('$$').entries()) {
    if (i % 2 === 1) {
      current += `$$${part}$$`;
      continue;
    }
    const pieces = part.split(';');
    current += pieces[0];
    for (const piece of pieces.slice(1)) {
      statements.push(current);
      current = piece;
    }
  }
  statements.push(current);
  for (const statement of statements.map((s) => s.trim()).filter((s) => s.length > 0)) await tx.query(statement);
}
