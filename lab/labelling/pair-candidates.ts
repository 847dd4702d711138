/**
 * npx tsx lab/labelling/pair-candidates.ts [--shared DIR] [--cache FILE]
 *
 * Proposes candidate pairs of board messages for duplicate labelling (docs/LABELLING.md §2) with
 * the project's own retrieval parts: bge-small-zh vectors (BgeEmbedder, one text per call, cached
 * as JSON in /tmp so only the first run embeds, a few minutes) and a TF-IDF cosine over jieba words
 * (JiebaSegmenter). Text = title + text; replies are ignored. Each message's K nearest neighbours by
 * each score become candidates; the output mixes three bands so a labeller sees a spread:
 *   high    the top of each source's list, taken alternately (where duplicates are)
 *   medium  a seeded sample of each list's middle ranks (same place / other problem cases)
 *   random  RANDOM (80) seeded random pairs, the baseline of unrelated messages
 * Bands are interleaved in proportion, so any prefix of the output has the same mix.
 * Prints JSON lines, ids and scores only: {"a","b","source","band","vector","text"} with a < b as
 * strings. Seeded and deterministic (given the cached vectors). It proposes; it never labels.
 */
import { readJsonLines, SHARED_DATA_DIR } from '../data/shared-data';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BgeEmbedder } from '../../infra/embedding/bge-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { Rng } from '../../synth/rng';

const SEED = 20261202;
const K = 5; // neighbours per message and source
const HIGH = 400; // pairs from the top of the lists
const MEDIUM = 100; // per source, from ranks MID_FROM..MID_TO of that source's list
const MID_FROM = 0.05;
const MID_TO = 0.35;
const RANDOM = 80;
const MAX_DF = 0.15; // words in more than this share of messages carry no signal

interface Message { readonly msg_id: string; readonly title?: string; readonly text: string }
interface Pair { a: string; b: string; source: 'vector' | 'text' | 'random'; band: string; vector: number; text: number }

const arg = (name: string, fallback: string): string => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1]! : fallback; };
const round = (x: number): number => Math.round(x * 10000) / 10000;
const key = (i: number, j: number): string => (i < j ? `${i}:${j}` : `${j}:${i}`);

async function vectors(msgs: Message[], texts: string[], cache: string): Promise<Float32Array[]> {
  const cached: Record<string, number[]> = existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) : {};
  const missing = msgs.map((m, i) => i).filter((i) => !cached[msgs[i]!.msg_id]);
  if (missing.length > 0) {
    const embedder = await BgeEmbedder.open();
    for (const [n, i] of missing.entries()) {
      cached[msgs[i]!.msg_id] = (await embedder.embed([texts[i]!]))[0]!;
      if (n % 200 === 0) process.stderr.write(`embedded ${n}/${missing.length}\n`);
    }
    await embedder.close();
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, JSON.stringify(cached));
  }
  return msgs.map((m) => Float32Array.from(cached[m.msg_id]!));
}

