import type { ReportDeduped } from '../models/messages';
import { ValidationError } from '../models/errors';
import { applyRules, DEFAULT_RULES, validateRules } from './rules';

function lead(categories: Array<[string, number]>, provinceCode?: string): ReportDeduped {
  return {
    reportId: 'r1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    reporter: { realName: false, contactGiven: false },
    dedup: { decision: 'new', clusterId: 'r1' },
    screening: {
      text: '',
      tokens: [],
      entities: [],
      categories: categories.map(([code, probability]) => ({ code: code as never, probability })),
      credibility: { score: 50, reasons: [] },
      scope: { inScope: !['OUT_OF_SCOPE', 'INVALID'].includes(categories[0]?.[0] ?? ''), probability: 0.5 },
      location: provinceCode ? { provinceCode } : {},
      embedderId: 'x',
      embedding: [],
    },
  };
}

describe('default routing rules', () => {
  it('routes a lead naming 兰州 to Gansu', () => {
    expect(applyRules(DEFAULT_RULES, lead([['MARKET_BULLY', 0.9]], '62')).target).toEqual({ kind: 'province', provinceCode: '62' });
  });
  it('sends out-of-scope and invalid reports out of the campaign', () => {
    expect(applyRules(DEFAULT_RULES, lead([['OUT_OF_SCOPE', 0.7]], '43')).target).toEqual({ kind: 'out-of-scope' });
    expect(applyRules(DEFAULT_RULES, lead([['INVALID', 0.9]])).target).toEqual({ kind: 'out-of-scope' });
  });
  it('keeps cross-border and political cases, and leads without a province, at the national office', () => {
    expect(applyRules(DEFAULT_RULES, lead([['CROSS_BORDER', 0.8]], '53')).target).toEqual({ kind: 'national' });
    expect(applyRules(DEFAULT_RULES, lead([['VICE', 0.6], ['POLITICAL_INFILTRATION', 0.35]], '53')).ruleId).toBe('national-targets');
    expect(applyRules(DEFAULT_RULES, lead([['VICE', 0.9]])).target).toEqual({ kind: 'national' });
  });
});

describe('validateRules', () => {
  it('accepts the default rules', () => {
    expect(validateRules(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
  });
  it('refuses unknown categories, unknown provinces and duplicate ids, in Chinese', () => {
    const bad = (rules: unknown): string => {
      try {
        validateRules({ rules });
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as Error).message;
      }
    };
    expect(bad([{ id: 'a', reason: 'x', route: 'national', when: { primaryCategoryIn: ['GANG'] } }])).toContain('未知类别');
    expect(bad([{ id: 'a', reason: 'x', route: 'national', when: { provinceIn: ['99'] } }])).toContain('未知省份');
    expect(bad([{ id: 'a', reason: 'x', route: 'national', when: {} }, { id: 'a', reason: 'y', route: 'national', when: {} }])).toContain('重复');
    expect(bad([])).toContain('非空');
  });
});
