/**
 * Corroboration, applied at dedup: other reporters of the same incident raise a lead's
 * credibility. What counts is distinct reporters: a report by the lead's own reporter (same
 * fingerprint, ingest/reporter-fingerprint.ts) never corroborates it, several reports by one other
 * reporter count once, and a copy (a re-submission nearly identical to its match, the only sign
 * left when reports are anonymous) never corroborates.
 */
import { countDistinctReporters } from '../models/clusters';
import { clampCredibility, type Credibility, type Dedup } from '../models/lead';
import type { ReportScreened } from '../models/messages';
import type { Corroborator, LeadRepository } from '../models/ports/repositories.port';

/** Each other reporter of the same incident corroborates; more reports by one reporter do not. */
export const CORROBORATION_WEIGHT = 6;
export const MAX_CORROBORATION = 18;

/**
 * How many other reporters the cluster's other reports come from: reports sharing a fingerprint
 * with the lead are its own reporter's and are left out; the rest are counted as distinct
 * reporters (models/clusters.ts).
 */
export function countOtherReporters(own: readonly string[], others: readonly Corroborator[]): number {
  const mine = new Set(own);
  return countDistinctReporters(others.filter((o) => !o.fingerprints.some((f) => mine.has(f))));
}

/**
 * Adds (or replaces) the corroboration reason: `independentOthers` other reporters of the same
 * duplicate cluster, each told in their own words.
 */
export function withCorroboration(credibility: Credibility, independentOthers: number): Credibility {
  const reasons = credibility.reasons.filter((r) => r.code !== 'CORROBORATED');
  const base = credibility.score - credibility.reasons.filter((r) => r.code === 'CORROBORATED').reduce((s, r) => s + r.weight, 0);
  if (independentOthers <= 0) return { score: clampCredibility(base), reasons };
  const weight = Math.min(MAX_CORROBORATION, CORROBORATION_WEIGHT * independentOthers);
  return {
    score: clampCredibility(base + weight),
    reasons: [...reasons, { code: 'CORROBORATED', weight, message: `同一事件另有 ${independentOthers} 位举报人独立举报，相互印证` }],
  };
}

/** Adds the corroboration of the lead's cluster to its credibility and stores it. */
export async function corroborate(
  lead: ReportScreened,
  dedup: Dedup,
  leads: Pick<LeadRepository, 'listCorroborators' | 'saveCredibility'>,
  at: Date,
  copySimilarity: number,
): Promise<Credibility> {
  if (dedup.decision !== 'duplicate') return lead.screening.credibility;
  const others = countOtherReporters(lead.reporter.fingerprints ?? [], await leads.listCorroborators(dedup.clusterId, lead.reportId, copySimilarity));
  const copy = (dedup.score ?? 0) >= copySimilarity;
  const credibility = withCorroboration(lead.screening.credibility, copy ? 0 : others);
  await leads.saveCredibility(lead.reportId, credibility, at);
  return credibility;
}
