/**
 * npm run reindex [-- --keep-old]
 *
 * Production: rebuilds the Elasticsearch lead index from PostgreSQL behind an alias and swaps
 * the alias when done (infra/index/reindex.ts). Safe while the workers run; prints the summary
 * as one JSON line. Uses KAFKA_BROKERS/ELASTICSEARCH_URL/DATABASE_URL/XIANSUO_NAMESPACE.
 */
import { loadConfig } from '../infra/config';
import { reindexFromStore } from '../infra/index/reindex';
import { jsonLogger, systemClock } from '../infra/runtime/system-runtime';
import { PgStore } from '../infra/store/pg-store';
import { migrate } from '../infra/store/migrate';
import { parseFlags } from './flags';
import { runCommand } from './command';

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2), { keepOld: false, dimensions: 512 });
  const config = loadConfig(process.env);
  if (!config.elasticsearchUrl || !config.databaseUrl) throw new Error('reindex needs ELASTICSEARCH_URL and DATABASE_URL (the embedded index is rebuilt at every start)');
  const logger = jsonLogger(config.logLevel, { pid: process.pid });
  const store = await PgStore.open(config.databaseUrl);
  try {
    await migrate(store);
    const result = await reindexFromStore({
      url: config.elasticsearchUrl,
      indexPrefix: `${config.namespace}xiansuo`,
      dimensions: flags.dimensions,
      store,
      clock: systemClock,
      logger,
      keepOld: flags.keepOld,
      onProgress: (n, total) => process.stderr.write(process.stderr.isTTY ? `\rindexed ${n}/${total}` : ''),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

runCommand('reindex', 'usage: npm run reindex -- [--keep-old]\n', main);
