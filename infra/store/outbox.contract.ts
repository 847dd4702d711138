/**
 * The outbox under load, on a real store: relays run without pause while reports pour in through
 * `submit` (which publishes its own report at once), the bus is slow and refuses some
 * publications. Every accepted report must be on `reports.received` exactly once.
 *
 * `openStores(n)` gives n stores on ONE database: on PostgreSQL, n intake processes with their own
 * connections, so their relays really run concurrently.
 */
import { IdentitySealer } from '../crypto/identity-sealer';
import { QueryCodeHasher } from '../crypto/query-code-hasher';
import { MemoryBus } from '../bus/memory-bus';
import { jsonLogger, systemClock, systemIds } from '../runtime/system-runtime';
import { createIngest } from '../../ingest/ingest.service';
import type { Bus, OutgoingMessage } from '../../models/ports/bus.port';
import type { Store } from '../../models/ports/store.port';
import { TOPICS } from '../../models/topics';
import { SAMPLE_REPORTS } from '../../test/sample-reports';
import { migrate } from './migrate';
import { SqlReportRepository } from './sql-report-repository';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The real in-process bus behind a slow link that refuses every `refuseEvery`-th publication. */
function slowBus(bus: MemoryBus, refuseEvery: number): Pick<Bus, 'publish'> {
  let calls = 0;
  return {
    async publish(messages: readonly OutgoingMessage[]) {
      await sleep(1 + (calls % 7) * 2);
      if (++calls % refuseEvery === 0) throw new Error('broker not reachable');
      await bus.publish(messages);
    },
  };
}

export function describeOutboxContract(name: string, openStores: (n: number) => Promise<Store[]>, intakes: number): void {
  describe(`the outbox on ${name}`, () => {
    let stores: Store[] = [];
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
    });

    it('puts every accepted report on reports.received exactly once while relays run continuously', async () => {
      stores = await openStores(intakes);
      await migrate(stores[0]!);
      const bus = new MemoryBus();
      const services = stores.map((store) =>
        createIngest({
          reports: new SqlReportRepository(store),
          bus: slowBus(bus, 5),
          sealer: IdentitySealer.withRandomKey(),
          codes: QueryCodeHasher.withRandomKey(),
          ids: systemIds,
          clock: systemClock,
          logger: jsonLogger('silent'),
        }),
      );
      let pouring = true;
      let relayed = 0;
      const relays = services.map(async (ingest) => {
        while (pouring) {
          relayed += await ingest.relayOutbox(7).catch(() => 0);
          await sleep(1);
        }
      });
      const accepted: string[] = [];
      const perPoster = 15;
      const posters = services.flatMap((ingest, i) =>
        [0, 1, 2].map(async (p) => {
          for (let n = 0; n < perPoster; n++) {
            const sample = SAMPLE_REPORTS[(i + p + n) % SAMPLE_REPORTS.length]!;
            accepted.push((await ingest.submit(sample.submission)).reportId);
          }
        }),
      );
      await Promise.all(posters);
      pouring = false;
      await Promise.all(relays);
      // What a refused publication left behind goes out on the next relay step.
      while ((await services[0]!.relayOutbox().catch(() => -1)) !== 0) await sleep(1);

      const keys = bus.messages(TOPICS.received).map((m) => m.key);
      expect(accepted).toHaveLength(intakes * 3 * perPoster);
      expect(relayed).toBeGreaterThan(0); // the relays did publish, concurrently with submit
      expect([...keys].sort()).toEqual([...accepted].sort());
    });
  });
}
