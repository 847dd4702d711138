/**
 * The one place that reads process.env. Embedded by default; cluster (production) mode when
 * KAFKA_BROKERS, ELASTICSEARCH_URL and DATABASE_URL are all set, or MODE=cluster. Every bad
 * variable is reported at once.
 */
import { isProvinceCode } from '../models/divisions';
import { ConfigurationError } from '../models/errors';
import type { Analyst } from '../models/actor';
import type { LogLevel } from './runtime/system-runtime';

export interface Config {
  readonly mode: 'embedded' | 'cluster';
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** 32-byte key sealing reporter identities; undefined: a random key per process (embedded demo only). */
  readonly reporterKey?: Buffer;
  /** Bearer token of the internal API; undefined: a random token per process. */
  readonly internalToken?: string;
  /** PGlite data directory; undefined keeps the embedded database in memory. */
  readonly pgliteDataDir?: string;
  readonly kafkaBrokers: readonly string[];
  readonly elasticsearchUrl?: string;
  readonly databaseUrl?: string;
  /** Topic, index and consumer-group prefix, so that test suites do not meet. */
  readonly namespace: string;
  readonly kafkaPartitions: number;
  /** auto: the model when present, else the hashing fallback. */
  readonly embedder: 'auto' | 'bge' | 'hash';
  readonly modelDir?: string;
  /** REVIEW_ANALYSTS: bearer token → analyst of the review page; empty: the review API is not served. */
  readonly analysts: ReadonlyMap<string, Analyst>;
}

/** Where the bench and the integration tests find the real services (defaults: this machine's). */
export interface SandboxEndpoints {
  readonly kafkaBrokers: readonly string[];
  readonly elasticsearchUrl: string;
  /** A database the sandbox can CREATE DATABASE and DROP DATABASE through. */
  readonly adminDatabaseUrl: string;
}

export function sandboxEndpoints(env: NodeJS.ProcessEnv = process.env): SandboxEndpoints {
  return {
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    elasticsearchUrl: env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
    adminDatabaseUrl: env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, forcedMode?: 'embedded' | 'cluster'): Config {
  const problems: string[] = [];
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const clusterVars = Boolean(kafkaBrokers.length && env.ELASTICSEARCH_URL && env.DATABASE_URL);
  const modeVar = env.MODE ?? forcedMode;
  if (modeVar !== undefined && modeVar !== 'embedded' && modeVar !== 'cluster') problems.push(`MODE must be embedded or cluster, got "${modeVar}"`);
  const mode = modeVar === 'cluster' || (modeVar === undefined && clusterVars) ? 'cluster' : 'embedded';
  if (mode === 'cluster') {
    if (!kafkaBrokers.length) problems.push('KAFKA_BROKERS is required in cluster mode (e.g. 127.0.0.1:9092)');
    if (!env.ELASTICSEARCH_URL) problems.push('ELASTICSEARCH_URL is required in cluster mode (e.g. http://127.0.0.1:9200)');
    if (!env.DATABASE_URL) problems.push('DATABASE_URL is required in cluster mode (e.g. postgres://127.0.0.1:5432/xiansuo)');
    if (!env.REPORTER_KEY) problems.push('REPORTER_KEY (base64 of 32 random bytes) is required in cluster mode');
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL must be debug|info|warn|error|silent`);
  let reporterKey: Buffer | undefined;
  if (env.REPORTER_KEY) {
    reporterKey = Buffer.from(env.REPORTER_KEY, 'base64');
    if (reporterKey.length !== 32) problems.push('REPORTER_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)');
  }
  const kafkaPartitions = Number(env.KAFKA_PARTITIONS ?? 3);
  if (!Number.isInteger(kafkaPartitions) || kafkaPartitions < 1) problems.push('KAFKA_PARTITIONS must be a positive integer');
  const namespace = env.XIANSUO_NAMESPACE ?? '';
  if (!/^[a-z0-9-]*$/.test(namespace)) problems.push('XIANSUO_NAMESPACE may hold only a-z, 0-9 and -');
  const embedder = (env.EMBEDDER ?? 'auto') as Config['embedder'];
  if (!['auto', 'bge', 'hash'].includes(embedder)) problems.push('EMBEDDER must be auto, bge or hash');
  const analysts = parseAnalysts(env.REVIEW_ANALYSTS, problems);
  if (problems.length > 0) throw new ConfigurationError(`invalid configuration:\n  - ${problems.join('\n  - ')}`, { problems });
  return {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port,
    logLevel,
    kafkaBrokers,
    namespace,
    kafkaPartitions,
    embedder,
    analysts,
    ...(env.MODEL_DIR ? { modelDir: env.MODEL_DIR } : {}),
    ...(reporterKey ? { reporterKey } : {}),
    ...(env.INTERNAL_API_TOKEN ? { internalToken: env.INTERNAL_API_TOKEN } : {}),
    ...(env.PGLITE_DATA_DIR ? { pgliteDataDir: env.PGLITE_DATA_DIR } : {}),
    ...(env.ELASTICSEARCH_URL ? { elasticsearchUrl: env.ELASTICSEARCH_URL } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  };
}

/** REVIEW_ANALYSTS='[{"id":"gs-01","name":"张三","scope":"62","token":"…"},{"id":"nat-01","name":"李四","scope":"national","token":"…"}]' */
function parseAnalysts(raw: string | undefined, problems: string[]): Map<string, Analyst> {
  const out = new Map<string, Analyst>();
  if (!raw) return out;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) {
    problems.push('REVIEW_ANALYSTS must be a JSON array of {"id","name","scope":"<province code>"|"national","token"}');
    return out;
  }
  list.forEach((entry: unknown, i) => {
    const { id, name, scope, token } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !id || typeof name !== 'string' || !name) problems.push(`REVIEW_ANALYSTS[${i}]: id and name are required`);
    else if (typeof token !== 'string' || token.length < 24) problems.push(`REVIEW_ANALYSTS[${i}]: token must have at least 24 characters (openssl rand -base64 24)`);
    else if (out.has(token)) problems.push(`REVIEW_ANALYSTS[${i}]: token already used by another analyst`);
    else if (scope === 'national') out.set(token, { id, name, scope: { kind: 'national' } });
    else if (isProvinceCode(scope)) out.set(token, { id, name, scope: { kind: 'province', provinceCode: scope } });
    else problems.push(`REVIEW_ANALYSTS[${i}]: scope must be a province code (e.g. 62) or "national"`);
  });
  return out;
}
