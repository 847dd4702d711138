import { MemoryLeadIndex } from '../infra/index/memory-lead-index';
import type { IndexedLead } from '../models/ports/lead-index.port';
import { fuseByRank, hybridSearch, RRF_K } from './hybrid-search';

const lead = (leadId: string, vector: number[], tokens: string[]): IndexedLead => ({
  leadId,
  embedderId: 'e',
  vector,
  tokens,
  categories: [],
  clusterId: `c-${leadId}`,
  entityKeys: [],
  receivedAt: '2026-01-01T00:00:00.000Z',
});

describe('hybrid search', () => {
  it('fuses two ranked lists by reciprocal rank, keeping both raw scores', () => {
    const fused = fuseByRank(
      [
        { leadId: 'a', clusterId: 'ca', score: 0.9 },
        { leadId: 'b', clusterId: 'cb', score: 0.8 },
      ],
      [
        { leadId: 'b', clusterId: 'cb', score: 12 },
        { leadId: 'c', clusterId: 'cc', score: 7 },
      ],
      3,
    );
    expect(fused.map((h) => h.leadId)).toEqual(['b', 'a', 'c']);
    expect(fused[0]).toEqual({ leadId: 'b', clusterId: 'cb', score: 1 / (RRF_K + 2) + 1 / (RRF_K + 1), cosine: 0.8, bm25: 12 });
    expect(fused[2]).toEqual({ leadId: 'c', clusterId: 'cc', score: 1 / (RRF_K + 2), bm25: 7 });
  });

  it('puts first the lead that is near in meaning and shares the rare words', async () => {
    const index = new MemoryLeadIndex();
    await index.upsert(lead('words-only', [0, 1], ['王大虎', '保护费', '其他', '很多', '别的', '内容']));
    await index.upsert(lead('both', [0.8, 0.6], ['王大虎', '保护费', '市场']));
    await index.upsert(lead('vector-only', [1, 0], ['别的']));
    const hits = await hybridSearch(index, { vector: [1, 0], tokens: ['王大虎', '保护费'] }, 3);
    expect(hits[0]!.leadId).toBe('both');
    expect(hits.map((h) => h.leadId).sort()).toEqual(['both', 'vector-only', 'words-only']);
  });
});
