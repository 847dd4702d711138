import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeStoreContract } from './store.contract';
import { PgStore } from './pg-store';

/** Each run gets a database of its own, created from and dropped through the admin URL. */
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `xiansuo_test_${randomBytes(4).toString('hex')}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} (start it with: npm run infra:up): ${error.message}`);
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

describeStoreContract(`PostgreSQL at ${adminUrl}`, async () => {
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return PgStore.open(url.toString());
});
