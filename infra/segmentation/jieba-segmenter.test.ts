import { JiebaSegmenter } from './jieba-segmenter';

describe('JiebaSegmenter', () => {
  const withDomain = new JiebaSegmenter();
  const plain = new JiebaSegmenter(null);

  it('keeps the domain words whole that the default dictionary splits', () => {
    const text = '他是砂霸，搞套路贷，镇派出所所长充当保护伞';
    for (const word of ['砂霸', '套路贷', '保护伞']) expect(withDomain.segment(text)).toContain(word);
    expect(plain.segment(text)).not.toContain('套路贷');
  });

  it('keeps county names whole and drops whitespace', () => {
    expect(withDomain.segment('四川省 南充市仪陇县')).toEqual(['四川省', '南充市', '仪陇县']);
  });

  it('tags every word with its part of speech, the words giving back the text, and never glues a function word to an unknown run', () => {
    const text = '他持村委会的证明 去办手续。';
    const tagged = withDomain.tag(text);
    expect(tagged.map((w) => w.word).join('')).toBe(text);
    expect(tagged.slice(0, 3)).toEqual([{ word: '他', tag: 'r' }, { word: '持', tag: 'v' }, { word: '村委会', tag: 'j' }]);
  });
});
