import { conceptFeatures, CONCEPT_NAMES } from './concepts';

const feature = (text: string, name: string): number => conceptFeatures(text)[CONCEPT_NAMES.indexOf(name)]!;

describe('concept features: what happened, whatever the style', () => {
  it('counts the same act in a court\'s, a tip-off\'s and a citizen\'s words alike', () => {
    for (const text of ['被告人纠集多人持刀殴打被害人', '这伙人天天拿着钢管打人，没人敢管', '一帮社会青年把我家店砸了']) {
      expect(feature(text, 'group') + feature(text, 'bully')).toBeGreaterThan(0);
      expect(feature(text, 'violence')).toBeGreaterThan(0);
    }
  });

  it('is zero for an ordinary complaint and grows sublinearly with repetition', () => {
    expect(conceptFeatures('小区物业不修电梯，请相关部门督促整改').every((v) => v === 0)).toBe(true);
    expect(feature('赌场', 'gambling')).toBeCloseTo(Math.log(2), 10);
    expect(feature('赌场赌场赌场', 'gambling')).toBeCloseTo(Math.log(4), 10);
  });
});
