/**
 * The `xiansuo` command-line tool (bin/xiansuo.js): `xiansuo <command> [arguments]`.
 * `--help` (or `-h`) anywhere prints the command's usage on stdout and exits 0; an unknown command
 * exits 2. The command's main then runs with its own arguments (cli/<main>.ts).
 */
import { closeQuietlyOnBrokenPipe, EXIT } from './command';
import { COMMANDS, overview } from './commands';

function dispatch(argv: readonly string[]): void {
  closeQuietlyOnBrokenPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview());
    process.exit(EXIT.ok);
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`xiansuo: unknown command "${name}"\n${overview()}`);
    process.exit(EXIT.usage);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    if (name === 'eval') process.argv = [process.argv[0]!, 'eval', '--help'];
    else {
      process.stdout.write(command.usage);
      process.exit(EXIT.ok);
    }
  } else process.argv = [process.argv[0]!, name, ...(command.prefix ?? []), ...rest];
  // Each main runs on load and reads process.argv.slice(2).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(`./${command.main}`);
}

dispatch(process.argv.slice(2));