/** L2-normalised sparse TF-IDF vectors (sublinear tf) over jieba words with a letter, digit or hanzi. */
function tfidf(texts: string[]): Map<number, number>[] {
  const seg = new JiebaSegmenter();
  const bags = texts.map((t) => {
    const tf = new Map<string, number>();
    for (const w of seg.segment(t)) if (w.length >= 2 && /[\p{L}\p{N}]/u.test(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of bag.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const ids = new Map<string, number>();
  return bags.map((bag) => {
    const v = new Map<number, number>();
    for (const [w, n] of bag) {
      const d = df.get(w)!;
      if (d > MAX_DF * texts.length) continue;
      if (!ids.has(w)) ids.set(w, ids.size);
      v.set(ids.get(w)!, (1 + Math.log(n)) * Math.log(texts.length / d));
    }
    const norm = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) || 1;
    for (const [t, x] of v) v.set(t, x / norm);
    return v;
  });
}

const dot = (x: Float32Array, y: Float32Array): number => { let s = 0; for (let d = 0; d < x.length; d++) s += x[d]! * y[d]!; return s; };
const sparseDot = (x: Map<number, number>, y: Map<number, number>): number => { let s = 0; for (const [t, w] of x) s += w * (y.get(t) ?? 0); return s; };

/** Each item's K best others by `score`, as unordered pairs with the best score first. */
function neighbours(n: number, score: (i: number, j: number) => number): Array<[number, number, number]> {
  const out = new Map<string, [number, number, number]>();
  for (let i = 0; i < n; i++) {
    const best: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = score(i, j);
      if (best.length < K || s > best[best.length - 1]![1]) {
        best.push([j, s]);
        best.sort((p, q) => q[1] - p[1] || p[0] - q[0]);
        if (best.length > K) best.pop();
      }
    }
    for (const [j, s] of best) out.set(key(i, j), [Math.min(i, j), Math.max(i, j), s]);
  }
  return [...out.values()].sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
}

async function main(): Promise<void> {
  const dir = arg('--shared', SHARED_DATA_DIR);
  const seen = new Set<string>();
  const msgs = [
    ...readJsonLines<Message>(join(dir, 'complaints', 'messages_with_replies.jsonl')),
    ...readJsonLines<Message>(join(dir, 'complaints', 'messages_labeled_sample.jsonl')),
  ].filter((m) => !seen.has(m.msg_id) && seen.add(m.msg_id));
  const texts = msgs.map((m) => `${m.title ?? ''}\n${m.text}`.trim());
  const vecs = await vectors(msgs, texts, arg('--cache', '/tmp/xiansuo-pair-candidates/bge-vectors.json'));
  const sparse = tfidf(texts);
  const vScore = (i: number, j: number): number => dot(vecs[i]!, vecs[j]!);
  const tScore = (i: number, j: number): number => sparseDot(sparse[i]!, sparse[j]!);
  const lists = { vector: neighbours(msgs.length, vScore), text: neighbours(msgs.length, tScore) };

  const rng = new Rng(SEED);
  const taken = new Set<string>();
  const make = (i: number, j: number, source: Pair['source'], band: string): Pair => {
    taken.add(key(i, j));
    const [a, b] = [msgs[i]!.msg_id, msgs[j]!.msg_id].sort();
    return { a: a!, b: b!, source, band, vector: round(vScore(i, j)), text: round(tScore(i, j)) };
  };
  const high: Pair[] = [];
  for (let r = 0; high.length < HIGH && r < lists.vector.length + lists.text.length; r++) {
    for (const source of ['vector', 'text'] as const) {
      const p = lists[source][r];
      if (p && !taken.has(key(p[0], p[1])) && high.length < HIGH) high.push(make(p[0], p[1], source, 'high'));
    }
  }
  const medium: Pair[] = [];
  for (const source of ['vector', 'text'] as const) {
    const l = lists[source];
    const middle = l.slice(Math.floor(l.length * MID_FROM), Math.floor(l.length * MID_TO));
    for (const p of rng.sample(middle.filter((q) => !taken.has(key(q[0], q[1]))), MEDIUM)) medium.push(make(p[0], p[1], source, 'medium'));
  }
  const random: Pair[] = [];
  while (random.length < RANDOM) {
    const i = rng.int(0, msgs.length - 1);
    const j = rng.int(0, msgs.length - 1);
    if (i !== j && !taken.has(key(i, j))) random.push(make(i, j, 'random', 'random'));
  }
  // Interleave in proportion: each band's k-th pair sits at position (k + 0.5) / size.
  const ordered = [high, medium, random]
    .flatMap((band, b) => band.map((p, k) => ({ p, at: (k + 0.5) / band.length, b })))
    .sort((x, y) => x.at - y.at || x.b - y.b);
  for (const { p } of ordered) console.log(JSON.stringify(p));
}

main().catch((err) => { console.error(err); process.exit(1); });
