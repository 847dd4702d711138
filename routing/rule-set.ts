/**
 * A rule set: the national office's ordered decision table. The first rule whose conditions all
 * hold decides (DMN's "priority" hit policy). Rules are data: JSON checked against
 * {@link RULE_SET_SCHEMA} and by `validateRuleSet` (rule-set-validation.ts) before they are
 * stored; a lead records the version and the rule that routed it. docs/ROUTING.md documents the
 * conditions, the actions and the shipped default set in Chinese and English.
 */
import { CATEGORY_CODES, type CategoryCode } from '../models/categories';
import type { OfficialLevel } from '../models/lead';

export const OFFICIAL_LEVELS: readonly OfficialLevel[] = ['village', 'township', 'county', 'prefecture', 'province', 'national'];
/** The system an official's unit belongs to. */
export const OFFICIAL_SYSTEMS = ['police', 'procuratorate', 'court', 'government', 'party'] as const;
export type OfficialSystem = (typeof OFFICIAL_SYSTEMS)[number];
/** How a report reached the platform; the intake today is the online form only. */
export const CHANNELS = ['online', 'phone', 'letter', 'visit'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ROUTE_ACTIONS = ['province', 'national', 'out-of-scope', 'held'] as const;
export type RouteAction = (typeof ROUTE_ACTIONS)[number];
export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Conditions of one rule: every condition given must hold; a list holds when any member does. */
export interface RuleConditions {
  /** The incident's province, prefecture, county (GB/T 2260 codes). */
  readonly provinceIn?: readonly string[];
  readonly prefectureIn?: readonly string[];
  readonly countyIn?: readonly string[];
  /** Whether screening located the incident's province at all. */
  readonly provinceKnown?: boolean;
  /** The reported subject's location (the form's 被举报人所在地): a province named there. */
  readonly subjectProvinceIn?: readonly string[];
  /** The most probable category is one of these. */
  readonly primaryCategoryIn?: readonly CategoryCode[];
  /** Any category with at least `minCategoryProbability` (default 0) is one of these. */
  readonly anyCategoryIn?: readonly CategoryCode[];
  readonly minCategoryProbability?: number;
  /** Screening's scope decision (涉黑涉恶 or not). */
  readonly inScope?: boolean;
  /** Credibility in [credibilityAtLeast, credibilityBelow). */
  readonly credibilityAtLeast?: number;
  readonly credibilityBelow?: number;
  /** The duplicate cluster: members, independent reporters, more than one province. */
  readonly clusterSizeAtLeast?: number;
  readonly independentReportersAtLeast?: number;
  readonly crossProvince?: boolean;
  /** Some named official's unit is at this level or above (village < … < national). */
  readonly officialLevelAtLeast?: OfficialLevel;
  /** Some named official works in one of these systems. */
  readonly officialSystemIn?: readonly OfficialSystem[];
  /**
   * Conflict of interest: some named official works in the police, procuratorate or courts of
   * the province that would receive the lead (the incident's province).
   */
  readonly conflictOfInterest?: boolean;
  /** Real-name report (true) or anonymous (false). */
  readonly realName?: boolean;
  readonly channelIn?: readonly Channel[];
  /** The screened text contains any of these words. */
  readonly keywordsAny?: readonly string[];
  /** A person, organisation or official named in the lead is one of these (exact value or text). */
  readonly entityAny?: readonly string[];
}

export const CONDITION_KEYS = [
  'provinceIn', 'prefectureIn', 'countyIn', 'provinceKnown', 'subjectProvinceIn', 'primaryCategoryIn', 'anyCategoryIn',
  'minCategoryProbability', 'inScope', 'credibilityAtLeast', 'credibilityBelow', 'clusterSizeAtLeast',
  'independentReportersAtLeast', 'crossProvince', 'officialLevelAtLeast', 'officialSystemIn', 'conflictOfInterest',
  'realName', 'channelIn', 'keywordsAny', 'entityAny',
] as const satisfies ReadonlyArray<keyof RuleConditions>;

/** One row of the decision table. */
export interface Rule {
  /** Stable id: leads record it, coverage counts by it. */
  readonly id: string;
  /** Why, in Chinese: shown to analysts with the route. */
  readonly reason: string;
  readonly when: RuleConditions;
  /** Where the lead goes: its incident's provincial queue, the national queue, 转其他渠道, or held for review. */
  readonly route: RouteAction;
  /** Two analysts must review the lead. */
  readonly dualReview?: boolean;
  readonly priority?: Priority;
  /** Days within which the reporter is to be contacted. */
  readonly contactDays?: number;
}

export interface RuleSet {
  readonly rules: readonly Rule[];
}

const codes = (pattern: string) => ({ type: 'array', minItems: 1, maxItems: 400, uniqueItems: true, items: { type: 'string', pattern } });
const words = { type: 'array', minItems: 1, maxItems: 200, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 50 } };
const count = { type: 'integer', minimum: 1, maximum: 100000 };
const score = { type: 'number', minimum: 0, maximum: 100 };

