/**
 * A throw-away production environment on the real services: its own database, topics and index
 * (a random namespace), removed by `teardown`. Used by the integration tests and the bench.
 */
import { randomBytes } from 'node:crypto';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import { Client as PgClient } from 'pg';
import type { Embedder } from '../models/ports/embedder.port';
import type { Logger } from '../models/ports/runtime.port';
import type { KafkaBus } from './bus/kafka-bus';
import { openClusterAdapters } from './cluster';
import { closeAdapters } from './embedded';
import type { Adapters } from './pipeline';

export interface SandboxEndpoints {
  readonly kafkaBrokers: readonly string[];
  readonly elasticsearchUrl: string;
  /** A database the sandbox can CREATE DATABASE and DROP DATABASE through. */
  readonly adminDatabaseUrl: string;
}

export interface Sandbox {
  readonly adapters: Adapters & { bus: KafkaBus };
  readonly namespace: string;
  teardown(): Promise<void>;
}

export function sandboxEndpoints(env: NodeJS.ProcessEnv = process.env): SandboxEndpoints {
  return {
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    elasticsearchUrl: env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
    adminDatabaseUrl: env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

async function pgAdmin(url: string, sql: string): Promise<void> {
  const client = new PgClient({ connectionString: url });
  await client.connect().catch((e: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${url} (npm run infra:up): ${e.message}`);
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function openSandbox(endpoints: SandboxEndpoints, logger: Logger, label = 'sbx', embedder?: Embedder): Promise<Sandbox> {
  const namespace = `${label}-${randomBytes(4).toString('hex')}-`;
  const database = namespace.replace(/-/g, '_').replace(/_$/, '');
  await pgAdmin(endpoints.adminDatabaseUrl, `CREATE DATABASE ${database}`);
  const url = new URL(endpoints.adminDatabaseUrl);
  url.pathname = `/${database}`;
  let adapters: Adapters & { bus: KafkaBus };
  try {
    adapters = await openClusterAdapters(
      { kafkaBrokers: endpoints.kafkaBrokers, elasticsearchUrl: endpoints.elasticsearchUrl, databaseUrl: url.toString(), namespace, kafkaPartitions: 3 },
      logger,
      embedder,
    );
  } catch (error) {
    await pgAdmin(endpoints.adminDatabaseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    throw new Error(
      `production services not reachable (Kafka ${endpoints.kafkaBrokers.join(',')}, Elasticsearch ${endpoints.elasticsearchUrl}; start them with npm run infra:up): ${(error as Error).message}`,
    );
  }
  return {
    adapters,
    namespace,
    async teardown() {
      await adapters.bus.deleteNamespaceTopics().catch(() => undefined);
      await closeAdapters(adapters);
      const es = new ElasticClient({ node: endpoints.elasticsearchUrl });
      await es.indices.delete({ index: `${namespace}*`, ignore_unavailable: true, allow_no_indices: true }).catch(() => undefined);
      await es.close();
      await pgAdmin(endpoints.adminDatabaseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
