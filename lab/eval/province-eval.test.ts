import { evaluateProvince, formatDevErrors, halfOf, provinceEvalDeps, type ProvinceLabel } from './province-eval';

const facts = new Map([
  ['a', '慈溪市人民检察院指控：被告人在本市崇寿镇一厂房内盗窃电缆。'],
  ['b', '被告人因琐事与邻居争吵，将其打伤。'],
  ['c', '被告人在广州市天河区一商场内盗窃手机。'],
  ['d', '被告人在广州市天河区一商场内盗窃手机。'],
]);
const labels: ProvinceLabel[] = [
  { id: 'a', provinceCode: '33', prefectureCode: '3302', countyCode: '330282', position: 0 },
  { id: 'b', provinceCode: null, prefectureCode: null, countyCode: null, position: 1 },
  { id: 'c', provinceCode: '44', prefectureCode: '4401', countyCode: null, position: 2 },
  // A label that disagrees with what the text says: counted wrong, on the held-out half.
  { id: 'd', provinceCode: '45', prefectureCode: '4501', countyCode: null, position: 3 },
];

describe('province evaluation', () => {
  it('splits the labels by position: even for development, odd held out', () => {
    expect([0, 1, 2, 3].map(halfOf)).toEqual(['dev', 'heldOut', 'dev', 'heldOut']);
  });

  it('scores provinces (no place counts right only when nothing is resolved), then prefectures and counties where labelled', async () => {
    const e = await evaluateProvince(labels, facts, provinceEvalDeps());
    expect({ n: e.n, accuracy: e.accuracy, dev: e.dev, heldOut: e.heldOut }).toEqual({
      n: 4, accuracy: 0.75, dev: { n: 2, accuracy: 1 }, heldOut: { n: 2, accuracy: 0.5 },
    });
    expect(e.prefecture).toEqual({ n: 3, accuracy: 2 / 3, heldOut: { n: 1, accuracy: 0 } });
    expect(e.county).toEqual({ n: 1, accuracy: 1, heldOut: { n: 0, accuracy: Number.NaN } });
  });

  it('lists the development half\'s misses only', async () => {
    const wrongDev = labels.map((l) => (l.id === 'c' ? { ...l, provinceCode: '46' } : l));
    const listed = formatDevErrors(await evaluateProvince(wrongDev, facts, provinceEvalDeps()));
    expect(listed).toContain('PROVINCE c want 46/4401/- got 44/4401/440106');
    expect(listed).not.toContain(' d want');
  });

  it('refuses a label whose fact is missing', async () => {
    await expect(evaluateProvince([{ id: 'z', provinceCode: '11', position: 0 }], facts, provinceEvalDeps())).rejects.toThrow('z');
  });
});