/** JSON Schema (draft 2020-12) of a rule set: what the API, the CLI and the page accept. */
export const RULE_SET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://xiansuo.example/schemas/routing-rule-set.json',
  title: 'Routing rule set (ordered decision table, first match wins)',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'reason', 'when', 'route'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
          reason: { type: 'string', minLength: 1, maxLength: 200 },
          route: { enum: [...ROUTE_ACTIONS] },
          dualReview: { type: 'boolean' },
          priority: { enum: [...PRIORITIES] },
          contactDays: { type: 'integer', minimum: 1, maximum: 90 },
          when: {
            type: 'object',
            additionalProperties: false,
            properties: {
              provinceIn: codes('^\\d{2}$'),
              prefectureIn: codes('^\\d{4}$'),
              countyIn: codes('^\\d{6}$'),
              provinceKnown: { type: 'boolean' },
              subjectProvinceIn: codes('^\\d{2}$'),
              primaryCategoryIn: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...CATEGORY_CODES] } },
              anyCategoryIn: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...CATEGORY_CODES] } },
              minCategoryProbability: { type: 'number', minimum: 0, maximum: 1 },
              inScope: { type: 'boolean' },
              credibilityAtLeast: score,
              credibilityBelow: score,
              clusterSizeAtLeast: count,
              independentReportersAtLeast: count,
              crossProvince: { type: 'boolean' },
              officialLevelAtLeast: { enum: [...OFFICIAL_LEVELS] },
              officialSystemIn: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...OFFICIAL_SYSTEMS] } },
              conflictOfInterest: { type: 'boolean' },
              realName: { type: 'boolean' },
              channelIn: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...CHANNELS] } },
              keywordsAny: words,
              entityAny: words,
            },
          },
        },
      },
    },
  },
} as const;

/**
 * The shipped default set (version 1 when the store holds none). Order matters: what is not a
 * tip-off leaves first, then what the national office keeps, then the provinces.
 */
export const DEFAULT_RULE_SET: RuleSet = {
  rules: [
    { id: 'invalid-held', reason: '无效举报，暂存待人工复核，不予直接丢弃', when: { primaryCategoryIn: ['INVALID'] }, route: 'held' },
    { id: 'out-of-scope', reason: '非涉黑涉恶问题，转其他渠道办理', when: { primaryCategoryIn: ['OUT_OF_SCOPE'] }, route: 'out-of-scope' },
    {
      id: 'national-targets',
      reason: '涉及政治安全或跨国跨境，由全国扫黑办直接督办',
      when: { anyCategoryIn: ['POLITICAL_INFILTRATION', 'CROSS_BORDER'], minCategoryProbability: 0.3 },
      route: 'national',
      dualReview: true,
      priority: 'high',
    },
    {
      id: 'senior-officials',
      reason: '涉嫌充当保护伞的公职人员为省级及以上，由全国扫黑办办理',
      when: { officialLevelAtLeast: 'province' },
      route: 'national',
      dualReview: true,
      priority: 'high',
    },
    {
      id: 'conflict-of-interest',
      reason: '涉嫌充当保护伞的公职人员任职于承办省份的公安、检察或审判机关，为避免利益冲突，提级由全国扫黑办办理',
      when: { conflictOfInterest: true },
      route: 'national',
      dualReview: true,
      priority: 'high',
    },
    {
      id: 'cross-province',
      reason: '线索簇涉及多个省份，由全国扫黑办统筹协调，并指定主办省份',
      when: { crossProvince: true },
      route: 'national',
    },
    { id: 'no-province', reason: '无法确定案发省份，由全国扫黑办分流', when: { provinceKnown: false }, route: 'national' },
    { id: 'province', reason: '按案发地转交省级扫黑办', when: {}, route: 'province', contactDays: 15 },
  ],
};
