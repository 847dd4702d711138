/**
 * The demo's summary of categories and refusals, each figure with what it measures. Pure: the
 * demo (cli/demo.ts) passes what the pipeline stored and the generator's truth.
 */
import { categoryName, isCategoryCode } from '../models/categories';
import { table } from './batch';

export interface CategoryOutcome {
  /** The generator's primary category. */
  readonly truthPrimary: string;
  /** Every category the generator calls defensible, primary first. */
  readonly truthAll: readonly string[];
  /** The pipeline's primary category; undefined when the lead was not found. */
  readonly predicted: string | undefined;
}

export interface Refusal {
  readonly id: string;
  readonly status: number;
  readonly body: string;
  /** The generator's kind of report (e.g. `invalid`), when known. */
  readonly kind?: string;
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`);
const label = (code: string): string => (isCategoryCode(code) ? categoryName(code) : code);

/**
 * Per category: how often the pipeline chose it as primary, how often the generator did, and how
 * many of the generator's were chosen (its recall); then the exact accuracy (same primary as the
 * generator: the table's "right" column summed) and the lenient one (primary among the truth's
 * defensible categories).
 */
export function categorySummary(rows: readonly CategoryOutcome[]): string {
  const counts = new Map<string, { predicted: number; truth: number; right: number }>();
  const at = (code: string) => counts.get(code) ?? counts.set(code, { predicted: 0, truth: 0, right: 0 }).get(code)!;
  for (const r of rows) {
    at(r.predicted ?? '?').predicted++;
    const t = at(r.truthPrimary);
    t.truth++;
    if (r.predicted === r.truthPrimary) t.right++;
  }
  const exact = rows.filter((r) => r.predicted === r.truthPrimary).length;
  const lenient = rows.filter((r) => r.predicted !== undefined && r.truthAll.includes(r.predicted)).length;
  const body = [...counts]
    .sort((a, b) => b[1].truth - a[1].truth || b[1].predicted - a[1].predicted)
    .map(([code, c]) => [code, label(code), c.predicted, c.truth, c.right, c.truth ? `${((100 * c.right) / c.truth).toFixed(0)}%` : '-'] as const);
  return [
    'reports per primary category: "predicted" = leads the pipeline gave this primary category; "truth" = reports the',
    "generator wrote with it; \"right\" = of those, how many the pipeline got (recall = right / truth)",
    table(['code', 'category', 'predicted', 'truth', 'right', 'recall'], body),
    '',
    `category accuracy, exact (primary = the generator's primary; the "right" column summed): ${pct(exact, rows.length)}`,
    `category accuracy, lenient (primary is one of the categories the generator calls defensible, e.g. 保护伞 beside the gang's crime): ${pct(lenient, rows.length)}`,
  ].join('\n');
}

/** Why each refused report was refused: grouped by status, code and the Chinese message the citizen read. */
export function refusalSummary(refused: readonly Refusal[]): string {
  if (refused.length === 0) return 'refused: none (every generated report passed the intake\'s checks)';
  const groups = new Map<string, { n: number; kinds: Map<string, number> }>();
  for (const r of refused) {
    const key = `${r.status} ${describeBody(r.body)}`;
    const g = groups.get(key) ?? groups.set(key, { n: 0, kinds: new Map() }).get(key)!;
    g.n++;
    if (r.kind) g.kinds.set(r.kind, (g.kinds.get(r.kind) ?? 0) + 1);
  }
  const lines = [...groups].map(([why, g]) => {
    const kinds = [...g.kinds].map(([k, n]) => `${k} ${n}`).join(', ');
    return `  ${g.n} × ${why}${kinds ? ` (generator's kind: ${kinds})` : ''}`;
  });
  return [`refused (4xx, the intake's checks; the citizen reads the message): ${refused.length}`, ...lines].join('\n');
}

function describeBody(body: string): string {
  try {
    const e = JSON.parse(body) as { code?: string; message?: string };
    return [e.code, e.message].filter(Boolean).join(' ') || body.slice(0, 120);
  } catch {
    return body.slice(0, 120);
  }
}
