/**
 * npm run eval -- entities [--json] [--errors] [--count N] [--seed S] [--shared DIR]
 *
 * Exact-span precision, recall and F1 per entity type (person, official, organisation, place) on
 * (a) the generator's truth (the names it wrote, `GroundTruth.entities`, located in the text) and
 * (b) the team's labelled real sentences (`lab/labels/entities.jsonl`, docs/LABELLING.md §4),
 * whose texts are read from the shared data at run time. The real sentences are split by their
 * position in the labels file: even positions are the development half (the only one whose
 * errors `--errors` prints), odd positions are held out and never looked at while writing rules.
 * A span counts only when its type, start and end are all exactly those of a label.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Entity } from '../../models/lead';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { extractEntities, type EntityDeps, type extractNamedEntities } from '../../screening/entities';
import { Gazetteer } from '../../screening/gazetteer';
import { generateReports } from '../../synth/generator';
import { readJsonLines, SHARED_DATA_DIR } from '../data/shared-data';
import { halfOf, loadCaseFacts } from './province-eval';

export const SPAN_TYPES = ['person', 'official', 'organisation', 'place'] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

export interface Span {
  readonly type: SpanType;
  readonly start: number;
  readonly end: number;
}

export interface EntityLabel {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly spans: readonly Span[];
  /** Position in the labels file, from 0: even is development, odd held out. */
  readonly position: number;
}

export interface TypeScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export type Scores = Record<SpanType, TypeScore>;

export const ENTITY_LABELS = resolve(__dirname, '..', 'labels', 'entities.jsonl');

const isSpanType = (t: string): t is SpanType => (SPAN_TYPES as readonly string[]).includes(t);

/** What screening finds as entities of these four types (screening/entities.ts `extractEntities`). */
export function predictSpans(text: string, deps: EntityDeps, report?: Parameters<typeof extractNamedEntities>[1]): Span[] {
  return extractEntities(text, deps, report)
    .filter((e): e is Entity & { type: SpanType } => isSpanType(e.type))
    .map((e) => ({ type: e.type, start: e.start, end: e.end }));
}

const key = (s: Span) => `${s.type}:${s.start}:${s.end}`;

export interface Counts {
  tp: Record<SpanType, number>;
  fp: Record<SpanType, number>;
  fn: Record<SpanType, number>;
}

export function emptyCounts(): Counts {
  const zero = () => Object.fromEntries(SPAN_TYPES.map((t) => [t, 0])) as Record<SpanType, number>;
  return { tp: zero(), fp: zero(), fn: zero() };
}

/** Adds one sentence's exact-span matches to `counts`. */
export function countSpans(counts: Counts, predicted: readonly Span[], truth: readonly Span[]): void {
  const want = new Set(truth.map(key));
  const got = new Set(predicted.map(key));
  for (const p of predicted) (want.has(key(p)) ? counts.tp : counts.fp)[p.type]++;
  for (const t of truth) if (!got.has(key(t))) counts.fn[t.type]++;
}

export function scores(c: Counts): Scores {
  const one = (t: SpanType): TypeScore => {
    const { [t]: tp } = c.tp;
    const precision = tp / (tp + c.fp[t]);
    const recall = tp / (tp + c.fn[t]);
    return { tp, fp: c.fp[t], fn: c.fn[t], precision, recall, f1: (2 * precision * recall) / (precision + recall) };
  };
  return Object.fromEntries(SPAN_TYPES.map((t) => [t, one(t)])) as Scores;
}

