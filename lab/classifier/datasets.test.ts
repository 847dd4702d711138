import { HashingEmbedder } from '../../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../../infra/segmentation/jieba-segmenter';
import { Gazetteer } from '../../screening/gazetteer';
import { screenReport } from '../../screening/screen';
import { screeningText, toReportReceived } from './datasets';

const segmenter = new JiebaSegmenter();

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
