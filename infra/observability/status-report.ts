/**
 * `npm run status`: what each stage of a running deployment is doing, read from the processes'
 * own `/metrics` (so it works the same on the embedded default and in production). Lag is the
 * largest any process reports for a partition (every process of a production deployment reads
 * the same number from Kafka); throughput and dead letters are summed over the processes.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Prometheus text exposition format, samples only (comments and blank lines skipped). */
export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

export interface StageStatus {
  readonly stage: string;
  /** Messages not yet committed on the stage's input, all partitions. */
  readonly lag: number;
  /** Messages finished per second over the interval (emitted, skipped or dead-lettered). */
  readonly perSecond: number;
  readonly processed: number;
  readonly failedAttempts: number;
  readonly deadLetters: number;
}

const sum = (samples: readonly Sample[], name: string, stage: string): number =>
  samples.filter((s) => s.name === name && s.labels.stage === stage).reduce((n, s) => n + s.value, 0);

const finished = (samples: readonly Sample[], stage: string): number => sum(samples, 'xiansuo_stage_processed_total', stage) + sum(samples, 'xiansuo_stage_dead_lettered_total', stage);

/** `before` and `after`: one scrape per process each, `seconds` apart. */
export function stageStatus(stages: readonly string[], before: ReadonlyArray<readonly Sample[]>, after: ReadonlyArray<readonly Sample[]>, seconds: number): StageStatus[] {
  const now = after.flat();
  const then = before.flat();
  return stages.map((stage) => {
    const lagByPartition = new Map<string, number>();
    for (const s of now) {
      if (s.name !== 'xiansuo_consumer_lag_messages' || s.labels.stage !== stage) continue;
      const p = s.labels.partition ?? '?';
      lagByPartition.set(p, Math.max(lagByPartition.get(p) ?? 0, s.value));
    }
    const done = finished(now, stage);
    return {
      stage,
      lag: [...lagByPartition.values()].reduce((a, b) => a + b, 0),
      perSecond: seconds > 0 ? Math.max(0, done - finished(then, stage)) / seconds : 0,
      processed: done,
      failedAttempts: sum(now, 'xiansuo_stage_failed_total', stage),
      deadLetters: sum(now, 'xiansuo_stage_dead_lettered_total', stage),
    };
  });
}
