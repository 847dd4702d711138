/**
 * Readiness in production mode follows its dependencies: a process whose Elasticsearch goes
 * away is not ready, and is ready again when it comes back. The shared Elasticsearch is never
 * stopped: the process reaches it through a small TCP proxy of the test's own, which is closed
 * (every connection cut, nothing listening) and opened again.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { openSandbox, sandboxEndpoints, type Sandbox } from '../infra/cluster-sandbox';
import { createObservability, type Observability } from '../infra/observability/observe';
import { createServices, STAGE_NAMES, startWorkers, type Runtime } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Subscription } from '../models/ports/bus.port';

const TIMEOUT = 120_000;

/** A TCP proxy to `target`; `close()` cuts every connection and stops listening, `open()` listens again on the same port. */
class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => (client.destroy(), upstream.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

async function waitFor(what: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await what()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('readiness of a production process', () => {
  const endpoints = sandboxEndpoints();
  const es = new URL(endpoints.elasticsearchUrl);
  const proxy = new TcpProxy({ host: es.hostname, port: Number(es.port || 9200) });
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('silent') };
  let sandbox: Sandbox;
  let obs: Observability;
  let workers: Subscription[] = [];
  let ops: string;

  beforeAll(async () => {
    await proxy.open();
    const viaProxy = `http://127.0.0.1:${proxy.port}`;
    sandbox = await openSandbox({ ...endpoints, elasticsearchUrl: viaProxy }, runtime.logger, 'ready');
    obs = createObservability(sandbox.adapters, runtime, {
      cluster: { kafkaBrokers: endpoints.kafkaBrokers, elasticsearchUrl: viaProxy, namespace: sandbox.namespace },
      processMetrics: false,
    });
    const services = await createServices(obs.adapters, runtime, { reporterKey: Buffer.alloc(32, 5) });
    workers = await startWorkers(obs.adapters, { stages: obs.stages(services), handled: services.handled }, runtime);
    obs.watch(workers, STAGE_NAMES);
    ops = `http://127.0.0.1:${await obs.listen('127.0.0.1', 0)}`;
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await obs?.close();
    await proxy.open().catch(() => undefined); // teardown deletes the index through the proxy
    await sandbox?.teardown();
    await proxy.close();
  }, TIMEOUT);

  const readyz = async (): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean }> } }> => {
    const res = await fetch(`${ops}/readyz`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> } };
  };

  it(
    'is ready once its consumers hold partitions and Kafka, Elasticsearch and PostgreSQL answer',
    async () => {
      const ready = await waitFor(async () => (await readyz()).status === 200, 90_000);
      const { body } = await readyz();
      expect({ ready, checks: body.checks }).toMatchObject({ ready: true });
      expect(Object.keys(body.checks).sort()).toEqual(['consumer:dedup', 'consumer:rerouting', 'consumer:routing', 'consumer:screening', 'database', 'elasticsearch', 'kafka']);
      // Lag comes from Kafka itself: every partition of each stage's input topic.
      const metrics = await (await fetch(`${ops}/metrics`)).text();
      for (const stage of STAGE_NAMES.filter((s) => s !== 'rerouting')) for (const p of [0, 1, 2]) expect(metrics).toContain(`xiansuo_consumer_lag_messages{stage="${stage}",partition="${p}"} 0`);
    },
    TIMEOUT,
  );

  it(
    'is not ready while Elasticsearch is unreachable, and ready again when it is back',
    async () => {
      await proxy.close();
      const down = await readyz();
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('not-ready');
      expect(down.body.checks.elasticsearch?.ok).toBe(false);
      expect(down.body.checks.database?.ok).toBe(true);
      expect(down.body.checks.kafka?.ok).toBe(true);
      expect((await fetch(`${ops}/livez`)).status).toBe(200);
      await proxy.open();
      expect(await waitFor(async () => (await readyz()).status === 200, 30_000)).toBe(true);
    },
    TIMEOUT,
  );
});
