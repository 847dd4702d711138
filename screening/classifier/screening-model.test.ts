/** The shipped screening model (trained/screening-model.json) behaves as a screener would, on texts written for this test. */
import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { shippedScreeningModel } from '../../infra/trained-params';
import { CATEGORY_CODES } from '../../models/categories';
import { Gazetteer } from '../gazetteer';
import { screenReport } from '../screen';
import { ANY_EMBEDDER } from './screening-model';

const model = shippedScreeningModel();
const deps = { segmenter: new JiebaSegmenter(), embedder: new HashingEmbedder(), gazetteer: Gazetteer.default(), classifier: model };
const screen = (text: string) => screenReport({ reportId: 'r', receivedAt: '2026-01-01T00:00:00.000Z', reporter: { realName: false, contactGiven: false }, subject: { people: [] }, facts: { text } }, deps);

describe('the shipped screening model (embedder-free part, as on a machine without the embedding model)', () => {
  it('loads from trained/ with an embedder-free part', () => {
    expect(model).not.toBeNull();
    expect(model!.partFor('hash-ngram-v1-512').embedderId).toBe(ANY_EMBEDDER);
  });

  it('keeps a loan shark who collects by violence in scope, as ILLEGAL_LENDING', async () => {
    const s = await screen('我要举报本村的王某放高利贷，利息高得吓人，还不上就派人上门暴力催收，还威胁要打断腿。');
    expect(s.scope.inScope).toBe(true);
    expect(s.categories[0]!.code).toBe('ILLEGAL_LENDING');
  });

  it('puts the gambling den first and its police protector second', async () => {
    const s = await screen('张某在镇上开设赌场，每晚聚赌的人很多。派出所所长李某收了他的好处费，每次检查前都给他通风报信。');
    expect(s.scope.inScope).toBe(true);
    expect(s.categories.slice(0, 2).map((c) => c.code)).toEqual(['VICE', 'PROTECTIVE_UMBRELLA']);
  });

  it('puts an ordinary noise complaint out of scope', async () => {
    const s = await screen('我家楼下新开了一家烧烤店，每天晚上吵到一两点，老人孩子都睡不着，希望城管依法处理。');
    expect(s.scope.inScope).toBe(false);
    expect(s.categories[0]!.code).toBe('OUT_OF_SCOPE');
  });

  it('scores all 14 codes once, each a probability in [0, 1]', async () => {
    for (const text of ['测试一下', '有人在村里收保护费，不交就砸店。'.repeat(20)]) {
      const s = await screen(text);
      expect(s.categories.map((c) => c.code).sort()).toEqual([...CATEGORY_CODES].sort());
      for (const c of s.categories) expect(c.probability).toBeGreaterThanOrEqual(0), expect(c.probability).toBeLessThanOrEqual(1);
      expect(s.scope.probability).toBeGreaterThanOrEqual(0);
    }
  });
});
