/**
 * npx tsx lab/labelling/select-samples.ts [--shared DIR]
 *
 * Which real messages and court facts the team labels, chosen reproducibly (seeded) so that two
 * labellers and later sessions work on the same items. Prints ids only, one JSON object per line:
 *   {"set":"scope","id":…,"cue":true|false}          every board message with a cue, then a random sample
 *   {"set":"scope-second-pass","id":…}               150 of those for the independent second pass
 *   {"set":"province","id":…}                        court facts for province-by-reading labels
 * The cue list is broad on purpose: it finds candidates, it decides nothing.
 */
import { readJsonLines, SHARED_DATA_DIR } from '../data/shared-data';
import { join } from 'node:path';
import { Rng } from '../../synth/rng';

export const SCOPE_CUE =
  /黑恶|黑社会|涉黑|涉恶|保护伞|恶势力|村霸|路霸|市霸|霸占|横行|称霸|欺压|敲诈|勒索|保护费|强买强卖|垄断|赌博|赌场|聚赌|毒品|吸毒|贩毒|高利贷|放贷|套路贷|暴力讨债|暴力催收|讨债|打手|砸|恐吓|威胁|殴打|打伤|包庇|纵容|黄赌毒|卖淫|强揽|非法采|盗采/;

const SEED = 20261201;
const SCOPE_TOTAL = 850;
const SECOND_PASS = 150;
const PROVINCE_TOTAL = 400;

interface Message {
  readonly msg_id: string;
  readonly title?: string;
  readonly text: string;
}

function main(): void {
  const flag = process.argv.indexOf('--shared');
  const dir = flag > 0 ? process.argv[flag + 1]! : SHARED_DATA_DIR;
  const messages = [
    ...readJsonLines<Message>(join(dir, 'complaints', 'messages_with_replies.jsonl')),
    ...readJsonLines<Message>(join(dir, 'complaints', 'messages_labeled_sample.jsonl')),
  ];
  const rng = new Rng(SEED);
  const cued = messages.filter((m) => SCOPE_CUE.test(`${m.title ?? ''} ${m.text}`));
  const others = rng.shuffle(messages.filter((m) => !SCOPE_CUE.test(`${m.title ?? ''} ${m.text}`))).slice(0, SCOPE_TOTAL - cued.length);
  for (const m of cued) console.log(JSON.stringify({ set: 'scope', id: m.msg_id, cue: true }));
  for (const m of others) console.log(JSON.stringify({ set: 'scope', id: m.msg_id, cue: false }));
  const half = SECOND_PASS / 2;
  const second = [...rng.shuffle(cued).slice(0, half), ...others.slice(0, SECOND_PASS - half)];
  for (const m of rng.shuffle(second)) console.log(JSON.stringify({ set: 'scope-second-pass', id: m.msg_id }));
  const cases = readJsonLines<{ id: string }>(join(dir, 'cases', 'cail_subset.jsonl'));
  for (const c of rng.shuffle(cases).slice(0, PROVINCE_TOTAL)) console.log(JSON.stringify({ set: 'province', id: c.id }));
}

if (require.main === module) main();
