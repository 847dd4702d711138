/**
 * The one place that reads process.env. Embedded by default; cluster (production) mode when
 * KAFKA_BROKERS, ELASTICSEARCH_URL and DATABASE_URL are all set, or MODE=cluster. Every bad
 * variable is reported at once.
 */
import { ConfigurationError } from '../models/errors';
import type { LogLevel } from './runtime/system-runtime';

export interface Config {
  readonly mode: 'embedded' | 'cluster';
  readonly host: string;
  /** The intake (internet-facing) application's port. */
  readonly port: number;
  /** The console (inner network) application's port. */
  readonly consolePort: number;
  /** The operators' listener of this process (/livez, /readyz, /metrics) on HOST; 0: any free port. */
  readonly opsPort: number;
  /** Behind a reverse proxy: trust X-Forwarded-For for the intake's rate limit. */
  readonly trustProxy: boolean;
  readonly logLevel: LogLevel;
  /** 32-byte key sealing reporter identities; undefined: the keyring file (embedded with a data directory) or a random key. */
  readonly reporterKey?: Buffer;
  /** Older reporter keys, still opening what they sealed until `npm run keys -- rotate`. */
  readonly reporterPreviousKeys: readonly Buffer[];
  /** Key of the query codes' keyed hash. */
  readonly queryCodeKey?: Buffer;
  /** Embedded keys kept beside the data: KEYRING_FILE, or `<PGLITE_DATA_DIR>.keys.json`. */
  readonly keyringFile?: string;
  /** Signs console session tokens; undefined: random per process (sessions end with it). */
  readonly consoleTokenSecret?: Buffer;
  /** PGlite data directory; undefined keeps the embedded database in memory. */
  readonly pgliteDataDir?: string;
  readonly kafkaBrokers: readonly string[];
  readonly elasticsearchUrl?: string;
  readonly databaseUrl?: string;
  /** Topic, index and consumer-group prefix, so that test suites do not meet. */
  readonly namespace: string;
  readonly kafkaPartitions: number;
  /** Consumer session timeout in ms: a worker silent this long loses its partitions. */
  readonly kafkaSessionTimeoutMs: number;
  /** auto: the model when present, else the hashing fallback. */
  readonly embedder: 'auto' | 'bge' | 'hash';
  readonly modelDir?: string;
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
    if (!env.QUERY_CODE_KEY) problems.push('QUERY_CODE_KEY (base64 of 32 random bytes) is required in cluster mode');
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const consolePort = Number(env.CONSOLE_PORT ?? 3001);
  if (!Number.isInteger(consolePort) || consolePort < 0 || consolePort > 65535) problems.push(`CONSOLE_PORT must be a port number, got "${env.CONSOLE_PORT}"`);
  if (consolePort === port && port !== 0) problems.push('CONSOLE_PORT must differ from PORT: the console and the intake are separate applications');
  const opsPort = Number(env.OPS_PORT ?? 9464);
  if (!Number.isInteger(opsPort) || opsPort < 0 || opsPort > 65535) problems.push(`OPS_PORT must be a port number, got "${env.OPS_PORT}"`);
  if (opsPort !== 0 && (opsPort === port || opsPort === consolePort)) problems.push('OPS_PORT must differ from PORT and CONSOLE_PORT');
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL must be debug|info|warn|error|silent`);
  const key = (name: string, value: string | undefined): Buffer | undefined => {
    if (!value) return undefined;
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length !== 32) problems.push(`${name} must be base64 of exactly 32 bytes (openssl rand -base64 32)`);
    return bytes;
  };
  const reporterKey = key('REPORTER_KEY', env.REPORTER_KEY);
  const reporterPreviousKeys = (env.REPORTER_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean).map((k) => key('REPORTER_PREVIOUS_KEYS', k)!);
  const queryCodeKey = key('QUERY_CODE_KEY', env.QUERY_CODE_KEY);
  const consoleTokenSecret = key('CONSOLE_TOKEN_SECRET', env.CONSOLE_TOKEN_SECRET);
  const keyringFile = env.KEYRING_FILE ?? (env.PGLITE_DATA_DIR ? `${env.PGLITE_DATA_DIR.replace(/\/+$/, '')}.keys.json` : undefined);
  const kafkaPartitions = Number(env.KAFKA_PARTITIONS ?? 3);
  if (!Number.isInteger(kafkaPartitions) || kafkaPartitions < 1) problems.push('KAFKA_PARTITIONS must be a positive integer');
  const kafkaSessionTimeoutMs = Number(env.KAFKA_SESSION_TIMEOUT_MS ?? 30_000);
  // The broker's group.min.session.timeout.ms is 6 s by default, its max 30 min.
  if (!Number.isInteger(kafkaSessionTimeoutMs) || kafkaSessionTimeoutMs < 6_000) problems.push('KAFKA_SESSION_TIMEOUT_MS must be an integer of at least 6000');
  const namespace = env.XIANSUO_NAMESPACE ?? '';
  if (!/^[a-z0-9-]*$/.test(namespace)) problems.push('XIANSUO_NAMESPACE may hold only a-z, 0-9 and -');
  const embedder = (env.EMBEDDER ?? 'auto') as Config['embedder'];
  if (!['auto', 'bge', 'hash'].includes(embedder)) problems.push('EMBEDDER must be auto, bge or hash');
  for (const gone of ['REVIEW_ANALYSTS', 'INTERNAL_API_TOKEN']) if (env[gone]) problems.push(`${gone} is no longer read: console users sign in (npm run users -- add; docs/SECURITY.md)`);
  if (problems.length > 0) throw new ConfigurationError(`invalid configuration:\n  - ${problems.join('\n  - ')}`, { problems });
  return {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port,
    consolePort,
    opsPort,
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel,
    reporterPreviousKeys,
    kafkaBrokers,
    namespace,
    kafkaPartitions,
    kafkaSessionTimeoutMs,
    embedder,
    ...(env.MODEL_DIR ? { modelDir: env.MODEL_DIR } : {}),
    ...(reporterKey ? { reporterKey } : {}),
    ...(queryCodeKey ? { queryCodeKey } : {}),
    ...(consoleTokenSecret ? { consoleTokenSecret } : {}),
    ...(keyringFile && mode === 'embedded' ? { keyringFile } : {}),
    ...(env.PGLITE_DATA_DIR ? { pgliteDataDir: env.PGLITE_DATA_DIR } : {}),
    ...(env.ELASTICSEARCH_URL ? { elasticsearchUrl: env.ELASTICSEARCH_URL } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  };
}
