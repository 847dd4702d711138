import { HashingEmbedder } from '../infra/embedding/hashing-embedder';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import type { Location } from '../models/lead';
import type { ReportReceived } from '../models/messages';
import { Gazetteer } from './gazetteer';
import { screenReport } from './screen';

const deps = { segmenter: new JiebaSegmenter(), embedder: new HashingEmbedder(), gazetteer: Gazetteer.default() };

async function locate(text: string, extra: Partial<ReportReceived> = {}): Promise<Location> {
  const report: ReportReceived = {
    reportId: 'r',
    receivedAt: '2026-01-01T00:00:00.000Z',
    reporter: { realName: false, contactGiven: false },
    subject: { people: [] },
    facts: { text },
    ...extra,
  };
  return (await screenReport(report, deps)).location;
}

describe('licence plates', () => {
  it('locates a car crash by its plate when the text names no place', async () => {
    expect(await locate('2023年5月，被告人驾驶浙B12345号小型轿车在路口撞伤行人后逃逸。')).toEqual({ provinceCode: '33', prefectureCode: '3302' });
  });

  it('lets the place named in the text win over a plate from elsewhere, however often the plate is repeated', async () => {
    const text = '被告人驾驶湘A88888号轿车在广州市天河区撞伤行人，湘A88888号轿车受损，湘A88888号轿车被扣押。';
    expect(await locate(text)).toEqual({ provinceCode: '44', prefectureCode: '4401', countyCode: '440106' });
  });
});

describe('townships', () => {
  it('locates a report naming only a township no other county has', async () => {
    expect(await locate('2022年以来，王某带人在崇福镇强收摊位保护费。')).toEqual({ provinceCode: '33', prefectureCode: '3304', countyCode: '330483' });
  });

  it('tells nothing from a township name six counties share', async () => {
    expect(await locate('王某在南桥镇开设赌场，每晚聚赌。')).toEqual({});
  });

  it('reads a shared township name inside the province the rest of the text names', async () => {
    expect(await locate('上海市的王某在南桥镇放高利贷。')).toEqual({ provinceCode: '31', prefectureCode: '3101', countyCode: '310120' });
  });

  it('reads 本区 before a shared township name as a district: the 南桥镇 of Shanghai', async () => {
    expect(await locate('被告人在本区南桥镇贝港南区12号301室内强行与被害人发生性关系。')).toEqual({ provinceCode: '31', prefectureCode: '3101', countyCode: '310120' });
  });

  it('places a masked county by the township after it', async () => {
    expect(await locate('2013年7月，被告人在玉某县虹桥镇某村因琐事打伤朱某。')).toEqual({ provinceCode: '13', prefectureCode: '1302', countyCode: '130229' });
  });
});

describe('new areas and development zones', () => {
  it.each([
    ['贵安新区一工地上，有人强迫施工方用他们的砂石。', { provinceCode: '52' }],
    ['雄安新区拆迁中，有人带人暴力威胁不签字的住户。', { provinceCode: '13', prefectureCode: '1306' }],
    ['两江新区的工地上，有人每月收取保护费。', { provinceCode: '50' }],
    ['红谷滩新区有人放高利贷，逾期就上门泼油漆。', { provinceCode: '36', prefectureCode: '3601', countyCode: '360113' }],
  ])('locates %s in the divisions it lies in', async (text, expected) => {
    expect(await locate(text)).toEqual(expected);
  });

  it('reads a new area named after a district elsewhere as part of the city named before it', async () => {
    expect(await locate('绍兴市镜湖新区的拆迁项目中，有人冒领安置补偿。')).toEqual({ provinceCode: '33', prefectureCode: '3306' });
  });

  it('gives a renamed county today\'s code', async () => {
    expect(await locate('四川省成都市人民检察院指控，被告人在郫县犀浦镇自己经营的布艺店内打伤被害人。')).toEqual({
      provinceCode: '51', prefectureCode: '5101', countyCode: '510117',
    });
  });
});

describe('本市, 本县', () => {
  it('reads 本市 as the city named before it', async () => {
    expect(await locate('慈溪市人民检察院指控：被告人在本市崇寿镇一厂房内盗窃电缆。')).toEqual({ provinceCode: '33', prefectureCode: '3302', countyCode: '330282' });
  });

  it('puts the county where the acts were over the prosecutor\'s district', async () => {
    expect(await locate('南京市鼓楼区人民检察院指控，被告人在本市栖霞区一小区楼下贩卖毒品。')).toEqual({ provinceCode: '32', prefectureCode: '3201', countyCode: '320113' });
  });

  it('tells nothing from 本市 when no city was named before it', async () => {
    expect(await locate('被告人在本市一小区内盗窃电动车。')).toEqual({});
  });
});

describe('what a mention is about', () => {
  it('prefers the prosecuting city over the place a suspect was caught far away', async () => {
    const text = '北安市人民检察院指控：被告人虚构事实在北安市骗取钱款12万元，以位于海南省海口市的一套房产作抵押。后被告人在海南省海口市被公安机关抓获。';
    expect((await locate(text)).provinceCode).toBe('23');
  });

  it('sets aside the court of a past conviction', async () => {
    const text = '被告人曾因盗窃罪被山东省菏泽市牡丹区人民法院判处有期徒刑一年，刑满释放后在沁阳市西万镇持刀抢劫。';
    expect(await locate(text)).toEqual({ provinceCode: '41', prefectureCode: '4108', countyCode: '410882' });
  });

  it('sets aside where a defendant comes from, and decides nothing from it alone', async () => {
    expect((await locate('被告人张某（湖南省长沙县人）在广州市天河区一商场内盗窃手机。')).provinceCode).toBe('44');
    expect(await locate('被告人系四川省南充市人，多次盗窃。')).toEqual({});
  });

  it('takes a reporter\'s own home as where what they report happens, when they report on it', async () => {
    expect((await locate('本人是遵义市仁怀市人，今天举报当地的村霸李某。')).provinceCode).toBe('52');
    expect(await locate('我是湖北人，一家在这边生活多年，孩子上学的问题一直解决不了。')).toEqual({});
  });

  it('sets aside the city in the name of a company from elsewhere', async () => {
    const text = '昆山市人民检察院指控：被告人以支付开票费的方式，向佛山市某铝业有限公司购买增值税专用发票。';
    expect((await locate(text)).provinceCode).toBe('32');
  });

  it('reads nothing from a word that is also a city\'s short name', async () => {
    expect(await locate('新楼的间距影响了我们房屋的日照和采光，希望长治久安。')).toEqual({});
  });

  it('sets aside roads, shops and products named after places', async () => {
    expect((await locate('被告人在遵义市汇川区广州路一小区内贩卖毒品。')).provinceCode).toBe('52');
    expect((await locate('辽宁省新民市一店主销售“香港龙腾”保健品，“香港龙腾”中检出西地那非。')).provinceCode).toBe('21');
  });

  it('reads the places of the umbrella part when the facts name none', async () => {
    const location = await locate('他们在镇上开赌场，派出所从来不管。', {
      umbrella: { officials: [{ name: '周某', unit: '桐乡市公安局崇福派出所', position: '所长' }] },
    });
    expect(location).toEqual({ provinceCode: '33', prefectureCode: '3304', countyCode: '330483' });
  });
});
