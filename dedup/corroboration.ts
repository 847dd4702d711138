/**
 * Corroboration, applied at dedup: independent reports of the same incident raise a lead's
 * credibility. A copy (a re-submission nearly identical to its match) never corroborates.
 */
import { clampCredibility, type Credibility, type Dedup } from '../models/lead';
import type { ReportScreened } from '../models/messages';
import type { LeadRepository } from '../models/ports/repositories.port';

/** Each independent report of the same incident corroborates; copies by one reporter do not. */
export const CORROBORATION_WEIGHT = 6;
export const MAX_CORROBORATION = 18;

/**
 * Adds (or replaces) the corroboration reason: `independentOthers` other reports of the same
 * duplicate cluster, told in their own words, by (presumably) other reporters.
 */
export function withCorroboration(credibility: Credibility, independentOthers: number): Credibility {
  const reasons = credibility.reasons.filter((r) => r.code !== 'CORROBORATED');
  const base = credibility.score - credibility.reasons.filter((r) => r.code === 'CORROBORATED').reduce((s, r) => s + r.weight, 0);
  if (independentOthers <= 0) return { score: clampCredibility(base), reasons };
  const weight = Math.min(MAX_CORROBORATION, CORROBORATION_WEIGHT * independentOthers);
  return {
    score: clampCredibility(base + weight),
    reasons: [...reasons, { code: 'CORROBORATED', weight, message: `同一事件另有 ${independentOthers} 份独立举报相互印证` }],
  };
}

/** Adds the corroboration of the lead's cluster to its credibility and stores it. */
export async function corroborate(
  lead: ReportScreened,
  dedup: Dedup,
  leads: Pick<LeadRepository, 'countIndependentReports' | 'saveCredibility'>,
  at: Date,
  copySimilarity: number,
): Promise<Credibility> {
  if (dedup.decision !== 'duplicate') return lead.screening.credibility;
  const others = await leads.countIndependentReports(dedup.clusterId, lead.reportId, copySimilarity);
  const copy = (dedup.score ?? 0) >= copySimilarity;
  const credibility = withCorroboration(lead.screening.credibility, copy ? 0 : others);
  await leads.saveCredibility(lead.reportId, credibility, at);
  return credibility;
}
