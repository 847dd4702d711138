import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { shippedCategoryModel } from '../../infra/trained-params';
import { createCategoryModel, type CategoryModel } from '../../screening/classifier/category-model';
import { decodeModelFile } from '../../screening/classifier/model-file';
import { Gazetteer } from '../../screening/gazetteer';
import { screenReport } from '../../screening/screen';
import { screeningText, toReportReceived } from './datasets';
import { encodeModelFile } from './model-writer';

const segmenter = new JiebaSegmenter();
const model = (): CategoryModel => {
  const shipped = shippedCategoryModel();
  if (!shipped) throw new Error('trained/category-model.json is missing: run npm run train');
  return shipped;
};
const rank = (text: string) => model().predict(segmenter.segment(text), text);

describe('the category model file', () => {
  it('survives a write and read of its file unchanged', () => {
    const file = encodeModelFile(model().params, model().about);
    const again = createCategoryModel(decodeModelFile(file).params);
    const text = '村主任在换届选举中贿选拉票，还侵吞村集体资产。';
    expect(again.predict(segmenter.segment(text), text)).toEqual(rank(text));
  });
});

describe('training text', () => {
  it('is the text the pipeline screens, so training and serving see the same features', async () => {
    const report = {
      subject: { people: [{ name: '王强', nicknames: ['王老虎'], position: '村主任' }], organisation: '兴旺砂石厂' },
      facts: { text: '王强霸占河道非法采砂。', place: '湖南省益阳市', time: '2023年' },
      umbrella: { officials: [{ unit: '某县自然资源局', position: '局长', name: '李某' }], text: '收了好处费' },
    };
    const deps = { segmenter, embedder: new HashingEmbedder(), gazetteer: Gazetteer.default() };
    const screened = await screenReport(toReportReceived('r1', report), deps);
    expect(screeningText(report)).toBe(screened.text);
  });
});
