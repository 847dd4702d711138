/**
 * A throw-away production environment on the real services: its own database, topics and index
 * (a random namespace), removed by `teardown`. Used by the integration tests and the bench.
 */
import { randomBytes } from 'node:crypto';
import { Client as ElasticClient } from '@elastic/elasticsearch';
import { Client as PgClient } from 'pg';
import { ConfigurationError, DependencyUnavailableError } from '../models/errors';
import type { Embedder } from '../models/ports/embedder.port';
import type { Logger } from '../models/ports/runtime.port';
import type { KafkaBus } from './bus/kafka-bus';
import { openClusterAdapters } from './cluster';
import { closeAdapters } from './embedded';
import type { SandboxEndpoints } from './config';
import type { Adapters } from './pipeline';


export interface Sandbox {
  readonly adapters: Adapters & { bus: KafkaBus };
  readonly namespace: string;
  /** The scratch database, for processes started beside the sandbox (the intake bench's workers). */
  readonly databaseUrl: string;
  teardown(): Promise<void>;
}

export { sandboxEndpoints } from './config';

async function pgAdmin(url: string, sql: string): Promise<void> {
  const client = new PgClient({ connectionString: url });
  await client.connect().catch((e: Error) => {
    throw new DependencyUnavailableError(`PostgreSQL is not reachable at ${url} (npm run infra:up): ${e.message}`, { service: 'postgresql' });
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates database `name` through the admin URL; `drop()` removes it (connections forced off). */
export async function createScratchDatabase(adminUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new ConfigurationError(`scratch database name must be a-z, 0-9 or _, got "${name}"`);
  await pgAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => pgAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function openSandbox(endpoints: SandboxEndpoints, logger: Logger, label = 'sbx', embedder?: Embedder): Promise<Sandbox> {
  const namespace = `${label}-${randomBytes(4).toString('hex')}-`;
  const database = namespace.replace(/-/g, '_').replace(/_$/, '');
  const scratch = await createScratchDatabase(endpoints.adminDatabaseUrl, database);
  let adapters: Adapters & { bus: KafkaBus };
  try {
    adapters = await openClusterAdapters(
      { kafkaBrokers: endpoints.kafkaBrokers, elasticsearchUrl: endpoints.elasticsearchUrl, databaseUrl: scratch.url, namespace, kafkaPartitions: 3 },
      logger,
      embedder,
    );
  } catch (error) {
    await scratch.drop();
    throw new DependencyUnavailableError(
      `production services not reachable (Kafka ${endpoints.kafkaBrokers.join(',')}, Elasticsearch ${endpoints.elasticsearchUrl}; start them with npm run infra:up): ${(error as Error).message}`,
    );
  }
  return {
    adapters,
    namespace,
    databaseUrl: scratch.url,
    async teardown() {
      await adapters.bus.deleteNamespaceTopics().catch(() => undefined);
      await closeAdapters(adapters);
      const es = new ElasticClient({ node: endpoints.elasticsearchUrl });
      await es.indices.delete({ index: `${namespace}*`, ignore_unavailable: true, allow_no_indices: true }).catch(() => undefined);
      await es.close();
      await scratch.drop();
    },
  };
}
