/**
 * Province (and prefecture, county) of the team's labelled court facts (lab/labels/province.jsonl,
 * labelled by reading: docs/LABELLING.md §3), through screenReport exactly as in the pipeline.
 *
 * The labels are split by line position: even positions (0, 2, 4… counting from 0) are the
 * development half, the only one whose errors were looked at while writing the place rules;
 * odd positions are held out. A fact labelled `provinceCode: null` (no place can be told) is
 * right only when nothing is resolved. Prefecture and county are scored where labelled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Location } from '../../models/lead';
import { normaliseText } from '../../models/normalise';
import { resolveLocation, weighMentions } from '../../screening/location';
import { screenReport, type ScreeningDeps } from '../../screening/screen';
import { toReportReceived } from '../classifier/datasets';
import { readJsonLines, SHARED_DATA_DIR } from '../data/shared-data';
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { Gazetteer } from '../../screening/gazetteer';
import { parseFlags } from '../../cli/flags';

export const PROVINCE_LABELS = resolve(__dirname, '..', 'labels', 'province.jsonl');

export interface ProvinceLabel {
  readonly id: string;
  readonly provinceCode: string | null;
  readonly prefectureCode?: string | null;
  readonly countyCode?: string | null;
  /** Position in the labels file, from 0: even is development, odd held out. */
  readonly position: number;
}

export type Half = 'dev' | 'heldOut';
export const halfOf = (position: number): Half => (position % 2 === 0 ? 'dev' : 'heldOut');

export interface LevelScore {
  readonly n: number;
  readonly accuracy: number;
}

export interface ProvinceEval extends LevelScore {
  readonly dev: LevelScore;
  readonly heldOut: LevelScore;
  readonly prefecture: LevelScore & { readonly heldOut: LevelScore };
  readonly county: LevelScore & { readonly heldOut: LevelScore };
  /** Mean time of screenReport per fact (segmentation and entities included; the embedder is the hashing one). */
  readonly msPerFact: number;
  /** Mean time per fact of the place part alone: names found, weighed, resolved. */
  readonly msPlacesPerFact: number;
  readonly results: readonly ProvinceResult[];
}

export interface ProvinceResult {
  readonly label: ProvinceLabel;
  readonly text: string;
  readonly predicted: Location;
}

export function loadProvinceLabels(path = PROVINCE_LABELS): ProvinceLabel[] {
  return readJsonLines<Omit<ProvinceLabel, 'position'>>(path).map((l, position) => ({ ...l, position }));
}

/** The court facts by id, from `<shared>/cases/cail_subset.jsonl`; null when the shared data is absent. */
export function loadCaseFacts(sharedDir: string): Map<string, string> | null {
  const path = join(sharedDir, 'cases', 'cail_subset.jsonl');
  if (!existsSync(path)) return null;
  const facts = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; fact: string };
    facts.set(r.id, r.fact);
  }
  return facts;
}

function score(results: readonly ProvinceResult[], truth: (l: ProvinceLabel) => string | null | undefined, got: (p: Location) => string | undefined): LevelScore {
  const scored = results.filter((r) => truth(r.label) !== undefined);
  const right = scored.filter((r) => (got(r.predicted) ?? null) === truth(r.label)).length;
  return { n: scored.length, accuracy: scored.length ? right / scored.length : Number.NaN };
}

export async function evaluateProvince(labels: readonly ProvinceLabel[], facts: ReadonlyMap<string, string>, deps: ScreeningDeps): Promise<ProvinceEval> {
  const results: ProvinceResult[] = [];
  const t0 = performance.now();
  for (const label of labels) {
    const text = facts.get(label.id);
    if (text === undefined) throw new Error(`labelled fact ${label.id} is not in the cases file`);
    const s = await screenReport(toReportReceived(label.id, { subject: { people: [] }, facts: { text } }), deps);
    results.push({ label, text, predicted: s.location });
  }
  const msPerFact = (performance.now() - t0) / Math.max(1, labels.length);
  const msPlacesPerFact = timePlaces(results.map((r) => r.text), deps);
  const held = results.filter((r) => halfOf(r.label.position) === 'heldOut');
  const province = (l: ProvinceLabel) => l.provinceCode;
  // Prefecture and county are scored where the labeller could tell them (a non-null label).
  const prefecture = (l: ProvinceLabel) => l.prefectureCode ?? undefined;
  const county = (l: ProvinceLabel) => l.countyCode ?? undefined;
  return {
    ...score(results, province, (p) => p.provinceCode),
    dev: score(results.filter((r) => halfOf(r.label.position) === 'dev'), province, (p) => p.provinceCode),
    heldOut: score(held, province, (p) => p.provinceCode),
    prefecture: { ...score(results, prefecture, (p) => p.prefectureCode), heldOut: score(held, prefecture, (p) => p.prefectureCode) },
    county: { ...score(results, county, (p) => p.countyCode), heldOut: score(held, county, (p) => p.countyCode) },
    msPerFact,
    msPlacesPerFact,
    results,
  };
}

