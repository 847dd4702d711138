import { categorySummary, refusalSummary } from './demo-summary';

describe("the demo's summary", () => {
  const rows = [
    ...Array.from({ length: 3 }, () => ({ truthPrimary: 'VILLAGE_BULLY', truthAll: ['VILLAGE_BULLY', 'PROTECTIVE_UMBRELLA'], predicted: 'PROTECTIVE_UMBRELLA' })),
    { truthPrimary: 'VILLAGE_BULLY', truthAll: ['VILLAGE_BULLY'], predicted: 'VILLAGE_BULLY' },
    { truthPrimary: 'PROTECTIVE_UMBRELLA', truthAll: ['PROTECTIVE_UMBRELLA'], predicted: 'PROTECTIVE_UMBRELLA' },
  ];

  it('gives an exact category accuracy that the table adds up to, beside the lenient one, each saying what it measures', () => {
    const text = categorySummary(rows);
    expect(text).toContain("category accuracy, exact (primary = the generator's primary; the \"right\" column summed): 40.0% (2/5)");
    expect(text).toContain('category accuracy, lenient');
    expect(text).toContain('100.0% (5/5)');
    const umbrella = text.split('\n').find((l) => l.startsWith('PROTECTIVE_UMBRELLA'))!;
    expect(umbrella.trim().split(/\s{2,}/).slice(2)).toEqual(['4', '1', '1', '100%']);
    const bully = text.split('\n').find((l) => l.startsWith('VILLAGE_BULLY'))!;
    expect(bully.trim().split(/\s{2,}/).slice(2)).toEqual(['1', '4', '1', '25%']);
  });

  it('says why each refused report was refused, in the words the citizen read', () => {
    const text = refusalSummary([
      { id: 'a', status: 400, body: '{"code":"VALIDATION_FAILED","message":"缺少必填项：事实描述"}', kind: 'invalid' },
      { id: 'b', status: 400, body: '{"code":"VALIDATION_FAILED","message":"缺少必填项：事实描述"}', kind: 'invalid' },
    ]);
    expect(text).toContain('refused (4xx');
    expect(text).toContain("2 × 400 VALIDATION_FAILED 缺少必填项：事实描述 (generator's kind: invalid 2)");
    expect(refusalSummary([])).toContain('none');
  });
});
