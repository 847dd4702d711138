/** A stage-worker process (`npm run worker -- screening dedup routing`) that a fault run can kill or stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface WorkerProcess {
  readonly name: string;
  readonly pid: number;
  /** Transactions this process saw fail (fenced by a successor, or aborted), from its log. */
  failedTransactions(): number;
  /** Resolves when the process has exited (any way). */
  readonly exited: Promise<void>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM (a clean stop: finish, commit, leave), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a worker process of all three stages with `env` and resolves once it has joined its groups. */
export async function startWorkerProcess(name: string, env: Readonly<Record<string, string>>, startTimeoutMs = 300_000): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    // Node itself with tsx's loader (not the tsx CLI, which runs the program in a child process):
    // the signals of a fault run must reach the worker, not a wrapper.
    ['--import', 'tsx', join(ROOT, 'cli', 'start.ts'), 'worker', 'screening', 'dedup', 'routing'],
    { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let failed = 0;
  child.stderr!.on('data', (d: Buffer) => void (failed += d.toString('utf8').split('"transaction failed"').length - 1));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker ${name} did not start in ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    void exited.then(() => reject(new Error(`worker ${name} exited before it started`)));
    child.stderr!.on('data', (d: Buffer) => {
      for (const line of d.toString('utf8').split('\n')) {
        if (line.includes('"workers started"')) {
          clearTimeout(timer);
          resolve();
        } else if (line.includes('"level":"error"') || (line.length > 0 && !line.startsWith('{'))) {
          process.stderr.write(`[${name}] ${line}\n`);
        }
      }
    });
  });
  return {
    name,
    pid: child.pid!,
    exited,
    failedTransactions: () => failed,
    signal: (signal) => void child.kill(signal),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
