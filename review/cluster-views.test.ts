import type { ClusterMember } from './review.port';
import { contributionLabel, dedupText, linksOf, measureText } from './cluster-views';

const member = (dedup: ClusterMember['dedup'], leadId = 'b'): ClusterMember => ({ leadId, dedup, receivedAt: '2024-05-01T00:00:00Z' }) as unknown as ClusterMember;

describe('what the analyst reads of a cluster', () => {
  it('writes a duplicate and its link with the one measure, the probability of the same incident', () => {
    const m = member({ decision: 'duplicate', clusterId: 'a', matchedLeadId: 'a', score: 0.38, probability: 0.99 });
    expect(dedupText(m)).toBe('重复（同一事件概率 0.99）');
    const [link] = linksOf([member({ decision: 'new', clusterId: 'a' }, 'a'), m], []);
    expect(link!.measureText).toBe('同一事件概率 0.99');
    expect(JSON.stringify(link)).not.toContain('0.38');
  });

  it('says the cosine is uncalibrated where no scorer decided', () => {
    expect(dedupText(member({ decision: 'duplicate', clusterId: 'a', matchedLeadId: 'a', score: 0.91 }))).toBe('重复（语义相似度 0.91（未校准））');
    expect(measureText(0.5, true)).toBe('同一事件概率 0.50');
  });

  it('names every code of the evidence: categories and divisions, never amounts', () => {
    expect(contributionLabel({ field: 'category', state: 'agree', weight: 1, detail: 'PROTECTIVE_UMBRELLA' })).toBe('主要类别：一致 保护伞');
    expect(contributionLabel({ field: 'place', state: 'county', weight: 2, detail: '410205' })).toBe('案发地：同一区县 禹王台区');
    expect(contributionLabel({ field: 'place', state: 'disagree', weight: -2, detail: '62 / 44' })).toBe('案发地：不一致 甘肃省 / 广东省');
    expect(contributionLabel({ field: 'amount', state: 'agree', weight: 1, detail: '500000' })).toBe('金额：一致 500000');
    expect(contributionLabel({ field: 'cosine', state: 'agree', weight: 3, value: 0.876 })).toBe('语义相似度：0.88');
  });
});
