/** Hand-written reports with known routing, for tests that must not depend on the generator. */
import type { ReportSubmission } from '../models/report';

export interface SampleReport {
  readonly submission: ReportSubmission;
  /** Expected queue: a province code, "national" or "out-of-scope". */
  readonly queue: string;
}

export const SAMPLE_REPORTS: readonly SampleReport[] = [
  {
    queue: '62',
    submission: {
      reporter: { anonymous: false, name: '李明', phone: '13912345678' },
      subject: { people: [{ name: '王大虎', nicknames: ['虎哥'] }] },
      facts: {
        text: '甘肃省兰州市城关区的王大虎（外号虎哥）纠集十余人，长期在东部批发市场强收保护费，每个摊位每月500元，不交就砸摊打人，2023年5月打伤商户张某。',
        place: '甘肃省兰州市城关区',
      },
    },
  },
  {
    queue: '44',
    submission: {
      reporter: { anonymous: true },
      subject: { people: [{ name: '陈志强' }], organisation: '鑫达小额贷款公司' },
      facts: {
        text: '我现在在北京打工，举报老家广东省揭阳市普宁市的陈志强开设鑫达小额贷款公司放高利贷，月息高达30%，借款人还不上就派人上门暴力催收，泼油漆、堵门。',
      },
    },
  },
  {
    // Conflict of interest: the umbrella is Sichuan's own police (镇派出所所长), so the lead goes one level up.
    queue: 'national',
    submission: {
      reporter: { anonymous: true },
      subject: { people: [{ name: '刘某某' }] },
      facts: { text: '四川省南充市仪陇县某镇刘某某开设赌场，聚众赌博，每晚参赌几十人，赌资上万元，镇派出所所长周某收受好处费后充当保护伞，通风报信。' },
      umbrella: { officials: [{ name: '周某', unit: '某镇派出所', position: '所长' }] },
    },
  },
  {
    queue: 'out-of-scope',
    submission: {
      reporter: { anonymous: false, name: '赵丽', phone: '13800001111' },
      subject: { people: [], organisation: '幸福家园小区物业公司' },
      facts: { text: '湖南省长沙市岳麓区幸福家园小区物业公司长期不维修电梯，业主多次反映无果，希望有关部门督促整改。' },
    },
  },
  {
    queue: 'national',
    submission: {
      reporter: { anonymous: true },
      subject: { people: [{ name: '黄某' }] },
      facts: { text: '黄某团伙勾结缅甸境外电诈园区，跨境组织偷渡人员出境从事电信诈骗，以高薪招工为名把人骗到缅甸。' },
    },
  },
];
