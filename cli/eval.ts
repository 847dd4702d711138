/**
 * npm run eval -- <subcommand> [flags]
 *
 *   screening   category model and province resolution on held-out data (cli/eval-screening.ts)
 *   dedup       not yet implemented
 */
import { runScreeningEval } from './eval-screening';

const USAGE = `usage: npm run eval -- <subcommand> [flags]

  screening [--data FILE] [--json] [--shared DIR] [--model FILE] [--count N] [--seed S]
            category accuracy, macro-F1, in/out-of-scope detection and province accuracy on the
            held-out splits (generator test seed; CAIL and complaints held-out parts), or on FILE
            (cases format: id, fact, charges[], optional province), beside a Naive Bayes baseline
  dedup     duplicate detection (not yet implemented)
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'screening':
      return runScreeningEval(rest);
    case 'dedup':
      process.stderr.write('eval dedup: not yet implemented\n');
      return 2;
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(command ? `eval: unknown subcommand "${command}"\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
