/**
 * Analysts' labelled pairs (review actions: split, merge, "not duplicate") as calibration input.
 * A "not duplicate" pair is a non-duplicate for the duplicate model ('new'); the system's own
 * race merges are not analysts' judgements and are left out. Only pairs whose two leads were
 * embedded by the embedder being calibrated are usable.
 */
import type { LeadRepository } from '../../models/ports/repositories.port';
import type { PairLabel as ReviewLabel } from '../../review/review.port';
import type { LabelledPair } from './calibrate';

export const SYSTEM_LABELLER = 'system';

export async function analystPairs(
  labels: readonly ReviewLabel[],
  leads: Pick<LeadRepository, 'findEarlier'>,
  embedderId: string,
): Promise<LabelledPair[]> {
  const usable = labels.filter((l) => l.labelledBy !== SYSTEM_LABELLER);
  const rows = await leads.findEarlier([...new Set(usable.flatMap((l) => [l.leadA, l.leadB]))]);
  const byId = new Map(rows.map((r) => [r.leadId, r.screening]));
  return usable.flatMap((l) => {
    const a = byId.get(l.leadA);
    const b = byId.get(l.leadB);
    if (!a || !b || a.embedderId !== embedderId || b.embedderId !== embedderId) return [];
    return [{ a, b, label: l.label === 'duplicate' ? ('duplicate' as const) : ('new' as const) }];
  });
}
