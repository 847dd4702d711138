/**
 * Readiness of one process: every named check must pass within its time limit. Checks are the
 * dependencies the process uses (database, Elasticsearch, Kafka) and its consumers (each must
 * hold at least one partition: a member without partitions does no work).
 */
import type { CheckResult, Readiness } from '../../api/ops';
import type { Subscription } from '../../models/ports/bus.port';
import type { Queryable } from '../../models/ports/store.port';

export type Check = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2_000;

export async function runChecks(checks: ReadonlyMap<string, Check>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const results = await Promise.all(
    [...checks].map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
      try {
        await Promise.race([check(), timeout]);
        return [name, { ok: true }];
      } catch (error) {
        return [name, { ok: false, error: error instanceof Error ? error.message : String(error) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

export const storeCheck =
  (store: Queryable): Check =>
  async () => {
    await store.query('SELECT 1');
  };

/**
 * Elasticsearch answers its cluster health, and the cluster is not red (through whatever proxy
 * the process is given). Not the root endpoint: some builds answer it 405.
 */
export const elasticsearchCheck =
  (url: string): Check =>
  async () => {
    const res = await fetch(`${url.replace(/\/+$/, '')}/_cluster/health?timeout=1s`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    const body = (await res.json().catch(() => ({}))) as { status?: string };
    if (!res.ok) throw new Error(`Elasticsearch answered ${res.status}`);
    if (body.status === 'red') throw new Error('Elasticsearch cluster health is red');
  };

export const consumerCheck =
  (subscription: Subscription): Check =>
  async () => {
    const n = subscription.assignedPartitions?.();
    if (n === 0) throw new Error('the consumer holds no partition');
  };
