import { countSpans, emptyCounts, scores, truthSpans } from './entity-eval';

describe('entity evaluation', () => {
  it('locates the generator names longest first, with runs of places as one span and the reporter ignored', () => {
    const text = '我叫李明，湖南省长沙县的王大虎和县公安局副局长王强勾结。';
    const { spans, ignore } = truthSpans(text, [
      { type: 'person', text: '王强' },
      { type: 'official', text: '县公安局副局长王强' },
      { type: 'person', text: '王大虎' },
      { type: 'place', text: '湖南省' },
      { type: 'place', text: '长沙县' },
      { type: 'reporter', text: '李明' },
    ]);
    expect(spans.map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([
      ['place', '湖南省长沙县'],
      ['person', '王大虎'],
      ['official', '县公安局副局长王强'],
    ]);
    expect(ignore.map((s) => text.slice(s.start, s.end))).toEqual(['李明']);
  });

  it('counts a span only when type, start and end all match', () => {
    const counts = emptyCounts();
    countSpans(counts, [{ type: 'person', start: 0, end: 3 }, { type: 'place', start: 5, end: 8 }], [{ type: 'person', start: 0, end: 2 }, { type: 'place', start: 5, end: 8 }]);
    const s = scores(counts);
    expect(s.person).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(s.place).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
  });
});
