import type { IndexedLead } from '../../models/ports/lead-index.port';
import { MemoryLeadIndex } from './memory-lead-index';

const lead = (leadId: string, vector: number[], tokens: string[], extra: Partial<IndexedLead> = {}): IndexedLead => ({
  leadId,
  embedderId: 'e1',
  vector,
  tokens,
  categories: [],
  clusterId: leadId,
  entityKeys: [],
  receivedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('MemoryLeadIndex', () => {
  it('finds the nearest vectors by cosine, within the filters', async () => {
    const index = new MemoryLeadIndex();
    await index.upsert(lead('a', [1, 0], ['赌场']));
    await index.upsert(lead('b', [0.6, 0.8], ['高利贷']));
    await index.upsert(lead('c', [0, 1], ['高利贷'], { embedderId: 'e2' }));
    await index.upsert(lead('d', [0.99, 0.141], ['赌场'], { receivedAt: '2020-01-01T00:00:00.000Z' }));
    const hits = await index.knn([1, 0], 5, { embedderId: 'e1', receivedAfter: '2025-01-01T00:00:00.000Z' });
    expect(hits.map((h) => h.leadId)).toEqual(['a', 'b']);
    expect(hits[0]!.score).toBeCloseTo(1);
    expect((await index.knn([1, 0], 5, { excludeLeadId: 'a' }))[0]!.leadId).toBe('d');
  });

  it('ranks by BM25 over the tokens, and forgets the old tokens of a replaced lead', async () => {
    const index = new MemoryLeadIndex();
    await index.upsert(lead('a', [1], ['王大虎', '收', '保护费', '市场']));
    await index.upsert(lead('b', [1], ['李四', '放', '高利贷']));
    await index.upsert(lead('c', [1], ['市场', '管理']));
    expect((await index.searchText(['王大虎', '保护费'], 3)).map((h) => h.leadId)).toEqual(['a']);
    await index.upsert(lead('a', [1], ['别的', '内容']));
    expect(await index.searchText(['保护费'], 3)).toEqual([]);
    expect(await index.count()).toBe(3);
  });
});
