/**
 * Checking a rule set before it is saved: errors name the rule (number and id) and the field, in
 * Chinese; a rule that can never fire (contradictory conditions) or that an earlier rule shadows
 * completely (every lead it matches, the earlier one matches first) is a warning. The checks
 * follow {@link RULE_SET_SCHEMA} (a test runs both on the same inputs) and add what a schema
 * cannot say: known division codes, unique ids, contradictions, shadowing.
 */
import { CATEGORY_CODES } from '../models/categories';
import { COUNTIES, isProvinceCode, PREFECTURES } from '../models/divisions';
import { ValidationError } from '../models/errors';
import {
  CHANNELS, CONDITION_KEYS, OFFICIAL_LEVELS, OFFICIAL_SYSTEMS, PRIORITIES, ROUTE_ACTIONS,
  type Rule, type RuleConditions, type RuleSet,
} from './rule-set';

export interface RuleIssue {
  /** 0-based position of the rule, absent for the set as a whole. */
  readonly ruleIndex?: number;
  readonly ruleId?: string;
  /** The field, e.g. `when.provinceIn`. */
  readonly field?: string;
  readonly message: string;
}

export interface RuleSetCheck {
  readonly valid: boolean;
  readonly errors: readonly RuleIssue[];
  readonly warnings: readonly RuleIssue[];
  /** The set, when valid. */
  readonly ruleSet?: RuleSet;
}

/** Chinese names of the fields, for messages and the page. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: '编号', reason: '理由说明', route: '去向', dualReview: '双人审核', priority: '优先级', contactDays: '联系时限（天）', when: '条件',
  provinceIn: '案发省份', prefectureIn: '案发地市', countyIn: '案发区县', provinceKnown: '是否确定案发省份', subjectProvinceIn: '被举报人所在省份',
  primaryCategoryIn: '主类别', anyCategoryIn: '任一类别', minCategoryProbability: '类别最低概率', inScope: '是否涉黑涉恶',
  credibilityAtLeast: '可信度下限', credibilityBelow: '可信度上限（不含）', clusterSizeAtLeast: '线索簇最少线索数',
  independentReportersAtLeast: '最少独立举报人数', crossProvince: '是否跨省线索簇', officialLevelAtLeast: '公职人员最低层级',
  officialSystemIn: '公职人员所属系统', conflictOfInterest: '利益冲突（承办省政法机关人员）', realName: '是否实名', channelIn: '举报渠道',
  keywordsAny: '关键词', entityAny: '涉及人员或单位',
};

const RULE_KEYS = ['id', 'reason', 'when', 'route', 'dualReview', 'priority', 'contactDays'];
const PREFECTURE_CODES = new Set(PREFECTURES.map((d) => d.code));
const COUNTY_CODES = new Set(COUNTIES.map((d) => d.code));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type Check = (value: unknown) => string | undefined;
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : '应为 true 或 false');
const range = (min: number, max: number, integer = false): Check => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)) ? undefined : `应为 ${min} 到 ${max} 之间的${integer ? '整数' : '数'}`;
const oneOf = (allowed: readonly string[], what: string): Check => (v) => (typeof v === 'string' && allowed.includes(v) ? undefined : `未知${what}：${String(v)}`);
const list = (item: Check, max = 400): Check => (v) => {
  if (!Array.isArray(v) || v.length === 0 || v.length > max) return `应为非空列表（至多 ${max} 项）`;
  if (new Set(v).size !== v.length) return '列表中有重复项';
  for (const x of v) {
    const problem = item(x);
    if (problem) return problem;
  }
  return undefined;
};
const code = (known: (c: string) => boolean, what: string): Check => (v) => (typeof v === 'string' && known(v) ? undefined : `未知${what}代码：${String(v)}`);
const word: Check = (v) => (typeof v === 'string' && v.trim().length > 0 && v.length <= 50 ? undefined : '每项应为 1 到 50 个字的文字');

const CONDITION_CHECKS: Readonly<Record<keyof RuleConditions, Check>> = {
  provinceIn: list(code(isProvinceCode, '省份')),
  prefectureIn: list(code((c) => PREFECTURE_CODES.has(c), '地市')),
  countyIn: list(code((c) => COUNTY_CODES.has(c), '区县')),
  provinceKnown: bool,
  subjectProvinceIn: list(code(isProvinceCode, '省份')),
  primaryCategoryIn: list(oneOf(CATEGORY_CODES, '类别')),
  anyCategoryIn: list(oneOf(CATEGORY_CODES, '类别')),
  minCategoryProbability: range(0, 1),
  inScope: bool,
  credibilityAtLeast: range(0, 100),
  credibilityBelow: range(0, 100),
  clusterSizeAtLeast: range(1, 100000, true),
  independentReportersAtLeast: range(1, 100000, true),
  crossProvince: bool,
  officialLevelAtLeast: oneOf(OFFICIAL_LEVELS, '层级'),
  officialSystemIn: list(oneOf(OFFICIAL_SYSTEMS, '系统')),
  conflictOfInterest: bool,
  realName: bool,
  channelIn: list(oneOf(CHANNELS, '渠道')),
  keywordsAny: list(word, 200),
  entityAny: list(word, 200),
};

const where = (i: number, id: unknown): string => `第 ${i + 1} 条规则${typeof id === 'string' && id ? `（${id}）` : ''}`;
const label = (field: string): string => FIELD_LABELS[field.replace(/^when\./, '')] ?? field;

function checkRule(raw: unknown, i: number, ids: Set<string>, errors: RuleIssue[]): void {
  const at = (field: string | undefined, message: string, id?: string): void => {
    errors.push({ ruleIndex: i, ...(id ? { ruleId: id } : {}), ...(field ? { field } : {}), message: `${where(i, id)}${field ? `的「${label(field)}」` : ''}${message}` });
  };
  if (!isObject(raw)) return at(undefined, '应为对象');
  const id = typeof raw.id === 'string' ? raw.id : undefined;
  for (const k of Object.keys(raw)) if (!RULE_KEYS.includes(k)) at(k, `不是规则的字段`, id);
  if (!id || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) at('id', '应为小写字母、数字和连字符（至多 64 个字符）', id);
  else if (ids.has(id)) at('id', '与前面的规则重复', id);
  else ids.add(id);
  if (typeof raw.reason !== 'string' || raw.reason.trim().length === 0 || raw.reason.length > 200) at('reason', '不能为空（至多 200 字）', id);
  const routeProblem = oneOf(ROUTE_ACTIONS, '去向')(raw.route);
  if (routeProblem) at('route', routeProblem, id);
  if (raw.dualReview !== undefined && bool(raw.dualReview)) at('dualReview', bool(raw.dualReview)!, id);
  if (raw.priority !== undefined && oneOf(PRIORITIES, '优先级')(raw.priority)) at('priority', oneOf(PRIORITIES, '优先级')(raw.priority)!, id);
  if (raw.contactDays !== undefined && range(1, 90, true)(raw.contactDays)) at('contactDays', range(1, 90, true)(raw.contactDays)!, id);
  if (!isObject(raw.when)) return at('when', '应为对象（无条件时写 {}）', id);
  for (const [k, v] of Object.entries(raw.when)) {
    const check = CONDITION_CHECKS[k as keyof RuleConditions];
    if (!check) {
      at(`when.${k}`, '不是可用的条件', id);
      continue;
    }
    const problem = check(v);
    if (problem) at(`when.${k}`, problem, id);
  }
}

/** Validates a rule set: errors (the set is refused) and warnings (stored, shown to the editor). */
export function checkRuleSet(value: unknown): RuleSetCheck {
  const errors: RuleIssue[] = [];
  if (!isObject(value) || !Array.isArray(value.rules)) return { valid: false, errors: [{ field: 'rules', message: '规则集应为 {"rules": [...]}' }], warnings: [] };
  for (const k of Object.keys(value)) if (k !== 'rules') errors.push({ field: k, message: `「${k}」不是规则集的字段` });
  const rules = value.rules as unknown[];
  if (rules.length === 0 || rules.length > 200) errors.push({ field: 'rules', message: '规则集须含 1 到 200 条规则' });
  const ids = new Set<string>();
  rules.forEach((r, i) => checkRule(r, i, ids, errors));
  if (errors.length > 0) return { valid: false, errors, warnings: [] };
  const ruleSet = { rules } as RuleSet;
  return { valid: true, errors, warnings: ruleSetWarnings(ruleSet), ruleSet };
}

