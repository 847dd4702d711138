import { withCorroboration } from './corroboration';

describe('corroboration', () => {
  it('raises the score for each independent report of the same incident, up to a cap, and can be recomputed', () => {
    const base = { score: 60, reasons: [{ code: 'DATE', weight: 5, message: '给出了具体时间' }] };
    const one = withCorroboration(base, 1);
    expect(one.score).toBe(66);
    expect(one.reasons.at(-1)).toMatchObject({ code: 'CORROBORATED', weight: 6, message: expect.stringContaining('1 份独立举报') });
    expect(withCorroboration(base, 10).score).toBe(60 + 18);
    expect(withCorroboration(one, 2).score).toBe(72);
    expect(withCorroboration(one, 0)).toEqual(base);
  });
});
