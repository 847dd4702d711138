import { Gazetteer, type PlaceMention } from './gazetteer';
import { findPlates } from './gazetteer-plates';

const gazetteer = Gazetteer.default();
const codes = (m: PlaceMention | undefined) => m?.candidates.map((c) => c.code).sort();
const named = (text: string, name: string) => gazetteer.find(text).find((m) => m.text === name);

describe('names the divisions data does not list', () => {
  it.each([
    ['郫县犀浦镇', '郫县', '510117'], // now 郫都区
    ['开县某镇', '开县', '500154'], // now 开州区
    ['海门市某厂', '海门市', '320614'], // now 海门区
    ['闸北区某路', '闸北区', '310106'], // merged into 静安区
    ['肃南县公安局', '肃南县', '620721'], // 肃南裕固族自治县
    ['前郭县某村', '前郭县', '220721'], // 前郭尔罗斯蒙古族自治县
    ['恩施州某县', '恩施州', '4228'], // 恩施土家族苗族自治州
    ['贵安新区某工地', '贵安新区', '5201,5204'], // across Guiyang and Anshun
    ['雄安新区拆迁', '雄安新区', '130629,130632,130638'],
    ['红谷滩新区某小区', '红谷滩新区', '360113'],
  ])('reads %s: %s as %s', (text, name, expected) => {
    expect(codes(named(text, name))?.join(',')).toBe(expected);
  });

  it('does not read 大同县 (Shanxi, now 云州区) as Daqing\'s 大同区', () => {
    expect(codes(named('大同县人民检察院指控', '大同县'))).toEqual(['140215']);
  });

  it('reads a township as the county it lies in, under its former status too (犀浦镇 is now 犀浦街道)', () => {
    expect(named('在桐乡市崇福镇某厂', '崇福镇')).toMatchObject({ kind: 'township', candidates: [expect.objectContaining({ code: '330483' })] });
    expect(codes(named('在犀浦镇一布艺店', '犀浦镇'))).toEqual(['510117']);
  });

  it('keeps every county of a township name many counties share', () => {
    expect(codes(named('王某在南桥镇开设赌场', '南桥镇'))?.length).toBeGreaterThan(3);
  });

  it('finds nothing in words that hold a place name', () => {
    expect(gazetteer.find('二手车交易门市旁的大理石茶几，客厅的长沙发上')).toEqual([]);
  });
});

describe('chains of names', () => {
  it('narrows a name by the one before it and lets the narrowest vote', () => {
    const [city, district] = gazetteer.find('南京市鼓楼区');
    expect(city).toMatchObject({ text: '南京市', chained: true });
    expect(codes(district)).toEqual(['320106']);
  });

  it('places a township right after a county in that county, even when the data has it elsewhere', () => {
    const town = named('宁德市周宁县上集乡黄陈铺村', '上集乡');
    expect(codes(town)).toEqual(['350925']);
  });

  it('reads a masked county by the township after it (玉某县 is 玉田县, which has a 虹桥镇)', () => {
    const [masked, town] = gazetteer.find('被告人在玉某县虹桥镇某村');
    expect(masked).toMatchObject({ kind: 'masked', chained: true });
    expect(codes(town)).toEqual(['130229']);
  });

  it('marks a two-character county or three-character township name starting inside a word as glued', () => {
    expect(named('交到了副县长的工作人员和县政府秘书科', '和县')).toMatchObject({ glued: true });
    expect(named('安徽省马鞍山市和县某村', '和县')?.glued).toBeUndefined();
    expect(named('办理本地城镇户口', '地城镇')).toMatchObject({ glued: true });
  });

  it('marks a district named by a direction before a house number as an estate section, not the county', () => {
    expect(named('本区南桥镇贝港南区12号301室', '港南区')).toMatchObject({ glued: true });
    expect(named('贵港市港南区某村', '港南区')?.glued).toBeUndefined();
  });
});

describe('本市, 本县, 该镇', () => {
  it('stands for the unit of its kind named before it', () => {
    const text = '慈溪市人民检察院指控：被告人在本市崇寿镇一厂房内盗窃。';
    expect(named(text, '本市')).toMatchObject({ kind: 'anaphor', candidates: [expect.objectContaining({ code: '330282' })] });
  });

  it('prefers a full name to a short one, often a company\'s', () => {
    const text = '东莞市某经营部向上海兰观实业有限公司购买发票，在本市国税分局抵扣';
    expect(codes(named(text, '本市'))).toEqual(['4419', '441900']);
  });

  it('with nothing named before, says what kind of unit the next name lies in', () => {
    expect(codes(named('被告人在本区南桥镇一出租屋内', '南桥镇'))).toEqual(['310120']);
  });

  it.each(['他从日本市场进口货物', '该市场管理混乱', '成本区间'])('is not read in %s', (text) => {
    expect(gazetteer.find(text).filter((m) => m.kind === 'anaphor')).toEqual([]);
  });
});

describe('licence plates', () => {
  it.each([
    ['驾驶浙B12345号小型轿车', '浙B', '3302'],
    ['冀J×××××号货车', '冀J', '1309'],
    ['闽ADM026小轿车', '闽A', '3501'],
    ['鄂M·A1234', '鄂M', '429004'],
    ['驾驶渝A12345号车', '渝A', '50'],
  ])('reads %s as %s, %s', (text, plate, code) => {
    expect(findPlates(text)).toEqual([expect.objectContaining({ text: expect.stringContaining(plate), code })]);
  });

  it.each(['他住在新A区3栋', '青A级景区门口', '宁A座写字楼'])('finds no plate in %s', (text) => {
    expect(findPlates(text)).toEqual([]);
  });
});
