/**
 * npx tsx lab/labelling/select-sentences.ts [--shared DIR]
 *
 * Which real sentences the team labels for entity spans (docs/LABELLING.md section 4), chosen
 * reproducibly (seeded). Documents are split into sentences on 。！？； and newlines (the closing
 * mark stays with its sentence, surrounding whitespace is trimmed); sentences of 15–160 characters
 * are kept. At most one sentence per document is taken:
 *   set "cases"     ~130 from court facts (cail_subset.jsonl, field `fact`, id = the case's id)
 *   set "board"     ~110 from board messages (field `text`, id = complaints:<msg_id>)
 *   set "officials" ~30 (half per source) from documents that mention an official's post, then
 *   set "officials-extra" 20 more from court facts (board ones are mostly bare salutations)
 * A cheap cue only FAVOURS sentences likely to hold an entity (uncued ones are taken now and then,
 * so negatives exist); it never decides a span. Prints {"set","id","start","end"} per line, with
 * UTF-16 offsets (JavaScript string indices) into the document's text field.
 */
import { readJsonLines, SHARED_DATA_DIR } from '../data/shared-data';
import { join } from 'node:path';
import { Rng } from '../../synth/rng';

const SEED = 20261202;
const QUOTA = { cases: 130, board: 110, officials: 30, officialsExtra: 20 };
const [MIN_LEN, MAX_LEN] = [15, 160];
const UNCUED_CHANCE = 0.15;
const CUE = /某|×|公司|局|村|镇|乡|市|县|区|省|街道|书记|所长|院|厂|店|委|派出所|银行|学校|医院/;
// Bare 县长/市长/镇长 are left out: they mostly hit place names (宿松县长铺镇, 开平市长沙).
const OFFICIAL = /书记|局长|所长|检察长|主任|院长|庭长|科长|处长|厅长|副[县市区镇乡]长/;

interface Doc { readonly id: string; readonly text: string }
interface Sentence { readonly id: string; readonly start: number; readonly end: number; readonly text: string }


/** Sentences of one document, offsets into doc.text, trimmed, length-filtered. */
function splitSentences(doc: Doc): Sentence[] {
  const out: Sentence[] = [];
  const push = (from: number, to: number): void => {
    while (from < to && /\s/.test(doc.text[from]!)) from++;
    while (to > from && /\s/.test(doc.text[to - 1]!)) to--;
    if (to - from >= MIN_LEN && to - from <= MAX_LEN) out.push({ id: doc.id, start: from, end: to, text: doc.text.slice(from, to) });
  };
  let from = 0;
  for (let i = 0; i < doc.text.length; i++) {
    const c = doc.text[i]!;
    const cut = c === '\n' || c === '\r' ? i : '。！？；'.includes(c) ? i + 1 : -1;
    if (cut >= 0) { push(from, cut); from = i + 1; }
  }
  push(from, doc.text.length);
  return out;
}

/** One sentence per document, cued ones preferred, until `quota` are taken. */
function pick(docs: readonly Doc[], quota: number, rng: Rng, used: Set<string>, prefer: RegExp): Sentence[] {
  const taken: Sentence[] = [];
  for (const doc of rng.shuffle(docs)) {
    if (taken.length >= quota) break;
    if (used.has(doc.id)) continue;
    const all = splitSentences(doc);
    const cued = all.filter((s) => prefer.test(s.text));
    const pool = cued.length > 0 ? cued : rng.chance(UNCUED_CHANCE) ? all : [];
    if (pool.length > 0) { taken.push(rng.pick(pool)); used.add(doc.id); }
  }
  return taken;
}

function main(): void {
  const flag = process.argv.indexOf('--shared');
  const dir = flag > 0 ? process.argv[flag + 1]! : SHARED_DATA_DIR;
  const cases: Doc[] = readJsonLines<{ id: string; fact: string }>(join(dir, 'cases', 'cail_subset.jsonl')).map((c) => ({ id: c.id, text: c.fact }));
  const seen = new Set<string>();
  const board: Doc[] = [];
  for (const f of ['messages_with_replies.jsonl', 'messages_labeled_sample.jsonl']) {
    for (const m of readJsonLines<{ msg_id: string; text: string }>(join(dir, 'complaints', f))) {
      if (!seen.has(m.msg_id)) // one msg_id is listed twice, with the same text
        board.push({ id: `complaints:${m.msg_id}`, text: m.text });
      seen.add(m.msg_id);
    }
  }
  const rng = new Rng(SEED);
  const used = new Set<string>();
  const out: Array<[string, Sentence]> = [];
  for (const s of pick(cases, QUOTA.cases, rng, used, CUE)) out.push(['cases', s]);
  for (const s of pick(board, QUOTA.board, rng, used, CUE)) out.push(['board', s]);
  const half = Math.floor(QUOTA.officials / 2);
  const withPost = (docs: Doc[]): Doc[] => docs.filter((d) => OFFICIAL.test(d.text));
  for (const [set, docs, n] of [['officials', cases, half], ['officials', board, QUOTA.officials - half],
    ['officials-extra', cases, QUOTA.officialsExtra]] as const) {
    for (const s of pick(withPost(docs), n, rng, used, OFFICIAL)) out.push([set, s]);
  }
  for (const [set, s] of out) console.log(JSON.stringify({ set, id: s.id, start: s.start, end: s.end }));
}

main();
