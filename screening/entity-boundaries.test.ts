import type { Entity } from '../models/lead';
import { JiebaSegmenter } from '../infra/segmentation/jieba-segmenter';
import { extractEntities } from './entities';
import { Gazetteer } from './gazetteer';

const deps = { gazetteer: Gazetteer.default(), tagger: new JiebaSegmenter() };
const of = (text: string, type: Entity['type']) => {
  const found = extractEntities(text, deps);
  for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  return found.filter((e) => e.type === type).map((e) => e.text);
};

describe('exact entity spans', () => {
  it.each([
    ['禹王台区人民检察院副检察长王文按照他的要求撤了案。'],
    ['禹王台区人民检察院副检察长王文当即表示不予立案。'],
    ['禹王台区人民检察院副检察长王文压下此事。'],
    ['他的表哥有禹王台区人民检察院副检察长王文撑腰。'],
  ])('ends an official at the name and starts it at the unit: %s', (text) => {
    expect(of(text, 'official')).toEqual(['禹王台区人民检察院副检察长王文']);
  });

  it('gives the official the trimmed name as its value', () => {
    const [official] = extractEntities('镇派出所所长李建当即表示不管。', deps).filter((e) => e.type === 'official');
    expect(official).toMatchObject({ text: '镇派出所所长李建', value: '李建' });
  });

  it('starts an organisation after the verb or preposition before it', () => {
    expect(of('他们打着禹王台隆金文化传媒公司的旗号放贷。', 'organisation')).toEqual(['禹王台隆金文化传媒公司']);
    expect(of('他持东湖村村委会的证明去办手续。', 'organisation')).toEqual(['东湖村村委会']);
    expect(of('他持村委会的证明去办手续。', 'organisation')).not.toContain('持村委会');
  });

  it('reads no organisation where no name precedes the kind of body', () => {
    expect(of('赵某强占村里砂场多年。', 'organisation')).toEqual([]);
    expect(of('他自己开了一家公司。', 'organisation')).toEqual([]);
  });

  it('keeps verbs that are part of a company name', () => {
    expect(of('陈某在珠海市天威飞马打印耗材有限公司任职。', 'organisation')).toEqual(['珠海市天威飞马打印耗材有限公司']);
  });

  it('reads a body and its branch as one organisation', () => {
    expect(of('由上海市公安局杨浦分局查明', 'organisation')).toEqual(['上海市公安局杨浦分局']);
  });

  it('reads a run of divisions and localities as one place, and a redacted division as a place', () => {
    expect(of('他在上海市虹口区开了一家店', 'place')).toEqual(['上海市虹口区']);
    expect(of('家住合肥市瑶海区大兴镇广兴村，', 'place')).toEqual(['合肥市瑶海区大兴镇广兴村']);
    expect(of('A市A3区的道路', 'place')).toEqual(['A市A3区']);
  });

  it('leaves a place inside an organisation to the organisation', () => {
    expect(of('泉州市鲤城区人民检察院指控', 'place')).toEqual([]);
    expect(of('泉州市鲤城区人民检察院指控', 'organisation')).toEqual(['泉州市鲤城区人民检察院']);
  });
});

describe('officials with their unit', () => {
  it.each([
    ['他和集坪国土所所长邵银是亲戚', '集坪国土所所长邵银'],
    ['找了五常市水利局的副局长孙红斌', '五常市水利局的副局长孙红斌'],
    ['南江县下两镇党委书记万某收了钱', '南江县下两镇党委书记万某'],
  ])('keeps the unit whole in %s', (text, official) => {
    expect(of(text, 'official')).toEqual([official]);
  });

  it('spans the unit and post the form gives before a form official\'s name', () => {
    const text = '临武县人民法院的法官周海收了他的钱。';
    const found = extractEntities(text, deps, { subject: { people: [] }, umbrella: { officials: [{ name: '周海', unit: '临武县人民法院', position: '法官' }] } });
    expect(found.filter((e) => e.type === 'official').map((e) => e.text)).toEqual(['临武县人民法院的法官周海']);
  });
});
