import { countOtherReporters, withCorroboration } from './corroboration';

describe('corroboration', () => {
  it('raises the score for each independent report of the same incident, up to a cap, and can be recomputed', () => {
    const base = { score: 60, reasons: [{ code: 'DATE', weight: 5, message: '给出了具体时间' }] };
    const one = withCorroboration(base, 1);
    expect(one.score).toBe(66);
    expect(one.reasons.at(-1)).toMatchObject({ code: 'CORROBORATED', weight: 6, message: expect.stringContaining('另有 1 位举报人') });
    expect(withCorroboration(base, 10).score).toBe(60 + 18);
    expect(withCorroboration(one, 2).score).toBe(72);
    expect(withCorroboration(one, 0)).toEqual(base);
  });

  const report = (fingerprints: string[], copy = false) => ({ fingerprints, copy });

  it('never counts a report by the lead\'s own reporter, whatever it says', () => {
    expect(countOtherReporters(['a'], [report(['a']), report(['b', 'a'])])).toBe(0);
  });

  it('counts one other reporter once however many reports they sent, linked through any identifier', () => {
    expect(countOtherReporters(['a'], [report(['b']), report(['b']), report(['b', 'c']), report(['c'])])).toBe(1);
    expect(countOtherReporters([], [report(['b']), report(['d'])])).toBe(2);
  });

  it('counts each anonymous report that is not a copy, and no copy', () => {
    expect(countOtherReporters(['a'], [report([]), report([]), report([], true), report(['e'], true)])).toBe(2);
  });
});
