/**
 * The national office's routing rules: an ordered list, the first rule whose conditions all hold
 * decides. Rules are data (JSON), versioned in the store; a lead records the version that routed it.
 */
import { isCategoryCode, type CategoryCode } from '../models/categories';
import { isProvinceCode } from '../models/divisions';
import { ValidationError } from '../models/errors';
import type { ReportDeduped } from '../models/messages';
import type { RouteTarget } from '../models/lead';

export interface RuleCondition {
  /** The lead's most probable category is one of these. */
  readonly primaryCategoryIn?: readonly CategoryCode[];
  /** Any category with at least `minCategoryProbability` is one of these. */
  readonly anyCategoryIn?: readonly CategoryCode[];
  readonly minCategoryProbability?: number;
  readonly provinceKnown?: boolean;
  readonly provinceIn?: readonly string[];
  readonly credibilityBelow?: number;
  readonly credibilityAtLeast?: number;
}

export type RuleAction = 'province' | 'national' | 'out-of-scope';

export interface RoutingRule {
  readonly id: string;
  /** Why, in Chinese: shown to analysts with the route. */
  readonly reason: string;
  readonly when: RuleCondition;
  readonly route: RuleAction;
}

export interface RoutingRules {
  readonly rules: readonly RoutingRule[];
}

/** Version 1, seeded when the store holds none. */
export const DEFAULT_RULES: RoutingRules = {
  rules: [
    { id: 'invalid', reason: '无效举报，不予转办', when: { primaryCategoryIn: ['INVALID'] }, route: 'out-of-scope' },
    { id: 'out-of-scope', reason: '非涉黑涉恶问题，转其他渠道办理', when: { primaryCategoryIn: ['OUT_OF_SCOPE'] }, route: 'out-of-scope' },
    {
      id: 'national-targets',
      reason: '涉及政治安全或跨国跨境，由全国扫黑办直接督办',
      when: { anyCategoryIn: ['POLITICAL_INFILTRATION', 'CROSS_BORDER'], minCategoryProbability: 0.3 },
      route: 'national',
    },
    { id: 'no-province', reason: '无法确定案发省份，由全国扫黑办分流', when: { provinceKnown: false }, route: 'national' },
    { id: 'province', reason: '按案发地转交省级扫黑办', when: {}, route: 'province' },
  ],
};

export interface RuleDecision {
  readonly target: RouteTarget;
  readonly ruleId: string;
  readonly reason: string;
}

export function matches(c: RuleCondition, lead: ReportDeduped): boolean {
  const s = lead.screening;
  const primary = s.categories[0]?.code;
  const province = s.location.provinceCode;
  const minP = c.minCategoryProbability ?? 0;
  return (
    (!c.primaryCategoryIn || (primary !== undefined && c.primaryCategoryIn.includes(primary))) &&
    (!c.anyCategoryIn || s.categories.some((x) => x.probability >= minP && c.anyCategoryIn!.includes(x.code))) &&
    (c.provinceKnown === undefined || c.provinceKnown === (province !== undefined)) &&
    (!c.provinceIn || (province !== undefined && c.provinceIn.includes(province))) &&
    (c.credibilityBelow === undefined || s.credibility.score < c.credibilityBelow) &&
    (c.credibilityAtLeast === undefined || s.credibility.score >= c.credibilityAtLeast)
  );
}

export function applyRules(rules: RoutingRules, lead: ReportDeduped): RuleDecision {
  for (const rule of rules.rules) {
    if (!matches(rule.when, lead)) continue;
    const province = lead.screening.location.provinceCode;
    if (rule.route === 'province' && province) return { target: { kind: 'province', provinceCode: province }, ruleId: rule.id, reason: rule.reason };
    if (rule.route === 'province') return { target: { kind: 'national' }, ruleId: rule.id, reason: '无法确定案发省份，由全国扫黑办分流' };
    return { target: rule.route === 'national' ? { kind: 'national' } : { kind: 'out-of-scope' }, ruleId: rule.id, reason: rule.reason };
  }
  return { target: { kind: 'national' }, ruleId: 'fallback', reason: '无规则适用，由全国扫黑办分流' };
}

/** Checks rules submitted by the national office before they are stored. */
export function validateRules(value: unknown): RoutingRules {
  const rules = (value as RoutingRules | null)?.rules;
  if (!Array.isArray(rules) || rules.length === 0) throw new ValidationError('路由规则须为非空列表');
  const ids = new Set<string>();
  rules.forEach((r: RoutingRule, i) => {
    const where = `第 ${i + 1} 条规则`;
    if (!r || typeof r.id !== 'string' || !r.id || ids.has(r.id)) throw new ValidationError(`${where}缺少编号或编号重复`);
    ids.add(r.id);
    if (typeof r.reason !== 'string' || !r.reason) throw new ValidationError(`${where}缺少理由说明`);
    if (!['province', 'national', 'out-of-scope'].includes(r.route)) throw new ValidationError(`${where}的去向无效`);
    const w = r.when ?? {};
    for (const code of [...(w.primaryCategoryIn ?? []), ...(w.anyCategoryIn ?? [])]) {
      if (!isCategoryCode(code)) throw new ValidationError(`${where}含未知类别：${String(code)}`);
    }
    for (const p of w.provinceIn ?? []) if (!isProvinceCode(p)) throw new ValidationError(`${where}含未知省份代码：${String(p)}`);
  });
  return { rules };
}
