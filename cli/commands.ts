/**
 * The commands of the `xiansuo` tool: which main runs each, a one-line summary and the usage that
 * `xiansuo <command> --help` prints. The one place that lists them (the npm scripts call them).
 */
export interface CommandSpec {
  /** The main under cli/ that runs the command. */
  readonly main: string;
  /** Arguments put before the user's (e.g. `worker` is `start.ts worker …`). */
  readonly prefix?: readonly string[];
  readonly summary: string;
  readonly usage: string;
}

export const LINE_FORMAT = `A report line (generate writes it, screen reads it): one JSON object per line, one of
  {"id": "...", "submission": <the POST /api/v1/reports body>, "receivedAt"?: "2024-05-01T08:00:00Z", "truth"?: {...}}
  <the POST /api/v1/reports body itself>       {"reporter": …, "subject": …, "facts": {"text": …}, "umbrella"?: …}
  {"id"?: "...", "text": "bare text", "receivedAt"?: "..."}
receivedAt is when the report was received; without it, dates in the text are not judged against it.
`;

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  generate: {
    main: 'generate',
    summary: 'synthetic reports with ground truth, one report line each',
    usage: `usage: xiansuo generate --count N --seed S [--out FILE] [--duplicate-rate R] [--out-of-scope-rate R]
                        [--invalid-rate R] [--same-subject-rate R]
  Writes N report lines {"id", "submission", "truth"} to FILE or stdout; a summary to stderr.
  Every line is a valid input of \`xiansuo screen\`.

${LINE_FORMAT}`,
  },
  screen: {
    main: 'screen',
    summary: 'screen report lines: entities, categories, credibility, province, one lead line each',
    usage: `usage: xiansuo screen [FILE ...] [--received-at ISO-TIME]
  Reads report lines from the FILEs (or stdin; "-" is stdin) and writes one JSON line per input line
  to stdout: the lead, or {"line": n, "error": {"code", "message"}} for a line that could not
  be screened. Progress and the summary go to stderr.
  --received-at  the receipt time of lines that carry none (default: none, dates are not judged)
  Exit 0 when every line was screened, 1 when some were not, 2 on a wrong command line.

${LINE_FORMAT}`,
  },
  eval: {
    main: 'eval',
    summary: 'offline evaluations: screening, province, dedup (--json: only the JSON on stdout)',
    usage: `usage: xiansuo eval <screening|province|dedup> [flags]   (xiansuo eval --help lists the flags)
  With --json, stdout carries only the JSON; tables and headings go to stderr.
`,
  },
  train: {
    main: 'train',
    summary: 'retrain the screening model (trained/screening-model.json)',
    usage: `usage: xiansuo train [--data DIR] [--out FILE] [--per-seed N] [--generator-only] [--embedder auto|bge|hash] [--labels-database URL]
`,
  },
  label: {
    main: 'label',
    summary: "the terminal labeller for the team's real-data labels",
    usage: `usage: xiansuo label scope|pairs|province --data FILE [--out FILE] [--labeller NAME] [--shared DIR | --texts FILE] [--set NAME]
  See docs/LABELLING.md §5.
`,
  },
  demo: {
    main: 'demo',
    summary: 'the whole pipeline in one process on generated reports, with a summary',
    usage: `usage: xiansuo demo [--count N] [--seed S] [--serve] [--timeout SECONDS]
`,
  },
  bench: {
    main: 'bench',
    summary: 'throughput and latency (end to end, dedup, intake)',
    usage: `usage: xiansuo bench [--count N] [--seed S] [--mode embedded|cluster] [--embedder auto|bge|hash]
       xiansuo bench dedup [--sizes 10000,100000]
       xiansuo bench intake [--rate 50 --duration 60 --mode embedded|cluster]
       xiansuo bench routing [--sizes 10000,100000]
`,
  },
  users: {
    main: 'users',
    summary: 'console users: add, list, disable, code',
    usage: `usage: xiansuo users add --id ID --name NAME --role ROLE [--province CODE]   (password on stdin)
       xiansuo users list | disable --id ID | code SECRET
`,
  },
  keys: {
    main: 'keys',
    summary: 'a fresh key; re-seal reporter identities under the current key',
    usage: `usage: xiansuo keys new|rotate
`,
  },
  start: {
    main: 'start',
    summary: 'run the applications and workers (cluster, intake, console)',
    usage: `usage: xiansuo start [cluster|intake|console]
`,
  },
  worker: {
    main: 'start',
    prefix: ['worker'],
    summary: 'run only the named stage workers (cluster mode)',
    usage: `usage: xiansuo worker <screening|dedup|routing> ...
`,
  },
};

export function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return `usage: xiansuo <command> [arguments]    (npx xiansuo …; xiansuo <command> --help for its arguments)

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Standard output carries only data (JSON Lines, or JSON with --json); messages go to standard error.
Exit status: 0 every line succeeded, 1 some failed, 2 the command line was wrong.
`;
}
