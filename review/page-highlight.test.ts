import { highlightSegments } from './page/highlight';

describe('highlighting shared entities', () => {
  it('marks only shared entity spans, in order, skipping overlaps and spans outside the text', () => {
    const text = '王大虎在兰州市收保护费';
    const e = (type: 'person' | 'place', start: number, end: number) => ({ type, text: text.slice(start, end), start, end, value: text.slice(start, end) });
    const segments = highlightSegments(text, [e('place', 4, 7), e('person', 0, 3), e('person', 1, 2), { ...e('place', 9, 40) }], new Set(['person:王大虎', 'place:兰州市', 'person:大']));
    expect(segments.map((s) => [s.text, s.entity?.type ?? null])).toEqual([['王大虎', 'person'], ['在', null], ['兰州市', 'place'], ['收保护费', null]]);
  });
});
