/**
 * What every command of the `xiansuo` tool shares: the exit codes, the refusal of a user's mistake
 * (a message and the usage on stderr, never a stack trace), and quiet pipes.
 *
 * Standard output carries only the command's data (JSON Lines, or a JSON object with --json);
 * everything a person reads goes to standard error.
 */
import { UsageError } from './flags';


/** 0: every line succeeded; 1: the command ran but some lines (or the run) failed; 2: the command line was wrong. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

export { UsageError };

/** A reader closing the pipe (`xiansuo generate | head`) ends the command quietly. */
export function closeQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
  }
}

/** A file-system error in words (`cannot write out/x.jsonl: no such folder`), without a stack. */
export function describeFileError(error: unknown, action: 'read' | 'write'): string | null {
  const e = error as NodeJS.ErrnoException;
  const path = e?.path ?? '';
  const why: Record<string, string> = {
    ENOENT: action === 'write' ? 'no such folder' : 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  return e?.code && why[e.code] ? `cannot ${action} ${path}: ${why[e.code]}` : null;
}

/**
 * Exits once standard output has taken everything written to it: a pipe whose reader is still
 * starting up (\`generate | screen\`) would otherwise lose what did not fit in its buffer.
 */
function flushThenExit(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

/**
 * Runs a command's main and exits with its code. A UsageError prints its message and the usage
 * (exit 2); a file-system error prints one line (exit 1); anything else prints its message
 * (exit 1), with the stack only under XIANSUO_DEBUG=1.
 */
export function runCommand(name: string, usage: string, main: () => Promise<number>): void {
  closeQuietlyOnBrokenPipe();
  main().then(
    (code) => flushThenExit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`xiansuo ${name}: ${error.message}\n${usage}`);
        process.exit(EXIT.usage);
      }
      const message = describeFileError(error, 'read') ?? (error instanceof Error ? error.message : String(error));
      process.stderr.write(`xiansuo ${name}: ${message}\n`);
      if (process.env.XIANSUO_DEBUG === '1' && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exit(EXIT.someFailed);
    },
  );
}

/**
 * With --json, standard output carries only the JSON: a write that is one JSON object or array
 * (one line) goes to stdout, every other write (tables, headings, progress) to stderr.
 */
export function keepOnlyJsonOnStdout(): void {
  const toStdout = process.stdout.write.bind(process.stdout);
  const toStderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return isJsonLine(text) ? toStdout(chunk, ...rest) : toStderr(chunk, ...rest);
  }) as typeof process.stdout.write;
}

function isJsonLine(text: string): boolean {
  const line = text.trim();
  if (line.includes('\n') || !/^[[{]/.test(line)) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
