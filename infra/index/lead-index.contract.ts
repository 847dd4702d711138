/**
 * The behaviour every LeadIndex owes the dedup stage, run on each implementation (the in-process
 * index in the unit tier, Elasticsearch in the integration tier). Vectors are 8-dimensional and of
 * unit length, as the Embedder port guarantees; scores are asserted as values, not only as orders,
 * so that an adapter returning ES's (1 + cos) / 2 instead of cos fails here.
 */
import type { IndexedLead, LeadIndex } from '../../models/ports/lead-index.port';

/** Dimension of the contract's vectors: open() must return an index of this dimension. */
export const CONTRACT_DIMENSIONS = 8;

/** Unit vector along axis i. */
const axis = (i: number): number[] => Array.from({ length: CONTRACT_DIMENSIONS }, (_, j) => (j === i ? 1 : 0));

/** Unit vector cos·e0 + sin·e1: its cosine with e0 is exactly `cos`. */
const towardE0 = (cos: number): number[] => {
  const v = axis(0).map((x) => x * cos);
  v[1] = Math.sqrt(1 - cos * cos);
  return v;
};

const lead = (leadId: string, vector: number[], tokens: string[] = [], extra: Partial<IndexedLead> = {}): IndexedLead => ({
  leadId,
  embedderId: 'e1',
  vector,
  tokens,
  categories: [],
  clusterId: `cluster-${leadId}`,
  entityKeys: [],
  receivedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const ids = (hits: readonly { leadId: string }[]): string[] => hits.map((h) => h.leadId);

/**
 * Registers the contract as a describe block. `open` must return a new, EMPTY index of
 * CONTRACT_DIMENSIONS each call; each test closes its index; `cleanup` runs once after all.
 */
export function describeLeadIndexContract(name: string, open: () => Promise<LeadIndex>, cleanup?: () => Promise<void>): void {
  describe(`LeadIndex contract: ${name}`, () => {
    let index: LeadIndex;
    /**
     * Upserts leads of distinct ids concurrently: an adapter that waits for a refresh per write
     * (ES refresh=wait_for, ~1 s each) then waits once for all, not once per lead.
     */
    const put = async (...leads: IndexedLead[]): Promise<void> => {
      await Promise.all(leads.map((l) => index.upsert(l)));
    };

    beforeEach(async () => {
      index = await open();
    });
    afterEach(async () => {
      await index?.close();
    });
    if (cleanup) afterAll(cleanup);

    describe('knn', () => {
      it('returns the nearest leads best first, scored by cosine similarity in [-1, 1]', async () => {
        await put(lead('same', axis(0)), lead('near', towardE0(0.8)), lead('far', towardE0(0.3)), lead('orthogonal', axis(1)), lead('opposite', axis(0).map((x) => -x)));
        const hits = await index.knn(axis(0), 5);
        expect(ids(hits)).toEqual(['same', 'near', 'far', 'orthogonal', 'opposite']);
        const expected = [1, 0.8, 0.3, 0, -1];
        hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!, 4));
        expect(hits[1]!.clusterId).toBe('cluster-near');
      });

      it('returns at most k hits, and fewer when fewer leads match', async () => {
        await put(lead('a', axis(0)), lead('b', towardE0(0.9)), lead('c', towardE0(0.5)));
        expect(ids(await index.knn(axis(0), 2))).toEqual(['a', 'b']);
        expect(ids(await index.knn(axis(0), 10))).toEqual(['a', 'b', 'c']);
        expect(await index.knn(axis(3), 10, { embedderId: 'nobody' })).toEqual([]);
      });

      it('never returns vectors of another embedder, even when they are nearer and more numerous', async () => {
        const others = Array.from({ length: 30 }, (_, i) => lead(`other-${i}`, axis(0), ['赌场'], { embedderId: 'e2' }));
        await put(...others, lead('mine-1', towardE0(0.6), ['赌场']), lead('mine-2', towardE0(0.2), ['赌场']));
        const hits = await index.knn(axis(0), 2, { embedderId: 'e1' });
        expect(ids(hits)).toEqual(['mine-1', 'mine-2']);
        expect(hits[0]!.score).toBeCloseTo(0.6, 4);
        expect(ids(await index.searchText(['赌场'], 5, { embedderId: 'e1' })).sort()).toEqual(['mine-1', 'mine-2']);
      });
    });

    describe('filters (on knn and on searchText alike)', () => {
      const seed = async (): Promise<void> =>
        put(
          lead('gansu', axis(0), ['保护费'], { provinceCode: '620000', receivedAt: '2026-03-01T00:00:00.000Z' }),
          lead('beijing', towardE0(0.9), ['保护费'], { provinceCode: '110000', receivedAt: '2026-03-01T00:00:00.000Z' }),
          lead('nowhere', towardE0(0.8), ['保护费'], { receivedAt: '2026-03-01T00:00:00.000Z' }),
          lead('old-gansu', towardE0(0.7), ['保护费'], { provinceCode: '620000', receivedAt: '2026-02-28T23:59:59.999Z' }),
          lead('on-bound', towardE0(0.6), ['保护费'], { provinceCode: '620000', receivedAt: '2026-03-01T00:00:00.000Z', embedderId: 'e2' }),
        );

      it('keeps only leads of the given province', async () => {
        await seed();
        expect(ids(await index.knn(axis(0), 10, { provinceCode: '620000' }))).toEqual(['gansu', 'old-gansu', 'on-bound']);
        expect(ids(await index.searchText(['保护费'], 10, { provinceCode: '110000' }))).toEqual(['beijing']);
      });

      it('keeps leads received at or after receivedAfter (inclusive, to the millisecond)', async () => {
        await seed();
        const recent = { receivedAfter: '2026-03-01T00:00:00.000Z' };
        expect(ids(await index.knn(axis(0), 10, recent))).toEqual(['gansu', 'beijing', 'nowhere', 'on-bound']);
        expect(ids(await index.searchText(['保护费'], 10, recent)).sort()).toEqual(['beijing', 'gansu', 'nowhere', 'on-bound']);
        expect(ids(await index.knn(axis(0), 10, { receivedAfter: '2026-02-28T23:59:59.999Z' }))).toHaveLength(5);
      });

      it('leaves out excludeLeadId', async () => {
        await seed();
        expect(ids(await index.knn(axis(0), 10, { excludeLeadId: 'gansu' }))).toEqual(['beijing', 'nowhere', 'old-gansu', 'on-bound']);
        expect(ids(await index.searchText(['保护费'], 10, { excludeLeadId: 'gansu' }))).not.toContain('gansu');
        expect(await index.searchText(['保护费'], 10, { excludeLeadId: 'gansu' })).toHaveLength(4);
      });

      it('applies all filters together', async () => {
        await seed();
        const filter = { embedderId: 'e1', provinceCode: '620000', receivedAfter: '2026-03-01T00:00:00.000Z' };
        expect(ids(await index.knn(axis(0), 10, filter))).toEqual(['gansu']);
        expect(await index.knn(axis(0), 10, { ...filter, excludeLeadId: 'gansu' })).toEqual([]);
        expect(ids(await index.searchText(['保护费'], 10, filter))).toEqual(['gansu']);
      });
    });

    describe('searchText', () => {
      it('ranks by BM25: a shared rare token beats a common one, and term frequency counts', async () => {
        await put(
          lead('rare', axis(0), ['王大虎', '收', '保护费', '市场']),
          lead('common-once', axis(0), ['李四', '放', '高利贷', '市场']),
          lead('common-twice', axis(0), ['市场', '管理', '市场', '规范']),
          lead('unrelated', axis(0), ['河道', '采砂', '村霸', '威胁']),
        );
        const hits = await index.searchText(['王大虎', '市场'], 10);
        expect(ids(hits)).toEqual(['rare', 'common-twice', 'common-once']);
        expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
        expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
        expect(hits[2]!.score).toBeGreaterThan(0);
        expect(hits[0]!.clusterId).toBe('cluster-rare');
        expect(ids(await index.searchText(['王大虎', '市场'], 1))).toEqual(['rare']);
      });

      it('prefers the shorter lead when both share the same tokens once', async () => {
        await put(lead('long', axis(0), ['赌场', '老板', '张三', '每晚', '开设', '赌局', '抽头']), lead('short', axis(0), ['赌场', '老板']));
        expect(ids(await index.searchText(['赌场'], 10))).toEqual(['short', 'long']);
      });

      it('matches whole tokens as segmented: no re-segmentation, no lowercasing', async () => {
        await put(lead('a', axis(0), ['保护费', 'KTV', '139-1234-5678']));
        expect(await index.searchText(['保护'], 10)).toEqual([]);
        expect(await index.searchText(['ktv'], 10)).toEqual([]);
        expect(await index.searchText(['1234'], 10)).toEqual([]);
        expect(ids(await index.searchText(['139-1234-5678'], 10))).toEqual(['a']);
        expect(ids(await index.searchText(['KTV'], 10))).toEqual(['a']);
      });

      it('finds nothing for an empty query or unknown tokens', async () => {
        await put(lead('a', axis(0), ['保护费']));
        expect(await index.searchText([], 10)).toEqual([]);
        expect(await index.searchText(['从未出现'], 10)).toEqual([]);
      });
    });

    describe('upsert', () => {
      it('makes a lead visible to the very next knn and searchText', async () => {
        for (let i = 0; i < 5; i++) {
          const id = `lead-${i}`;
          await index.upsert(lead(id, axis(i), [`词${i}`]));
          expect(ids(await index.knn(axis(i), 1))).toEqual([id]);
          expect(ids(await index.searchText([`词${i}`], 10))).toEqual([id]);
        }
      });

      it('replaces a lead: old tokens no longer match, vector and clusterId are the new ones', async () => {
        await put(lead('a', axis(0), ['保护费', '市场'], { clusterId: 'c1' }), lead('b', towardE0(0.5), ['市场']));
        await index.upsert(lead('a', axis(1), ['高利贷'], { clusterId: 'c2' }));
        expect(await index.searchText(['保护费'], 10)).toEqual([]);
        expect(ids(await index.searchText(['市场'], 10))).toEqual(['b']);
        const [text] = await index.searchText(['高利贷'], 10);
        expect(text).toMatchObject({ leadId: 'a', clusterId: 'c2' });
        const hits = await index.knn(axis(1), 2);
        expect(hits[0]).toMatchObject({ leadId: 'a', clusterId: 'c2' });
        expect(hits[0]!.score).toBeCloseTo(1, 4);
        expect((await index.knn(axis(0), 2)).find((h) => h.leadId === 'a')!.score).toBeCloseTo(0, 4);
        expect(await index.count()).toBe(2);
      });
    });

    describe('searchEntities (blocking)', () => {
      it('finds leads sharing blocking keys, scored by how many they share, within the filters', async () => {
        await put(
          lead('both', axis(0), [], { entityKeys: ['person:620102:王大虎', 'phone:13912345678'] }),
          lead('one', axis(1), [], { entityKeys: ['phone:13912345678', 'person:440106:李四'] }),
          lead('other-county', axis(2), [], { entityKeys: ['person:540102:王大虎'] }),
          lead('other-embedder', axis(3), [], { entityKeys: ['phone:13912345678'], embedderId: 'e2' }),
        );
        const hits = await index.searchEntities(['person:620102:王大虎', 'phone:13912345678', 'phone:13912345678'], 10, { embedderId: 'e1' });
        expect(hits.map((h) => [h.leadId, h.score])).toEqual([
          ['both', 2],
          ['one', 1],
        ]);
        expect(await index.searchEntities(['person:620102:王大虎'], 10, { excludeLeadId: 'both' })).toEqual([]);
        expect(await index.searchEntities([], 10)).toEqual([]);
      });
    });

    describe('get and count', () => {
      it('returns the stored lead as upserted, and undefined for an unknown id', async () => {
        const stored = lead('a', towardE0(0.6), ['王大虎', '保护费'], {
          provinceCode: '620000',
          countyCode: '620102',
          categories: ['protection-racket', 'violence'],
          entityKeys: ['person:王大虎', 'phone:13912345678'],
          clusterId: 'c9',
          receivedAt: '2026-03-01T08:30:00.000Z',
        });
        await index.upsert(stored);
        expect(await index.get('a')).toEqual(stored);
        expect(await index.get('missing')).toBeUndefined();
      });

      it('counts distinct leads: a re-upsert does not add one', async () => {
        expect(await index.count()).toBe(0);
        await put(lead('a', axis(0)), lead('b', axis(1)), lead('c', axis(3), [], { embedderId: 'e2' }));
        await index.upsert(lead('a', axis(2)));
        expect(await index.count()).toBe(3);
      });
    });
  });
}
