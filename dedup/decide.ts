/**
 * The dedup decision for a new lead, given its candidate earlier leads: every candidate is scored
 * by the calibrated pair scorer; the most probable duplicate gives the cluster, leads about the
 * same subject but another incident are linked as related. An embedder without calibrated
 * parameters falls back to the cosine rule of its threshold. Pure.
 */
import type { Dedup, LeadLink, Screening } from '../models/lead';
import { cosine } from '../models/math';
import type { ReportScreened } from '../models/messages';
import { explain } from './pairs/explain';
import { scorePair, type DedupParams } from './pairs/scorer';

export interface EarlierLead {
  readonly leadId: string;
  /** The earlier lead's current cluster (merges move members, so it is always a live cluster). */
  readonly clusterId: string;
  readonly screening: Screening;
}

export interface Decision {
  readonly dedup: Dedup;
  readonly links: readonly LeadLink[];
}

/** At most this many related links per lead: the analyst reads them. */
export const MAX_RELATED = 5;

export function decide(lead: ReportScreened, earlier: readonly EarlierLead[], params: DedupParams | null, cosineThreshold: number): Decision {
  return params ? decideByScorer(lead, earlier, params) : decideByCosine(lead, earlier, cosineThreshold);
}

/** Cosine of two leads' vectors, rounded as stored; undefined when two embedders made them. */
function leadCosine(a: Screening, b: Screening): number | undefined {
  if (a.embedderId !== b.embedderId || a.embedding.length !== b.embedding.length) return undefined;
  return round(cosine(a.embedding, b.embedding));
}

function decideByScorer(lead: ReportScreened, earlier: readonly EarlierLead[], params: DedupParams): Decision {
  const scored = earlier
    .map((e) => ({ e, x: scorePair(e.screening, lead.screening, params), cos: leadCosine(e.screening, lead.screening) }))
    .sort((a, b) => b.x.probability - a.x.probability || a.e.leadId.localeCompare(b.e.leadId));
  // Only linked pairs are explained: the sentence matching is the costly part.
  const link = (s: (typeof scored)[number], kind: LeadLink['kind']): LeadLink => {
    const why = explain(s.e.screening, lead.screening, params);
    return {
      leadId: lead.reportId,
      otherLeadId: s.e.leadId,
      kind,
      probability: round(kind === 'duplicate' ? s.x.probability : s.x.relatedProbability),
      evidence: {
        text: why.text,
        ...(s.cos !== undefined ? { cosine: s.cos } : {}),
        contributions: why.contributions.map((c) => ({
          field: c.field,
          state: c.state,
          weight: round(c.weight),
          ...(c.value !== undefined ? { value: round(c.value) } : {}),
          ...(c.detail ? { detail: c.detail } : {}),
        })),
        ...(why.sentences ? { sentences: why.sentences } : {}),
      },
    };
  };
  const best = scored.find((s) => s.x.outcome === 'duplicate');
  const related = scored.filter((s) => s.x.outcome === 'related').slice(0, MAX_RELATED);
  const links = [...(best ? [link(best, 'duplicate')] : []), ...related.map((s) => link(s, 'related'))];
  const relatedIds = related.map((s) => s.e.leadId);
  const nearest = best ?? scored[0];
  const dedup: Dedup = {
    decision: best ? 'duplicate' : 'new',
    clusterId: best ? best.e.clusterId : lead.reportId,
    ...(nearest ? { matchedLeadId: nearest.e.leadId, probability: round(nearest.x.probability) } : {}),
    ...(nearest?.cos !== undefined ? { score: nearest.cos } : {}),
    ...(relatedIds.length > 0 ? { related: relatedIds } : {}),
  };
  return { dedup, links };
}

function decideByCosine(lead: ReportScreened, earlier: readonly EarlierLead[], threshold: number): Decision {
  const best = earlier
    .map((e) => ({ e, cos: leadCosine(e.screening, lead.screening) ?? -1 }))
    .sort((a, b) => b.cos - a.cos || a.e.leadId.localeCompare(b.e.leadId))[0];
  if (best && best.cos >= threshold) {
    const dedup: Dedup = { decision: 'duplicate', clusterId: best.e.clusterId, matchedLeadId: best.e.leadId, score: best.cos };
    const text = `判定：同一事件（重复线索）。依据：语义相似度 ${best.cos.toFixed(2)}，不低于阈值 ${threshold}（该向量模型尚无校准的逐项比对参数）`;
    return {
      dedup,
      links: [{ leadId: lead.reportId, otherLeadId: best.e.leadId, kind: 'duplicate', probability: best.cos, evidence: { text, cosine: best.cos, contributions: [] } }],
    };
  }
  return { dedup: best ? { decision: 'new', clusterId: lead.reportId, matchedLeadId: best.e.leadId, score: best.cos } : { decision: 'new', clusterId: lead.reportId }, links: [] };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
