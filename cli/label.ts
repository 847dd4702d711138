/**
 * npm run label -- scope|pairs|province --data FILE [--out FILE] [--labeller NAME]
 *                  [--shared DIR | --texts FILE] [--set NAME]
 *
 * The terminal labeller (docs/LABELLING.md §5): one item at a time with its entities highlighted,
 * one key per label, each label appended to the output at once, items already in the output
 * skipped (resume). Keys come from the terminal (raw mode) or from a pipe:
 *   printf 'o6c\n' | npm run label -- scope --data items.jsonl --out /tmp/scope.jsonl --labeller T
 * The output defaults to the team's file in lab/labels/; it holds ids and labels, never texts.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { isLabelTask, LABEL_TASKS, type LabelTask } from '../lab/labelling/label-format';
import { fileTextLookup, itemKey, parseItems, sharedTextLookup, type TextLookup } from '../lab/labelling/label-items';
import { startSession, labelledCount } from '../lab/labelling/label-session';
import { LabelFile, readDone, runLabeller } from '../lab/labelling/label-terminal';
import { parseFlags } from './flags';

const USAGE = `usage: npm run label -- ${LABEL_TASKS.join('|')} --data FILE [--out FILE] [--labeller NAME] [--shared DIR | --texts FILE] [--set NAME]
  --data FILE     items to label, JSON Lines (docs/LABELLING.md §5)
  --out FILE      where labels are appended (default lab/labels/<task>.jsonl); items in it are skipped
  --labeller NAME who labels (default: the login name)
  --shared DIR    look up texts of id-only items in the shared data (e.g. ../shared/data)
  --texts FILE    look up texts of id-only items in a JSONL of {"id", "title"?, "text"}
  --set NAME      keep the input lines of this set only (default: the task's name)
`;

const LABELS_DIR = resolve(__dirname, '..', 'lab', 'labels');

async function main(argv: readonly string[]): Promise<number> {
  const [task, ...rest] = argv;
  if (!isLabelTask(task)) {
    process.stderr.write(task && task !== '--help' ? `label: unknown task "${task}"\n${USAGE}` : USAGE);
    return task === '--help' ? 0 : 2;
  }
  const flags = parseFlags(rest, { data: '', out: join(LABELS_DIR, `${task}.jsonl`), labeller: userInfo().username, shared: '', texts: '', set: '' });
  if (!flags.data) throw new Error(`--data FILE is required\n${USAGE}`);
  if (!flags.labeller.trim()) throw new Error('--labeller needs a name');
  if (flags.shared && flags.texts) throw new Error('give --shared or --texts, not both');
  const lookup: TextLookup | undefined = flags.shared ? sharedTextLookup(flags.shared, task as LabelTask) : flags.texts ? fileTextLookup(flags.texts) : undefined;
  const items = parseItems(task, readFileSync(flags.data, 'utf8').split('\n'), { file: flags.data, ...(flags.set ? { set: flags.set } : {}), ...(lookup ? { lookup } : {}) });
  const done = readDone(flags.out, task);
  const session = startSession(task, items, done, flags.labeller.trim());
  process.stderr.write(`label ${task}: ${items.length} items, ${items.filter((i) => done.has(itemKey(i))).length} already in ${flags.out}\n`);
  const file = new LabelFile(flags.out);
  const end = await runLabeller(session, file, process.stdin, process.stdout);
  process.stderr.write(`label ${task}: ${file.appended} labels kept this session; ${labelledCount(end)}/${items.length} labelled in ${flags.out}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`label: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
