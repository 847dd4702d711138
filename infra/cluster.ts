/** Production adapters: Kafka, PostgreSQL and Elasticsearch, from the configuration. */
import { ConfigurationError } from '../models/errors';
import { PROVINCE_CODES } from '../models/divisions';
import type { Embedder } from '../models/ports/embedder.port';
import type { Logger } from '../models/ports/runtime.port';
import { TOPICS, provinceTopic } from '../models/topics';
import { KafkaBus } from './bus/kafka-bus';
import type { Config } from './config';
import { HashingEmbedder } from './embedding/hashing-embedder';
import { ElasticLeadIndex } from './index/elastic-lead-index';
import type { Adapters } from './pipeline';
import { JiebaSegmenter } from './segmentation/jieba-segmenter';
import { PgStore } from './store/pg-store';

/** Every topic of the pipeline, created up front with explicit partitions. */
export const ALL_TOPICS: readonly string[] = [...Object.values(TOPICS), ...PROVINCE_CODES.map(provinceTopic)];

export async function openClusterAdapters(
  config: Pick<Config, 'kafkaBrokers' | 'elasticsearchUrl' | 'databaseUrl' | 'namespace' | 'kafkaPartitions'> & Partial<Pick<Config, 'kafkaSessionTimeoutMs'>>,
  logger: Logger,
  embedder: Embedder = new HashingEmbedder(512),
): Promise<Adapters & { bus: KafkaBus }> {
  if (!config.elasticsearchUrl || !config.databaseUrl || config.kafkaBrokers.length === 0) {
    throw new ConfigurationError('cluster mode needs KAFKA_BROKERS, ELASTICSEARCH_URL and DATABASE_URL');
  }
  const store = await PgStore.open(config.databaseUrl);
  try {
    const index = await ElasticLeadIndex.open({
      url: config.elasticsearchUrl,
      indexPrefix: `${config.namespace}xiansuo`,
      dimensions: embedder.dimensions,
    });
    const bus = await KafkaBus.open(
      { brokers: config.kafkaBrokers, namespace: config.namespace, partitions: config.kafkaPartitions, logger, ...(config.kafkaSessionTimeoutMs ? { sessionTimeoutMs: config.kafkaSessionTimeoutMs } : {}) },
      ALL_TOPICS,
    );
    return { bus, store, index, embedder, segmenter: new JiebaSegmenter() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
