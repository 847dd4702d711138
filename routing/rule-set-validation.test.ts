import Ajv2020 from 'ajv/dist/2020';
import { ValidationError } from '../models/errors';
import { DEFAULT_RULE_SET, RULE_SET_SCHEMA, type Rule } from './rule-set';
import { checkRuleSet, covers, validateRuleSet } from './rule-set-validation';

const rule = (over: Partial<Rule> & { id: string }): Rule => ({ reason: '测试', when: {}, route: 'national', ...over });

describe('validating a rule set', () => {
  it('accepts the shipped default set, without warnings, as does its JSON Schema', () => {
    expect(checkRuleSet(DEFAULT_RULE_SET)).toMatchObject({ valid: true, errors: [], warnings: [] });
    const ajv = new Ajv2020({ allErrors: true });
    expect(ajv.validate(RULE_SET_SCHEMA, DEFAULT_RULE_SET)).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ['an unknown province', { provinceIn: ['99'] }, 'when.provinceIn', '未知省份代码：99'],
    ['an unknown prefecture', { prefectureIn: ['6299'] }, 'when.prefectureIn', '未知地市代码'],
    ['an unknown category', { primaryCategoryIn: ['GANG'] }, 'when.primaryCategoryIn', '未知类别：GANG'],
    ['a probability above 1', { anyCategoryIn: ['VICE'], minCategoryProbability: 1.5 }, 'when.minCategoryProbability', '0 到 1'],
    ['an unknown level', { officialLevelAtLeast: 'ministry' }, 'when.officialLevelAtLeast', '未知层级'],
    ['an unknown system', { officialSystemIn: ['army'] }, 'when.officialSystemIn', '未知系统'],
    ['an unknown condition', { colour: 'red' }, 'when.colour', '不是可用的条件'],
    ['a boolean given as text', { realName: 'yes' }, 'when.realName', 'true 或 false'],
  ])('names the rule and the field for %s (and the schema refuses it too)', (_name, when, field, message) => {
    const set = { rules: [rule({ id: 'first' }), { id: 'second', reason: '测试', route: 'national', when }] };
    const check = checkRuleSet(set);
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual([expect.objectContaining({ ruleIndex: 1, ruleId: 'second', field, message: expect.stringContaining('第 2 条规则（second）') })]);
    expect(check.errors[0]!.message).toContain(message);
    const ajv = new Ajv2020({ allErrors: true });
    if (!['an unknown province', 'an unknown prefecture'].includes(_name)) expect(ajv.validate(RULE_SET_SCHEMA, set)).toBe(false);
  });

  it('refuses duplicate ids, a missing reason, a bad route and bad actions, each by rule', () => {
    const check = checkRuleSet({ rules: [rule({ id: 'a' }), rule({ id: 'a' }), { id: 'c', when: {}, route: 'moon', contactDays: 0 }] });
    expect(check.errors.map((e) => [e.ruleIndex, e.field])).toEqual([
      [1, 'id'],
      [2, 'reason'],
      [2, 'route'],
      [2, 'contactDays'],
    ]);
    expect(() => validateRuleSet({ rules: [] })).toThrow(ValidationError);
    expect(checkRuleSet({ rules: [] }).errors[0]!.message).toContain('1 到 200');
  });
});

describe('warnings', () => {
  it('reports a rule shadowed by an earlier, more general one', () => {
    const check = checkRuleSet({
      rules: [
        rule({ id: 'gansu', when: { provinceIn: ['62', '63'] } }),
        rule({ id: 'lanzhou', when: { prefectureIn: ['6201'], credibilityAtLeast: 50 } }),
        rule({ id: 'everything', when: {} , route: 'province' }),
        rule({ id: 'after-all', when: { realName: true } }),
      ],
    });
    expect(check.valid).toBe(true);
    expect(check.warnings.map((w) => [w.ruleId, w.message])).toEqual([
      ['lanzhou', expect.stringContaining('被第 1 条规则（gansu）完全覆盖')],
      ['after-all', expect.stringContaining('被第 3 条规则（everything）完全覆盖')],
    ]);
  });
  it('does not warn about a narrower rule placed before a general one', () => {
    expect(checkRuleSet({ rules: [rule({ id: 'narrow', when: { provinceIn: ['62'], realName: true } }), rule({ id: 'wide', when: { provinceIn: ['62'] } })] }).warnings).toEqual([]);
  });
  it('reports rules that can never fire', () => {
    const check = checkRuleSet({
      rules: [
        rule({ id: 'empty-range', when: { credibilityAtLeast: 80, credibilityBelow: 20 } }),
        rule({ id: 'elsewhere', when: { provinceIn: ['11'], prefectureIn: ['6201'] } }),
        rule({ id: 'unknown-but-gansu', when: { provinceKnown: false, provinceIn: ['62'] } }),
      ],
    });
    expect(check.warnings.map((w) => [w.ruleId, w.field])).toEqual([
      ['empty-range', 'when.credibilityBelow'],
      ['elsewhere', 'when.prefectureIn'],
      ['unknown-but-gansu', 'when.provinceKnown'],
    ]);
    expect(check.warnings[0]!.message).toContain('永远不会生效');
  });
  it('knows which conditions imply which', () => {
    expect(covers({ anyCategoryIn: ['VICE', 'MARKET_BULLY'] }, { primaryCategoryIn: ['VICE'] })).toBe(true);
    expect(covers({ officialSystemIn: ['police', 'court', 'procuratorate'] }, { conflictOfInterest: true })).toBe(true);
    expect(covers({ officialLevelAtLeast: 'county' }, { officialLevelAtLeast: 'province' })).toBe(true);
    expect(covers({ officialLevelAtLeast: 'province' }, { officialLevelAtLeast: 'county' })).toBe(false);
    expect(covers({ provinceKnown: true }, { countyIn: ['620102'] })).toBe(true);
    expect(covers({ crossProvince: true }, {})).toBe(false);
  });
});
