/**
 * Real board messages for the screening model: the team's scope and category labels
 * (lab/labels/scope.jsonl and scope-random.jsonl, docs/LABELLING.md section 1) joined with the
 * texts of ../shared/data/complaints at run time, and the rest of the board as weak negatives:
 * a message with none of the broad cues of lab/labelling/select-samples.ts is out of scope (the
 * team labelled 645 such messages drawn at random and found none in scope). Plus the categories'
 * own descriptions as prototype reports, and analysts' corrections from a deployment's database.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATEGORIES, isCategoryCode, isInScope, type CategoryCode } from '../../models/categories';
import { normaliseText } from '../../models/normalise';
import { SCOPE_CUE } from '../labelling/select-samples';
import { complaintReports, type LabelledReport } from './datasets';

export const LABELS_DIR = resolve(__dirname, '..', 'labels');
/** The first pass; scope-second-pass.jsonl is kept for agreement only. */
export const SCOPE_LABEL_FILES = ['scope.jsonl', 'scope-random.jsonl'] as const;

export interface ScopeLabel {
  readonly id: string;
  readonly inScope: boolean;
  readonly allowed: readonly CategoryCode[];
  readonly primary: CategoryCode;
  readonly borderline?: boolean;
}

export function readScopeLabels(labelsDir: string = LABELS_DIR, files: readonly string[] = SCOPE_LABEL_FILES): Map<string, ScopeLabel> {
  const out = new Map<string, ScopeLabel>();
  for (const file of files) {
    const path = join(labelsDir, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const l = JSON.parse(line) as ScopeLabel;
      if (!isCategoryCode(l.primary) || !l.allowed.every(isCategoryCode)) throw new Error(`${path}: bad label for ${l.id}`);
      out.set(String(l.id), l);
    }
  }
  return out;
}

/** A labelled report from a scope label: the primary is taught, the rest of the allowed set is left unknown. */
export function fromScopeLabel(base: Pick<LabelledReport, 'id' | 'report' | 'splitKey'>, label: ScopeLabel, source: LabelledReport['source']): LabelledReport {
  return {
    ...base,
    source,
    positives: [label.primary],
    unknown: label.allowed.filter((c) => c !== label.primary),
    allowed: [...label.allowed],
    gold: label.primary,
    inScope: label.inScope,
  };
}

export interface BoardData {
  /** Messages the team labelled. */
  readonly labelled: LabelledReport[];
  /** Unlabelled messages without a cue: out of scope. */
  readonly weak: LabelledReport[];
}

export function boardReports(dataDir: string, labelsDir: string = LABELS_DIR): BoardData {
  const labels = readScopeLabels(labelsDir);
  const { reports, gangAccusations } = complaintReports(dataDir);
  const labelled: LabelledReport[] = [];
  const weak: LabelledReport[] = [];
  for (const r of [...gangAccusations, ...reports]) {
    const id = r.id.replace(/^complaint-/, '');
    const label = labels.get(id);
    // Reposts of one message share their split key, so they land in the same fold.
    const base = { id: r.id, report: r.report, splitKey: normaliseText(r.report.facts.text).slice(0, 200) };
    if (label) labelled.push(fromScopeLabel(base, label, 'board'));
    else if (!SCOPE_CUE.test(r.report.facts.text)) weak.push({ ...r, ...base, source: 'board-weak' });
  }
  return { labelled, weak };
}

/** Each target category's own name and description, as a report of that category: prototypes for classes with few examples. */
export function prototypeReports(): LabelledReport[] {
  return CATEGORIES.filter((c) => isInScope(c.code)).map((c) => ({
    id: `prototype-${c.code}`,
    source: 'prototype' as const,
    report: { subject: { people: [] }, facts: { text: `${c.name}：${c.description}` } },
    positives: [c.code],
    unknown: [],
    allowed: [c.code],
    gold: c.code,
    inScope: true,
    splitKey: c.code,
  }));
}

/** Analysts' corrections (review page and API), as read from a deployment's database. */
export function analystReports(labels: ReadonlyArray<{ leadId: string; inScope: boolean; categories: readonly CategoryCode[]; text: string }>): LabelledReport[] {
  return labels
    .filter((l) => l.categories.length > 0 && l.text)
    .map((l) =>
      fromScopeLabel(
        { id: `analyst-${l.leadId}`, report: { subject: { people: [] }, facts: { text: l.text } }, splitKey: normaliseText(l.text).slice(0, 200) },
        { id: l.leadId, inScope: l.inScope, allowed: [...l.categories], primary: l.categories[0]! },
        'analyst',
      ),
    );
}