/** The set, or a ValidationError carrying every error (the API answers 400 with them). */
export function validateRuleSet(value: unknown): RuleSet {
  const check = checkRuleSet(value);
  if (!check.valid) throw new ValidationError(check.errors.map((e) => e.message).join('；'), { errors: check.errors });
  return check.ruleSet!;
}

/** Never-firing and shadowed rules. */
export function ruleSetWarnings(set: RuleSet): RuleIssue[] {
  const warnings: RuleIssue[] = [];
  set.rules.forEach((rule, j) => {
    const contradiction = contradictionIn(rule.when);
    if (contradiction) {
      warnings.push({ ruleIndex: j, ruleId: rule.id, field: contradiction.field, message: `${where(j, rule.id)}永远不会生效：${contradiction.message}` });
      return;
    }
    const i = set.rules.slice(0, j).findIndex((earlier) => !contradictionIn(earlier.when) && covers(earlier.when, rule.when));
    if (i >= 0) {
      const earlier = set.rules[i]!;
      warnings.push({ ruleIndex: j, ruleId: rule.id, message: `${where(j, rule.id)}被${where(i, earlier.id)}完全覆盖（先匹配者优先），永远不会生效` });
    }
  });
  return warnings;
}

const NOT_TIP_OFF = ['OUT_OF_SCOPE', 'INVALID'];

