/** Starts the embedded pipeline for a test and waits for it to drain. */
import { closeAdapters, openEmbeddedAdapters, type EmbeddedAdapters } from '../infra/embedded';
import { createServices, startWorkers, type PipelineOptions, type Runtime, type Services } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Subscription } from '../models/ports/bus.port';
import { GROUPS, TOPICS } from '../models/topics';

export interface Harness {
  readonly adapters: EmbeddedAdapters;
  readonly services: Services;
  readonly runtime: Runtime;
  subscriptions: Subscription[];
  /** Resolves when every stage has consumed everything published so far. */
  drained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(options: PipelineOptions = {}): Promise<Harness> {
  const adapters = await openEmbeddedAdapters();
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('silent') };
  const services = await createServices(adapters, runtime, { reporterKey: Buffer.alloc(32, 7), ...options });
  const subscriptions = await startWorkers(adapters, services, runtime, { worker: { backoffMs: 1, maxBackoffMs: 5 }, ...options });
  const harness: Harness = {
    adapters,
    services,
    runtime,
    subscriptions,
    async drained(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const lags = (): number =>
        adapters.bus.lag(GROUPS.screening, TOPICS.received) +
        adapters.bus.lag(GROUPS.dedup, TOPICS.screened) +
        adapters.bus.lag(GROUPS.routing, TOPICS.deduped) +
        adapters.bus.lag(GROUPS.rerouting, TOPICS.reroutes);
      while (lags() > 0) {
        if (Date.now() > deadline) throw new Error(`pipeline did not drain in ${timeoutMs} ms (lag ${lags()})`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      await Promise.all(harness.subscriptions.map((s) => s.stop()));
      await closeAdapters(adapters);
    },
  };
  return harness;
}