/** The place part of screening, timed alone (as screen.ts runs it on a report's text). */
function timePlaces(texts: readonly string[], deps: ScreeningDeps): number {
  const normalised = texts.map(normaliseText);
  const t0 = performance.now();
  for (const text of normalised) resolveLocation(weighMentions(text, deps.gazetteer.find(text), 2));
  return (performance.now() - t0) / Math.max(1, texts.length);
}

/** The pipeline's screening without the model: location does not depend on the embedder or the category model. */
export function provinceEvalDeps(): ScreeningDeps {
  return { segmenter: new JiebaSegmenter(), embedder: new HashingEmbedder(), gazetteer: Gazetteer.default() };
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);

export function formatProvinceEval(e: ProvinceEval): string {
  return [
    `== province on the team's labelled court facts (lab/labels/province.jsonl): n=${e.n}, accuracy ${pct(e.accuracy)}`,
    `  held-out half (odd positions; its errors never looked at): n=${e.heldOut.n}, ${pct(e.heldOut.accuracy)}; development half: n=${e.dev.n}, ${pct(e.dev.accuracy)}`,
    `  prefecture where labelled: n=${e.prefecture.n}, ${pct(e.prefecture.accuracy)} (held out ${pct(e.prefecture.heldOut.accuracy)}); county where labelled: n=${e.county.n}, ${pct(e.county.accuracy)} (held out ${pct(e.county.heldOut.accuracy)})`,
    `  ${e.msPerFact.toFixed(2)} ms per fact for screenReport with the hashing embedder, ${e.msPlacesPerFact.toFixed(2)} ms of it for places`,
  ].join('\n');
}

/** The figures without the per-fact results, for --json. */
export function provinceSummary(e: ProvinceEval): Omit<ProvinceEval, 'results'> {
  const { results: _results, ...figures } = e;
  return figures;
}

/** Development-half misses, for the person writing place rules: never prints the held-out half. */
export function formatDevErrors(e: ProvinceEval, width = 160): string {
  const misses = e.results.filter(
    (r) => halfOf(r.label.position) === 'dev' && ((r.predicted.provinceCode ?? null) !== r.label.provinceCode || (r.label.prefectureCode && r.predicted.prefectureCode !== r.label.prefectureCode) || (r.label.countyCode && r.predicted.countyCode !== r.label.countyCode)),
  );
  return misses
    .map((r) => {
      const l = r.label;
      const want = [l.provinceCode, l.prefectureCode, l.countyCode].map((x) => x ?? '-').join('/');
      const got = [r.predicted.provinceCode, r.predicted.prefectureCode, r.predicted.countyCode].map((x) => x ?? '-').join('/');
      const kind = (r.predicted.provinceCode ?? null) !== l.provinceCode ? 'PROVINCE' : r.predicted.prefectureCode !== l.prefectureCode && l.prefectureCode ? 'prefecture' : 'county';
      return `${kind} ${l.id} want ${want} got ${got}\n    ${r.text.slice(0, width)}`;
    })
    .join('\n');
}

/**
 * npm run eval -- province [--errors] [--json] [--shared DIR] [--labels FILE]
 * The province figures alone (`npm run eval -- screening` prints them first too); --errors lists
 * the development half's misses.
 */
export async function runProvinceEval(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { errors: false, json: false, shared: SHARED_DATA_DIR, labels: PROVINCE_LABELS });
  const facts = loadCaseFacts(flags.shared);
  if (!facts) throw new Error(`no court facts under ${flags.shared} (see --shared)`);
  const e = await evaluateProvince(loadProvinceLabels(flags.labels), facts, provinceEvalDeps());
  if (flags.errors) process.stdout.write(`${formatDevErrors(e)}\n`);
  process.stdout.write(`${formatProvinceEval(e)}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify(provinceSummary(e))}\n`);
  return 0;
}