/** Conditions no lead can meet together. */
function contradictionIn(c: RuleConditions): { field: string; message: string } | undefined {
  if (c.credibilityAtLeast !== undefined && c.credibilityBelow !== undefined && c.credibilityAtLeast >= c.credibilityBelow) {
    return { field: 'when.credibilityBelow', message: '可信度下限不小于上限' };
  }
  if (c.provinceKnown === false && (c.provinceIn || c.prefectureIn || c.countyIn || c.conflictOfInterest === true)) {
    return { field: 'when.provinceKnown', message: '要求案发省份未知，又对案发地设了条件' };
  }
  if (c.prefectureIn && c.provinceIn && !c.prefectureIn.some((p) => c.provinceIn!.includes(p.slice(0, 2)))) {
    return { field: 'when.prefectureIn', message: '所列地市都不在所列省份内' };
  }
  if (c.countyIn && (c.prefectureIn || c.provinceIn) && !c.countyIn.some((x) => (c.prefectureIn ?? []).includes(x.slice(0, 4)) || (!c.prefectureIn && c.provinceIn!.includes(x.slice(0, 2))))) {
    return { field: 'when.countyIn', message: '所列区县都不在所列地市或省份内' };
  }
  if (c.primaryCategoryIn && c.inScope !== undefined) {
    const notTipOff = c.primaryCategoryIn.filter((x) => NOT_TIP_OFF.includes(x)).length;
    if (c.inScope && notTipOff === c.primaryCategoryIn.length) return { field: 'when.inScope', message: '主类别均为非涉黑涉恶或无效，却要求涉黑涉恶' };
    if (!c.inScope && notTipOff === 0) return { field: 'when.inScope', message: '主类别均为涉黑涉恶类别，却要求非涉黑涉恶' };
  }
  return undefined;
}

const subset = <T>(inner: readonly T[] | undefined, outer: readonly T[]): boolean => inner !== undefined && inner.every((x) => outer.includes(x));

/** True when every lead meeting `later` meets `earlier`: each of earlier's conditions follows from later's. */
export function covers(earlier: RuleConditions, later: RuleConditions): boolean {
  return CONDITION_KEYS.every((key) => earlier[key] === undefined || implied(key, earlier, later));
}

function implied(key: (typeof CONDITION_KEYS)[number], e: RuleConditions, l: RuleConditions): boolean {
  switch (key) {
    case 'provinceIn':
      return subset(l.provinceIn, e.provinceIn!) || subset(l.prefectureIn?.map((p) => p.slice(0, 2)), e.provinceIn!) || subset(l.countyIn?.map((p) => p.slice(0, 2)), e.provinceIn!);
    case 'prefectureIn':
      return subset(l.prefectureIn, e.prefectureIn!) || subset(l.countyIn?.map((p) => p.slice(0, 4)), e.prefectureIn!);
    case 'provinceKnown':
      return l.provinceKnown === e.provinceKnown || (e.provinceKnown === true && (l.provinceIn !== undefined || l.prefectureIn !== undefined || l.countyIn !== undefined || l.conflictOfInterest === true));
    case 'anyCategoryIn':
      return (
        (subset(l.anyCategoryIn, e.anyCategoryIn!) && (l.minCategoryProbability ?? 0) >= (e.minCategoryProbability ?? 0)) ||
        (subset(l.primaryCategoryIn, e.anyCategoryIn!) && (e.minCategoryProbability ?? 0) === 0)
      );
    case 'minCategoryProbability':
      // Only meaningful with anyCategoryIn, checked there.
      return true;
    case 'inScope':
      return l.inScope === e.inScope || (l.primaryCategoryIn !== undefined && l.primaryCategoryIn.every((x) => NOT_TIP_OFF.includes(x) !== e.inScope));
    case 'credibilityAtLeast':
      return l.credibilityAtLeast !== undefined && l.credibilityAtLeast >= e.credibilityAtLeast!;
    case 'credibilityBelow':
      return l.credibilityBelow !== undefined && l.credibilityBelow <= e.credibilityBelow!;
    case 'clusterSizeAtLeast':
      return Math.max(l.clusterSizeAtLeast ?? 1, l.independentReportersAtLeast ?? 1) >= e.clusterSizeAtLeast!;
    case 'independentReportersAtLeast':
      return (l.independentReportersAtLeast ?? 1) >= e.independentReportersAtLeast!;
    case 'officialLevelAtLeast':
      return l.officialLevelAtLeast !== undefined && OFFICIAL_LEVELS.indexOf(l.officialLevelAtLeast) >= OFFICIAL_LEVELS.indexOf(e.officialLevelAtLeast!);
    case 'officialSystemIn':
      return subset(l.officialSystemIn, e.officialSystemIn!) || (l.conflictOfInterest === true && subset(['police', 'procuratorate', 'court'], e.officialSystemIn!));
    case 'countyIn':
    case 'subjectProvinceIn':
    case 'primaryCategoryIn':
    case 'channelIn':
    case 'keywordsAny':
    case 'entityAny':
      return subset(l[key] as readonly string[] | undefined, e[key] as readonly string[]);
    default:
      return l[key] === e[key];
  }
}

/** A rule set's rules by id (for diffs and coverage). */
export function rulesById(set: RuleSet): Map<string, Rule> {
  return new Map(set.rules.map((r) => [r.id, r]));
}
