import type { CategoryCode } from '../models/categories';
import { CATEGORY_CODES } from '../models/categories';
import { decideScope } from './scope-decision';

const scores = (given: Partial<Record<CategoryCode, number>>) => CATEGORY_CODES.map((code) => ({ code, probability: given[code] ?? 0.01 }));

describe('the scope decision', () => {
  it('keeps a report in scope when P(in scope) reaches the threshold, even though the category model ranks OUT_OF_SCOPE first', () => {
    const d = decideScope(scores({ OUT_OF_SCOPE: 0.9, MARKET_BULLY: 0.8 }), 0.4, 0.3);
    expect(d.scope).toEqual({ inScope: true, probability: 0.4 });
    expect(d.categories[0]).toEqual({ code: 'MARKET_BULLY', probability: 0.8 });
    // OUT_OF_SCOPE follows the targets, at 1 − P(in scope): the ranking never contradicts the decision.
    expect(d.categories.find((c) => c.code === 'OUT_OF_SCOPE')).toEqual({ code: 'OUT_OF_SCOPE', probability: 0.6 });
  });

  it('puts OUT_OF_SCOPE first below the threshold', () => {
    const d = decideScope(scores({ MARKET_BULLY: 0.8 }), 0.2, 0.3);
    expect(d.scope.inScope).toBe(false);
    expect(d.categories.map((c) => c.code).slice(0, 2)).toEqual(['OUT_OF_SCOPE', 'MARKET_BULLY']);
    expect(d.categories).toHaveLength(14);
  });

  it('makes the gang\'s own conduct primary when the umbrella is only its protection', () => {
    const d = decideScope(scores({ PROTECTIVE_UMBRELLA: 0.9, VICE: 0.45 }), 0.9, 0.3);
    expect(d.categories.map((c) => c.code).slice(0, 2)).toEqual(['VICE', 'PROTECTIVE_UMBRELLA']);
  });

  it('leaves the umbrella primary when protection is the whole report', () => {
    const d = decideScope(scores({ PROTECTIVE_UMBRELLA: 0.9, VICE: 0.1 }), 0.9, 0.3);
    expect(d.categories[0]!.code).toBe('PROTECTIVE_UMBRELLA');
  });

  it('calls a report INVALID when that is the most probable reading, whatever the threshold', () => {
    const d = decideScope(scores({ INVALID: 0.8, VICE: 0.2 }), 0.35, 0.3);
    expect(d.scope.inScope).toBe(false);
    expect(d.categories[0]!.code).toBe('INVALID');
  });
});
