import type { Screening } from '../../models/lead';
import type { EarlierLeadRow } from '../../models/ports/repositories.port';
import type { PairLabel } from '../../review/review.port';
import { analystPairs } from './analyst-labels';

const screening = (embedderId: string): Screening => ({
  text: 't',
  tokens: [],
  entities: [],
  categories: [],
  credibility: { score: 50, reasons: [] },
  scope: { inScope: true, probability: 0.9 },
  location: {},
  embedderId,
  embedding: [1, 0],
});

const label = (leadA: string, leadB: string, value: PairLabel['label'], labelledBy = 'gs-01'): PairLabel => ({
  leadA,
  leadB,
  label: value,
  labelledBy,
  reason: '核实',
  labelledAt: '2026-01-01T00:00:00.000Z',
});

describe("analysts' labelled pairs for calibration", () => {
  const rows: EarlierLeadRow[] = [
    { leadId: 'a', clusterId: 'c', screening: screening('e1') },
    { leadId: 'b', clusterId: 'c', screening: screening('e1') },
    { leadId: 'c', clusterId: 'c', screening: screening('e2') },
  ];
  const leads = { findEarlier: async (ids: readonly string[]) => rows.filter((r) => ids.includes(r.leadId)) };

  it("keeps analysts' labels of the calibrated embedder, maps not-duplicate to new, and leaves out the system's merges", async () => {
    const pairs = await analystPairs(
      [label('a', 'b', 'not-duplicate'), label('a', 'b', 'duplicate', 'system'), label('a', 'c', 'duplicate'), label('a', 'missing', 'duplicate')],
      leads,
      'e1',
    );
    expect(pairs.map((p) => p.label)).toEqual(['new']);
    expect(pairs[0]!.a.embedderId).toBe('e1');
  });
});
