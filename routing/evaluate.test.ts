import type { ReportDeduped } from '../models/messages';
import { compileRuleSet, decide, firstMatch, hasConflictOfInterest } from './evaluate';
import { factsOf, singleCluster, type LeadFacts } from './lead-facts';
import { DEFAULT_RULE_SET, type Rule, type RuleConditions } from './rule-set';

function facts(over: Partial<LeadFacts> = {}): LeadFacts {
  return {
    leadId: 'l1',
    provinceCode: '62',
    prefectureCode: '6201',
    countyCode: '620102',
    subjectProvinces: ['62'],
    categories: [{ code: 'MARKET_BULLY', probability: 0.8 }, { code: 'VICE', probability: 0.15 }],
    inScope: true,
    credibility: 60,
    officials: [],
    realName: false,
    channel: 'online',
    entities: ['王大虎'],
    cluster: singleCluster('62'),
    text: '王大虎强收保护费',
    ...over,
  };
}

/** Whether a one-rule set with these conditions matches the facts. */
const fires = (when: RuleConditions, f: LeadFacts): boolean => firstMatch(compileRuleSet({ rules: [{ id: 'r', reason: '测试', when, route: 'national' }] }), f) === 0;

describe('each condition type', () => {
  it.each<[string, RuleConditions, Partial<LeadFacts>, Partial<LeadFacts>]>([
    ['incident province', { provinceIn: ['62'] }, {}, { provinceCode: '43' }],
    ['incident prefecture', { prefectureIn: ['6201'] }, {}, { prefectureCode: '6202' }],
    ['incident county', { countyIn: ['620102'] }, {}, { countyCode: null }],
    ['province known', { provinceKnown: false }, { provinceCode: null }, {}],
    ["subject's province", { subjectProvinceIn: ['62'] }, {}, { subjectProvinces: ['11'] }],
    ['primary category', { primaryCategoryIn: ['MARKET_BULLY'] }, {}, { categories: [{ code: 'VICE', probability: 0.9 }] }],
    ['any category with a probability', { anyCategoryIn: ['VICE'], minCategoryProbability: 0.1 }, {}, { categories: [{ code: 'VICE', probability: 0.05 }] }],
    ['scope', { inScope: false }, { inScope: false }, {}],
    ['credibility range', { credibilityAtLeast: 50, credibilityBelow: 70 }, {}, { credibility: 70 }],
    ['cluster size', { clusterSizeAtLeast: 3 }, { cluster: { size: 3, independentReporters: 1, provinces: 1, leadProvinceCode: '62' } }, {}],
    ['independent reporters', { independentReportersAtLeast: 2 }, { cluster: { size: 3, independentReporters: 2, provinces: 1, leadProvinceCode: '62' } }, { cluster: { size: 3, independentReporters: 1, provinces: 1, leadProvinceCode: '62' } }],
    ['cross-province cluster', { crossProvince: true }, { cluster: { size: 2, independentReporters: 2, provinces: 2, leadProvinceCode: '62' } }, {}],
    ['official level', { officialLevelAtLeast: 'prefecture' }, { officials: [{ level: 4, system: 'government', provinceCode: null }] }, { officials: [{ level: 2, system: 'government', provinceCode: null }] }],
    ['official system', { officialSystemIn: ['court'] }, { officials: [{ level: 2, system: 'court', provinceCode: null }] }, { officials: [{ level: 2, system: 'party', provinceCode: null }] }],
    ['conflict of interest', { conflictOfInterest: true }, { officials: [{ level: 1, system: 'police', provinceCode: null }] }, { officials: [{ level: 1, system: 'police', provinceCode: '11' }] }],
    ['real name', { realName: true }, { realName: true }, {}],
    ['channel', { channelIn: ['online'] }, {}, { channel: 'letter' }],
    ['keywords', { keywordsAny: ['保护费', '赌场'] }, {}, { text: '开设赌档' }],
    ['entities', { entityAny: ['王大虎'] }, {}, { entities: ['王小虎'] }],
  ])('%s: holds on one lead and not on the other', (_name, when, yes, no) => {
    expect(fires(when, facts(yes))).toBe(true);
    expect(fires(when, facts(no))).toBe(false);
  });

  it('requires every condition of a rule', () => {
    expect(fires({ provinceIn: ['62'], realName: true }, facts())).toBe(false);
    expect(fires({ provinceIn: ['62'], realName: false }, facts())).toBe(true);
  });
});