/** The generator's names located in its text: longest first, never overlapping; adjacent places are one run. */
export function truthSpans(text: string, entities: readonly { type: string; text: string }[]): { spans: Span[]; ignore: Span[] } {
  const taken: Array<{ type: string; start: number; end: number }> = [];
  for (const e of [...entities].sort((a, b) => b.text.length - a.text.length)) {
    if (!e.text) continue;
    for (let i = text.indexOf(e.text); i >= 0; i = text.indexOf(e.text, i + 1)) {
      const end = i + e.text.length;
      if (!taken.some((t) => t.start < end && i < t.end)) taken.push({ type: e.type, start: i, end });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  const merged: typeof taken = [];
  for (const t of taken) {
    const last = merged[merged.length - 1];
    if (last && last.type === 'place' && t.type === 'place' && last.end === t.start) last.end = t.end;
    else merged.push({ ...t });
  }
  const spans = merged.filter((t): t is Span => isSpanType(t.type));
  const ignore = merged.filter((t) => t.type === 'reporter').map((t) => ({ type: 'person' as const, start: t.start, end: t.end }));
  return { spans, ignore };
}

export function evaluateGenerated(count: number, seed: number, deps: EntityDeps): { n: number; scores: Scores } {
  const counts = emptyCounts();
  let n = 0;
  for (const r of generateReports({ count, seed })) {
    if (!r.truth.entities) continue;
    const text = r.submission.facts.text;
    const { spans, ignore } = truthSpans(text, r.truth.entities);
    const predicted = predictSpans(text, deps, r.submission).filter((p) => !ignore.some((g) => g.start < p.end && p.start < g.end));
    countSpans(counts, predicted, spans);
    n++;
  }
  return { n, scores: scores(counts) };
}

export function loadEntityLabels(path = ENTITY_LABELS): EntityLabel[] {
  return readJsonLines<Omit<EntityLabel, 'position'>>(path).map((l, position) => ({
    ...l,
    spans: l.spans.filter((s) => isSpanType(s.type)),
    position,
  }));
}

/** Documents by label id: court facts by `id`, board messages as `complaints:<msg_id>`. */
export function loadDocuments(sharedDir: string): Map<string, string> | null {
  const docs = loadCaseFacts(sharedDir);
  if (!docs) return null;
  for (const file of ['messages_with_replies.jsonl', 'messages_labeled_sample.jsonl']) {
    const path = join(sharedDir, 'complaints', file);
    if (!existsSync(path)) continue;
    for (const m of readJsonLines<{ msg_id: string | number; text: string }>(path)) docs.set(`complaints:${m.msg_id}`, m.text);
  }
  return docs;
}

export interface SentenceResult {
  readonly label: EntityLabel;
  readonly text: string;
  readonly predicted: Span[];
}

export function predictSentences(labels: readonly EntityLabel[], docs: ReadonlyMap<string, string>, deps: EntityDeps): SentenceResult[] {
  const byDoc = new Map<string, Span[]>();
  return labels.flatMap((label) => {
    const text = docs.get(label.id);
    if (text === undefined) return [];
    let spans = byDoc.get(label.id);
    if (!spans) byDoc.set(label.id, (spans = predictSpans(text, deps)));
    const predicted = spans.filter((s) => s.start >= label.start && s.end <= label.end);
    return [{ label, text, predicted }];
  });
}

export function scoreSentences(results: readonly SentenceResult[]): Scores {
  const counts = emptyCounts();
  for (const r of results) countSpans(counts, r.predicted, r.label.spans);
  return scores(counts);
}

interface EntityEval {
  generator: { n: number; seed: number; scores: Scores };
  real: { n: number; all: Scores; dev: Scores; heldOut: Scores } | null;
}

const pct = (x: number) => (Number.isNaN(x) ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

function formatScores(title: string, s: Scores): string[] {
  return [
    title,
    '  type          P       R       F1     (tp/fp/fn)',
    ...SPAN_TYPES.map((t) => `  ${t.padEnd(12)} ${pct(s[t].precision)} ${pct(s[t].recall)} ${pct(s[t].f1)}  (${s[t].tp}/${s[t].fp}/${s[t].fn})`),
  ];
}

/** Development-half misses: never prints the held-out half. */
export function formatDevErrors(results: readonly SentenceResult[]): string {
  const lines: string[] = [];
  for (const r of results.filter((x) => halfOf(x.label.position) === 'dev')) {
    const want = new Set(r.label.spans.map(key));
    const got = new Set(r.predicted.map(key));
    const show = (s: Span) => `${s.type} ${r.text.slice(s.start, s.end)}`;
    const fp = r.predicted.filter((s) => !want.has(key(s))).map(show);
    const fn = r.label.spans.filter((s) => !got.has(key(s))).map(show);
    if (fp.length || fn.length) lines.push(`${r.label.id}  extra: ${fp.join(' | ') || '-'}  missed: ${fn.join(' | ') || '-'}`);
  }
  return lines.join('\n');
}

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function runEntityEval(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const count = Number(flag(argv, '--count') ?? 300);
  const seed = Number(flag(argv, '--seed') ?? 7);
  const sharedDir = flag(argv, '--shared') ?? SHARED_DATA_DIR;
  const deps: EntityDeps = { gazetteer: Gazetteer.default(), tagger: new JiebaSegmenter() };

  const docs = loadDocuments(sharedDir);
  const results = docs ? predictSentences(loadEntityLabels(), docs, deps) : [];
  const real = docs
    ? {
        n: results.length,
        all: scoreSentences(results),
        dev: scoreSentences(results.filter((r) => halfOf(r.label.position) === 'dev')),
        heldOut: scoreSentences(results.filter((r) => halfOf(r.label.position) === 'heldOut')),
      }
    : null;
  const generated = evaluateGenerated(count, seed, deps);
  const out: EntityEval = { generator: { ...generated, seed }, real };

  if (json) {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const lines: string[] = [];
  if (real) {
    lines.push(...formatScores(`Real sentences (lab/labels/entities.jsonl), all: n=${real.n}`, real.all));
    lines.push(...formatScores(`  held-out half (odd positions; errors never looked at): n=${results.filter((r) => halfOf(r.label.position) === 'heldOut').length}`, real.heldOut));
    lines.push(...formatScores(`  development half: n=${results.filter((r) => halfOf(r.label.position) === 'dev').length}`, real.dev));
  } else lines.push(`Real sentences: not run (no shared data at ${sharedDir})`);
  lines.push(...formatScores(`Generator truth: ${generated.n} in-scope reports of --count ${count} --seed ${seed}`, generated.scores));
  if (argv.includes('--errors') && docs) lines.push('', 'Development-half misses:', formatDevErrors(results));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
