/**
 * npm run eval -- <subcommand> [flags]
 *
 *   screening   category model and province resolution on held-out data (lab/eval/screening-eval.ts)
 *   province    province of the team's labelled court facts (lab/eval/province-eval.ts)
 *   dedup       pair scorer (duplicate / related / new) on held-out data (lab/eval/dedup-eval.ts)
 */
import { runDedupEval } from '../lab/eval/dedup-eval';
import { runEntityEval } from '../lab/eval/entity-eval';
import { runProvinceEval } from '../lab/eval/province-eval';
import { runScreeningEval } from '../lab/eval/screening-eval';
import { keepOnlyJsonOnStdout, runCommand, UsageError } from './command';

const USAGE = `usage: xiansuo eval <subcommand> [flags]      (npm run eval -- <subcommand> [flags])
  --json: standard output carries only the JSON; tables and headings go to standard error

  screening [--data FILE] [--json] [--shared DIR] [--model FILE] [--count N] [--seed S]
            first the province of the team's labelled court facts (as \`province\` prints it), then
            category accuracy, macro-F1, in/out-of-scope detection and province accuracy on the
            held-out splits (generator test seed; CAIL and complaints held-out parts), or on FILE
            (cases format: id, fact, charges[], optional province), beside a Naive Bayes baseline
  province [--errors] [--json] [--shared DIR] [--labels FILE]
            province accuracy on the team's labelled court facts (lab/labels/province.jsonl): all,
            held-out half, development half, prefecture and county; --errors lists the development
            half's misses (\`screening\` prints the same figures first)
  entities [--json] [--errors] [--count N] [--seed S] [--shared DIR]
            exact-span P/R/F1 per entity type on the team's labelled real sentences (all, held-out
            half, development half; --errors lists the development half's misses) and on the
            generator's truth (lab/eval/entity-eval.ts)
  dedup [--embedder auto|bge|hash] [--count N] [--seed S] [--json] [--skip-shared] [--pairs-limit N]
        [--data FILE [--limit N]] [--calibrate [--train-count N]] [--params FILE] [--shared DIR]
            duplicate-vs-not precision, recall and F1 and the duplicate/related/new confusion of the
            pair scorer on the generator's held-out seed, beside the cosine-only rule of the dedup
            stage, and on the shared paraphrase pairs; or on FILE (pairs format: id, text_a, text_b,
            label); --calibrate fits trained/pair-params.json on the training seeds
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.includes('--json')) keepOnlyJsonOnStdout();
  switch (command) {
    case 'screening':
      return runScreeningEval(rest);
    case 'province':
      return runProvinceEval(rest);
    case 'dedup':
      return runDedupEval(rest);
    case 'entities':
      return runEntityEval(rest);
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(command ? `unknown subcommand "${command}"` : 'name a subcommand');
  }
}

runCommand('eval', USAGE, () => main(process.argv.slice(2)));