describe('first match wins', () => {
  const rules: Rule[] = [
    { id: 'gansu-national', reason: '甘肃线索上收', when: { provinceIn: ['62'] }, route: 'national', priority: 'urgent' },
    { id: 'province', reason: '按案发地', when: {}, route: 'province', contactDays: 15 },
  ];
  it('the earlier rule decides, with its actions', () => {
    const route = decide(compileRuleSet({ rules }, 7), facts());
    expect(route).toMatchObject({ target: { kind: 'national' }, topic: 'leads.national', ruleId: 'gansu-national', rulesVersion: 7, priority: 'urgent' });
  });
  it('the later rule decides when the earlier does not match; actions follow the rule', () => {
    const route = decide(compileRuleSet({ rules }, 7), facts({ provinceCode: '43' }));
    expect(route).toMatchObject({ target: { kind: 'province', provinceCode: '43' }, topic: 'leads.province.43', ruleId: 'province', contactDays: 15 });
    expect(route.priority).toBeUndefined();
  });
  it('a province rule without a province goes to the national office; no rule at all falls back there too', () => {
    expect(decide(compileRuleSet({ rules: [rules[1]!] }), facts({ provinceCode: null })).target).toEqual({ kind: 'national' });
    expect(decide(compileRuleSet({ rules: [rules[0]!] }), facts({ provinceCode: '43' })).ruleId).toBe('fallback');
  });
  it('names the lead province of a cross-province cluster sent to national coordination', () => {
    const route = decide(compileRuleSet(DEFAULT_RULE_SET), facts({ cluster: { size: 4, independentReporters: 3, provinces: 2, leadProvinceCode: '61' } }));
    expect(route).toMatchObject({ target: { kind: 'national' }, ruleId: 'cross-province', leadProvinceCode: '61' });
  });
});

describe('the shipped default set', () => {
  const d = (f: LeadFacts) => decide(compileRuleSet(DEFAULT_RULE_SET, 1), f);
  it('routes by the incident province', () => expect(d(facts()).target).toEqual({ kind: 'province', provinceCode: '62' }));
  it('sends 非涉黑涉恶 to the out-of-scope channel and holds 无效 for review', () => {
    expect(d(facts({ categories: [{ code: 'OUT_OF_SCOPE', probability: 0.7 }], inScope: false })).target).toEqual({ kind: 'out-of-scope' });
    const held = d(facts({ categories: [{ code: 'INVALID', probability: 0.9 }], inScope: false }));
    expect(held).toMatchObject({ target: { kind: 'held' }, topic: 'leads.held', ruleId: 'invalid-held' });
  });
  it('sends officials of provincial level or above to national', () => {
    expect(d(facts({ officials: [{ level: 4, system: 'government', provinceCode: '62' }] }))).toMatchObject({ target: { kind: 'national' }, ruleId: 'senior-officials', dualReview: true });
  });
  it('keeps leads without a province at the national office', () => expect(d(facts({ provinceCode: null })).ruleId).toBe('no-province'));
});

describe('conflict of interest', () => {
  const d = (f: LeadFacts) => decide(compileRuleSet(DEFAULT_RULE_SET, 1), f);
  it('an official of the receiving province police or court sends the lead to national', () => {
    for (const system of ['police', 'procuratorate', 'court'] as const) {
      expect(d(facts({ officials: [{ level: 1, system, provinceCode: '62' }] }))).toMatchObject({ target: { kind: 'national' }, ruleId: 'conflict-of-interest' });
    }
  });
  it('a local unit naming no place counts as the receiving province', () => {
    expect(hasConflictOfInterest(facts({ officials: [{ level: 2, system: 'police', provinceCode: null }] }))).toBe(true);
  });
  it('a police official of another province, or a government official of this one, does not', () => {
    expect(d(facts({ officials: [{ level: 2, system: 'police', provinceCode: '11' }] })).target).toEqual({ kind: 'province', provinceCode: '62' });
    expect(d(facts({ officials: [{ level: 2, system: 'government', provinceCode: '62' }] })).target).toEqual({ kind: 'province', provinceCode: '62' });
  });
  it('from a screened report: 镇派出所所长 in a Sichuan case goes to national, 镇长 stays in Sichuan', () => {
    const text = '四川省南充市仪陇县某镇刘某某开设赌场，镇派出所所长周某收受好处费后充当保护伞。\n保护伞：某镇派出所所长周某';
    const lead = (official: { text: string; value: string; role: string }): ReportDeduped => ({
      reportId: 'r1',
      receivedAt: '2026-01-01T00:00:00.000Z',
      reporter: { realName: false, contactGiven: false },
      dedup: { decision: 'new', clusterId: 'r1' },
      screening: {
        text,
        tokens: [],
        entities: [
          { type: 'place', text: '四川省南充市仪陇县', start: 0, end: 9, value: '511324' },
          { type: 'official', text: official.text, start: 20, end: 20 + official.text.length, value: official.value, role: official.role, level: 'township' },
        ],
        categories: [{ code: 'VICE', probability: 0.8 }],
        credibility: { score: 60, reasons: [] },
        scope: { inScope: true, probability: 0.9 },
        location: { provinceCode: '51', prefectureCode: '5113', countyCode: '511324' },
        embedderId: 'x',
        embedding: [],
      },
    });
    const police = factsOf(lead({ text: '镇派出所所长周某', value: '某镇派出所 所长', role: '所长' }));
    expect(police.officials).toEqual([{ level: 1, system: 'police', provinceCode: null }]);
    expect(d(police)).toMatchObject({ target: { kind: 'national' }, ruleId: 'conflict-of-interest' });
    expect(d(factsOf(lead({ text: '镇长周某', value: '镇长', role: '镇长' }))).target).toEqual({ kind: 'province', provinceCode: '51' });
  });
});
