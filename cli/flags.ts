/** A mistake in how a command was called or what it was given: reported in one line with the usage, exit 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Minimal `--name value` / `--flag` parsing for the project's commands; unknown flags are errors (UsageError). */
export function parseFlags<T extends Record<string, number | boolean | string>>(argv: readonly string[], defaults: T): T {
  const out: Record<string, number | boolean | string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!arg.startsWith('--') || !(name in defaults)) throw new UsageError(`unknown argument ${arg}; known: ${Object.keys(defaults).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ')}`);
    const kind = typeof defaults[name];
    if (kind === 'boolean') {
      out[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`${arg} needs a number, got ${value}`);
      out[name] = n;
    } else out[name] = value;
  }
  return out as T;
}
