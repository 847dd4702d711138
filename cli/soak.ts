/**
 * npm run soak -- [--count 600] [--seed 31] [--runs 1] [--faults none,kill,stop,both] [--rate 20]
 *                 [--concurrency 3] [--session 10000] [--drain-timeout 600]
 *
 * The exactly-once ledger on the real services (Kafka, Elasticsearch, PostgreSQL; `npm run
 * infra:up`): for each fault and run, a stream of generated reports through the intake, two
 * worker processes, the fault (lab/soak/fault-run.ts), then every committed message counted per
 * key. Prints the table; exits 1 when a lead was routed more than once or a report was lost.
 */
import { FAULTS, runFaultScenario, type Fault, type FaultRunResult } from '../lab/soak/fault-run';
import { parseFlags } from './flags';

const LABELS: Record<Fault, string> = {
  none: 'no fault',
  kill: 'worker A SIGKILLed mid-stream',
  stop: 'worker B SIGSTOPped 1.5 sessions',
  both: 'both',
};

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    count: 600,
    seed: 31,
    runs: 1,
    faults: FAULTS.join(','),
    rate: 20,
    concurrency: 3,
    session: 10_000,
    drainTimeout: 600,
  });
  const faults = flags.faults.split(',') as Fault[];
  for (const f of faults) if (!FAULTS.includes(f)) throw new Error(`unknown fault "${f}"; faults: ${FAULTS.join(', ')}`);
  const results: Array<FaultRunResult & { run: number }> = [];
  for (const fault of faults) {
    for (let run = 1; run <= flags.runs; run++) {
      const r = await runFaultScenario({
        fault,
        count: flags.count,
        seed: flags.seed,
        rate: flags.rate,
        concurrency: flags.concurrency,
        sessionTimeoutMs: flags.session,
        drainTimeoutMs: flags.drainTimeout * 1000,
        log: (line) => console.error(`[soak] ${line}`),
      });
      console.error(`[soak] ${fault} run ${run}: ${JSON.stringify({ ...r, acceptedIds: undefined, counts: undefined })}`);
      results.push({ ...r, run });
    }
  }
  console.log(
    `xiansuo soak — ${flags.count} generated reports (seed ${flags.seed}) at ${flags.rate}/s over ${flags.concurrency} submitters, ` +
      `two worker processes, session timeout ${flags.session / 1000} s, hashing embedder; committed messages read from the beginning (read_committed)`,
  );
  console.log('');
  console.log('| run | accepted | `reports.received` | `reports.screened` | `reports.deduped` | routed | leads routed more than once | received ≠ once | lost | dead letters | failed transactions | seconds |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${LABELS[r.fault]} #${r.run} | ${r.accepted} | ${r.received} | ${r.screened} | ${r.deduped} | ${r.routed} | ${r.routedMoreThanOnce} | ${r.receivedNotOnce} | ${r.lost} | ${r.dead} | ${r.failedTransactions} | ${r.seconds.toFixed(0)} |`,
    );
  }
  if (results.some((r) => r.routedMoreThanOnce > 0 || r.lost > 0 || r.receivedNotOnce > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
