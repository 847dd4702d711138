/**
 * Observability of one process, wired once for every main: the metrics (with their scrape-time
 * sources), the instrumented adapters and stages, readiness checks and the ops listener.
 *
 *   const obs = createObservability(adapters, runtime, { config, role });
 *   const services = await createServices(obs.adapters, runtime, …);
 *   const subs = await startWorkers(obs.adapters, { stages: obs.stages(services) }, runtime, …);
 *   obs.watch(subs); obs.instrumentApp(app, 'intake'); await obs.listen(host, port);
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildOpsApp, type Readiness } from '../../api/ops';
import type { Subscription } from '../../models/ports/bus.port';
import type { Stage } from '../../models/stage';
import { MemoryBus } from '../bus/memory-bus';
import type { Adapters, Runtime, Services } from '../pipeline';
import { consumerCheck, elasticsearchCheck, runChecks, storeCheck, type Check } from './health';
import { instrumentBus, instrumentEmbedder, instrumentHttpApp, instrumentIndex, instrumentStages } from './instrument';
import { KafkaOps, STAGE_INPUTS } from './kafka-ops';
import { PipelineMetrics, type PartitionLag } from './metrics';

export interface ObservabilityOptions {
  /** Cluster mode: where Kafka and Elasticsearch are (lag and readiness ask them directly). */
  readonly cluster?: { readonly kafkaBrokers: readonly string[]; readonly elasticsearchUrl: string; readonly namespace: string };
  /** Default process metrics (event loop, memory, GC); off in tests that open several pipelines. */
  readonly processMetrics?: boolean;
}

export interface Observability {
  readonly metrics: PipelineMetrics;
  /** The adapters to build the services on: bus, embedder and index measured. */
  readonly adapters: Adapters;
  stages(services: Pick<Services, 'stages'>): Services['stages'];
  /** Readiness also requires each of these consumers (named by their stage) to hold a partition. */
  watch(subscriptions: readonly Subscription[], names: readonly string[]): void;
  instrumentApp(app: FastifyInstance, name: 'intake' | 'console'): void;
  ready(): Promise<Readiness>;
  /** Starts the ops listener (/livez, /readyz, /metrics); resolves to its port. */
  listen(host: string, port: number): Promise<number>;
  close(): Promise<void>;
}

const OVERDUE_SQL = `SELECT count(*)::int AS n FROM leads l JOIN clusters c ON c.cluster_id = l.cluster_id WHERE c.status = 'open' AND c.deadline_at < $1`;

export function createObservability(adapters: Adapters, runtime: Runtime, options: ObservabilityOptions = {}): Observability {
  const kafka = options.cluster ? new KafkaOps(options.cluster.kafkaBrokers, options.cluster.namespace) : undefined;
  const memoryBus = adapters.bus instanceof MemoryBus ? adapters.bus : undefined;
  const lag = async (): Promise<readonly PartitionLag[]> => {
    if (kafka) return kafka.lag();
    if (!memoryBus) return [];
    return STAGE_INPUTS.flatMap(({ stage, group, topic }) => memoryBus.lagByPartition(group, topic).map((n, partition) => ({ stage, partition, lag: n })));
  };
  const overdueLeads = async (): Promise<number> => (await adapters.store.query<{ n: number }>(OVERDUE_SQL, [runtime.clock.now()])).rows[0]?.n ?? 0;
  const metrics = new PipelineMetrics({ lag, overdueLeads }, { processMetrics: options.processMetrics ?? true });
  const checks = new Map<string, Check>([['database', storeCheck(adapters.store)]]);
  if (options.cluster) checks.set('elasticsearch', elasticsearchCheck(options.cluster.elasticsearchUrl));
  if (kafka) checks.set('kafka', () => kafka.ping());
  let opsApp: FastifyInstance | undefined;
  const ready = (): Promise<Readiness> => runChecks(checks);
  return {
    metrics,
    adapters: {
      ...adapters,
      bus: instrumentBus(adapters.bus, metrics, runtime.clock, runtime.logger),
      embedder: instrumentEmbedder(adapters.embedder, metrics),
      index: instrumentIndex(adapters.index, metrics),
    },
    stages: (services) => instrumentStages(services.stages as Record<string, Stage<unknown>>, metrics) as Services['stages'],
    watch(subscriptions, names) {
      subscriptions.forEach((s, i) => checks.set(`consumer:${names[i] ?? i}`, consumerCheck(s)));
    },
    instrumentApp: (app, name) => instrumentHttpApp(app, metrics, name),
    ready,
    async listen(host, port) {
      opsApp = buildOpsApp({ logger: runtime.logger, ready, metrics });
      await opsApp.listen({ host, port });
      return (opsApp.server.address() as AddressInfo).port;
    },
    async close() {
      await opsApp?.close();
      await kafka?.close();
    },
  };
}
