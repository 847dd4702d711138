/**
 * Labelled reports for training and evaluating the category model, from three sources: the
 * synthetic generator (always there), and when ../shared/data is present, CAIL court cases
 * (labelled through charge_categories.json) and citizen complaints (the natural population of
 * OUT_OF_SCOPE). Read at run time, never copied into the repository. Used by the CLIs only.
 *
 * The split is a pure function of each text: a stable hash of its first 80 characters puts 20% of
 * the real data in the held-out part (evaluation only) and 10% of the rest in validation
 * (calibration and any choice of option); copies of one text always land on the same side.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCategoryCode, isInScope, type CategoryCode } from '../../models/categories';
import type { ReportReceived } from '../../models/messages';
import { normaliseText } from '../../models/normalise';
import { generateReports } from '../../synth/generator';
import { sections } from '../../screening/screen';
import { labelCharges, parseChargeRules, type ChargeRule } from '../data/charge-categories';
import { hashString } from '../../screening/classifier/features';

export type ReportContent = Pick<ReportReceived, 'facts' | 'subject' | 'umbrella'>;
export type Source = 'generator' | 'cail' | 'complaints' | 'board' | 'board-weak' | 'prototype' | 'analyst' | 'file';
export type Split = 'train' | 'validation' | 'heldout';

export interface LabelledReport {
  readonly id: string;
  readonly source: Source;
  readonly report: ReportContent;
  /** Training targets: positive classes, and classes that are neither positive nor negative. */
  readonly positives: readonly CategoryCode[];
  readonly unknown: readonly CategoryCode[];
  /** Evaluation: a top prediction is right when it is in `allowed`; `gold` is the single best label. */
  readonly allowed: readonly CategoryCode[];
  readonly gold: CategoryCode;
  /**
   * Scope truth: a 涉黑涉恶 tip-off or not; undefined when the source cannot tell (a court case
   * whose charges allow both readings).
   */
  readonly inScope?: boolean;
  /** Province truth: a code, null (the report names no place), undefined (not known: not scored). */
  readonly provinceCode?: string | null;
  /** What the split hashes; copies of one text share it. */
  readonly splitKey: string;
}

export const TRAIN_SEEDS = [101, 102, 103, 104, 105] as const;
export const TEST_SEED = 999;
export const HELD_OUT_PERCENT = 20;
export const VALIDATION_PERCENT = 10;

/** Complaints that accuse gangs or protectors: real tip-offs or not, no rule can label them, so they are neither trained on nor scored. */
export const GANG_ACCUSATION = /黑恶|涉黑|涉恶|保护伞|黑社会|扫黑|村霸|恶势力/;

/**
 * Which part a record belongs to. Generated reports are never held out here: the generator's
 * held-out data is a seed of its own (TEST_SEED) that training never generates.
 */
export function splitOf(record: Pick<LabelledReport, 'splitKey' | 'source'>): Split {
  const h = hashString(0x53, normaliseText(record.splitKey).slice(0, 80));
  if (record.source !== 'generator' && h % 100 < HELD_OUT_PERCENT) return 'heldout';
  return Math.floor(h / 100) % 100 < VALIDATION_PERCENT ? 'validation' : 'train';
}

/** The text the pipeline screens (screening/screen.ts joins the same sections the same way). */
export function screeningText(report: ReportContent): string {
  let text = '';
  for (const part of sections(report)) {
    if (text) text += '\n';
    text += part.label + part.text;
  }
  return text;
}

export function toReportReceived(id: string, report: ReportContent): ReportReceived {
  return { reportId: id, receivedAt: '2026-01-01T00:00:00.000Z', reporter: { realName: false, contactGiven: false }, ...report };
}

export function generatorReports(seed: number, count: number): LabelledReport[] {
  return generateReports({ count, seed }).map((r) => ({
    id: r.id,
    source: 'generator' as const,
    report: r.submission,
    positives: r.truth.categories,
    unknown: [],
    allowed: r.truth.categories,
    gold: r.truth.categories[0] ?? 'OUT_OF_SCOPE',
    inScope: r.truth.categories.some(isInScope),
    provinceCode: r.truth.provinceCode,
    // Retellings of one incident share a key: validation never sees a retelling of a training report.
    splitKey: r.truth.incidentId,
  }));
}

function readJsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`);
    }
  });
}

export function loadChargeRules(dataDir: string): ChargeRule[] {
  return parseChargeRules(JSON.parse(readFileSync(join(dataDir, 'charge_categories.json'), 'utf8')));
}

/** Records in the cases format: `id, fact, charges[]`, optional `province` (two-digit code or null). */
export function caseReports(path: string, rules: readonly ChargeRule[], source: Source): LabelledReport[] {
  return readJsonLines(path).map((value, i) => {
    const r = value as { id?: unknown; fact?: unknown; charges?: unknown; province?: unknown };
    if (typeof r.fact !== 'string' || !Array.isArray(r.charges) || !r.charges.every((c) => typeof c === 'string')) {
      throw new Error(`${path}:${i + 1}: needs "fact" (string) and "charges" (list of strings)`);
    }
    if (r.province !== undefined && r.province !== null && !(typeof r.province === 'string' && /^\d{2}$/.test(r.province))) {
      throw new Error(`${path}:${i + 1}: "province" must be a two-digit code or null`);
    }
    const labels = labelCharges(rules, r.charges as string[]);
    const inScope = labels.primaries.filter(isInScope);
    // Positives: the charges' in-scope primaries (or OUT_OF_SCOPE); the rest of the allowed set is
    // defensible but not asserted, so it is left unknown rather than taught as negative.
    const positives: CategoryCode[] = inScope.length ? inScope : ['OUT_OF_SCOPE'];
    return {
      id: typeof r.id === 'string' ? r.id : `${source}-${i + 1}`,
      source,
      report: { subject: { people: [] }, facts: { text: r.fact } },
      positives,
      unknown: [...labels.allowed].filter((c) => !positives.includes(c)),
      allowed: [...labels.allowed],
      gold: labels.gold,
      // In scope only when every reading is; out when no reading is; otherwise the case cannot tell.
      ...(labels.allowed.has('OUT_OF_SCOPE') ? (inScope.length === 0 && ![...labels.allowed].some(isInScope) ? { inScope: false } : {}) : { inScope: true }),
      ...(r.province !== undefined ? { provinceCode: r.province as string | null } : {}),
      splitKey: r.fact,
    };
  });
}

/**
 * The complaints' publisher replaced place names by placeholders (A市, A3区, 西地省) that appear in no
 * other source: left in, they would teach "A市 → OUT_OF_SCOPE". They become 某市, 某区, 某省.
 */
export function deanonymise(text: string): string {
  return text.replace(/西地省/g, '某省').replace(/[A-Z]\d{0,2}(?=[市区县])/g, '某');
}

/** Citizen complaints (title and text) as OUT_OF_SCOPE; those accusing gangs are returned apart. */
export function complaintReports(dataDir: string): { reports: LabelledReport[]; gangAccusations: LabelledReport[] } {
  const seen = new Set<string>();
  const reports: LabelledReport[] = [];
  const gangAccusations: LabelledReport[] = [];
  for (const file of ['messages_with_replies.jsonl', 'messages_labeled_sample.jsonl']) {
    const path = join(dataDir, 'complaints', file);
    if (!existsSync(path)) continue;
    for (const value of readJsonLines(path)) {
      const m = value as { msg_id?: unknown; title?: unknown; text?: unknown };
      if (typeof m.text !== 'string') continue;
      const text = deanonymise(`${typeof m.title === 'string' ? `${m.title}\n` : ''}${m.text.replace(/_x000D_/g, '\n')}`);
      const id = `complaint-${String(m.msg_id)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const record: LabelledReport = {
        id, source: 'complaints', report: { subject: { people: [] }, facts: { text } },
        positives: ['OUT_OF_SCOPE'], unknown: [], allowed: ['OUT_OF_SCOPE'], gold: 'OUT_OF_SCOPE', inScope: false, splitKey: m.text,
      };
      (GANG_ACCUSATION.test(text) ? gangAccusations : reports).push(record);
    }
  }
  return { reports, gangAccusations };
}

export interface SharedData {
  readonly cail: LabelledReport[];
  readonly complaints: LabelledReport[];
  readonly gangAccusations: LabelledReport[];
}

/** The real data under `dataDir`, or null when the directory (a user's checkout has none) is absent. */
export function loadSharedData(dataDir: string): SharedData | null {
  const cases = join(dataDir, 'cases', 'cail_subset.jsonl');
  if (!existsSync(cases) || !existsSync(join(dataDir, 'charge_categories.json'))) return null;
  const { reports, gangAccusations } = complaintReports(dataDir);
  return { cail: caseReports(cases, loadChargeRules(dataDir), 'cail'), complaints: reports, gangAccusations };
}
