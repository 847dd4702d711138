/**
 * The label lines of docs/LABELLING.md (§1 scope, §2 pairs, §3 province), as types, a checker and
 * the key that says which item a line labels. The labeller writes only lines `checkLabel` accepts,
 * and a unit test runs it over the team's files in lab/labels, so the guide, the files and the
 * tool cannot drift apart. Ids and labels only: no field ever holds the text.
 */
import { CATEGORY_CODES, IN_SCOPE_CATEGORIES, type CategoryCode } from '../../models/categories';
import { isProvinceCode } from '../../models/divisions';

export const LABEL_TASKS = ['scope', 'pairs', 'province'] as const;
export type LabelTask = (typeof LABEL_TASKS)[number];

export function isLabelTask(value: unknown): value is LabelTask {
  return typeof value === 'string' && (LABEL_TASKS as readonly string[]).includes(value);
}

/** §1: one board message's scope and categories. */
export interface ScopeLabel {
  readonly id: string;
  readonly inScope: boolean;
  readonly allowed: readonly CategoryCode[];
  readonly primary: CategoryCode;
  readonly borderline: boolean;
  readonly note?: string;
  readonly labeller: string;
}

export const PAIR_LABELS = ['duplicate', 'related', 'different'] as const;
export type PairLabelValue = (typeof PAIR_LABELS)[number];

/** §2: one pair of board messages, `a` < `b` as strings; `source` is how the pair was proposed. */
export interface PairLabel {
  readonly a: string;
  readonly b: string;
  readonly label: PairLabelValue;
  readonly source?: string;
  readonly note?: string;
  readonly labeller: string;
}

/** §3: where a court fact's acts happened; null where a careful reader cannot tell. */
export interface ProvinceLabel {
  readonly id: string;
  readonly provinceCode: string | null;
  readonly prefectureCode: string | null;
  readonly countyCode: string | null;
  readonly note?: string;
  readonly labeller: string;
}

export type Label = ScopeLabel | PairLabel | ProvinceLabel;

/** Which item a label line is about: the id, or for a pair both ids in order. */
export function labelKey(task: LabelTask, line: { id?: unknown; a?: unknown; b?: unknown }): string {
  return task === 'pairs' ? pairKey(String(line.a), String(line.b)) : String(line.id);
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

type Check = (v: Record<string, unknown>) => string[];

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const optionalText = (v: Record<string, unknown>, field: string): string[] =>
  v[field] === undefined || nonEmpty(v[field]) ? [] : [`${field} must be a non-empty string when present`];
const isCategory = (c: unknown): c is CategoryCode => typeof c === 'string' && (CATEGORY_CODES as readonly string[]).includes(c);

const checkScope: Check = (v) => {
  const errors: string[] = [];
  if (!nonEmpty(v.id)) errors.push('id must be the message id (a string)');
  if (typeof v.inScope !== 'boolean') errors.push('inScope must be a boolean');
  if (typeof v.borderline !== 'boolean') errors.push('borderline must be a boolean');
  const allowed = v.allowed;
  if (!Array.isArray(allowed) || allowed.length === 0 || !allowed.every(isCategory)) return [...errors, 'allowed must be a non-empty list of category codes'];
  if (new Set(allowed).size !== allowed.length) errors.push('allowed lists a category twice');
  if (!isCategory(v.primary) || !allowed.includes(v.primary)) errors.push('primary must be one of allowed');
  const target = allowed.filter((c) => IN_SCOPE_CATEGORIES.includes(c));
  if (v.inScope === true && target.length !== allowed.length) errors.push('an in-scope label allows target categories only');
  if (v.inScope === false && !(allowed.length === 1 && (allowed[0] === 'OUT_OF_SCOPE' || allowed[0] === 'INVALID'))) {
    errors.push('an out-of-scope label allows exactly ["OUT_OF_SCOPE"] or ["INVALID"]');
  }
  return errors;
};

const checkPair: Check = (v) => {
  const errors: string[] = [];
  if (!nonEmpty(v.a) || !nonEmpty(v.b)) errors.push('a and b must be message ids (strings)');
  else if (!((v.a as string) < (v.b as string))) errors.push('a must be < b as strings');
  if (!(PAIR_LABELS as readonly unknown[]).includes(v.label)) errors.push(`label must be one of ${PAIR_LABELS.join(', ')}`);
  return [...errors, ...optionalText(v, 'source')];
};

const checkProvince: Check = (v) => {
  const errors: string[] = [];
  if (!nonEmpty(v.id)) errors.push('id must be the court fact id (a string)');
  for (const field of ['provinceCode', 'prefectureCode', 'countyCode']) if (!(field in v)) errors.push(`${field} must be present (null when unknown)`);
  const [p, f, c] = [v.provinceCode ?? null, v.prefectureCode ?? null, v.countyCode ?? null];
  if (p !== null && !isProvinceCode(p)) errors.push('provinceCode must be a GB/T 2260 province code or null');
  if (f !== null && (typeof f !== 'string' || !/^\d{4}$/.test(f) || p === null || !f.startsWith(p as string))) errors.push('prefectureCode must be 4 digits within the province, or null');
  if (c !== null && (typeof c !== 'string' || !/^\d{6}$/.test(c) || p === null || !c.startsWith(p as string))) errors.push('countyCode must be 6 digits within the province, or null');
  if (c !== null && f !== null && typeof c === 'string' && typeof f === 'string' && !c.startsWith(f)) errors.push('countyCode must lie within prefectureCode');
  return errors;
};

const CHECKS: Record<LabelTask, Check> = { scope: checkScope, pairs: checkPair, province: checkProvince };

/** Every way a parsed line breaks the guide's format for `task`; empty when it is a valid label. */
export function checkLabel(task: LabelTask, value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['a label line is a JSON object'];
  const v = value as Record<string, unknown>;
  return [...CHECKS[task](v), ...optionalText(v, 'note'), ...(nonEmpty(v.labeller) ? [] : ['labeller must name who labelled'])];
}
