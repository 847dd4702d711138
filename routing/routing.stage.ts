/** The routing stage: reports.deduped → leads.province.<code> / leads.national / leads.out-of-scope. */
import { BadMessageError } from '../models/errors';
import type { Route, RouteTarget } from '../models/lead';
import type { LeadRouted, ReportDeduped } from '../models/messages';
import type { LeadRepository, ReportRepository, RoutingRulesRepository } from '../models/ports/repositories.port';
import { emitted, type Stage } from '../models/stage';
import { GROUPS, TOPICS, provinceTopic } from '../models/topics';
import { applyRules, DEFAULT_RULES, type RoutingRules } from './rules';

export interface RoutingStageDeps {
  readonly rules: Pick<RoutingRulesRepository<RoutingRules>, 'current'>;
  readonly leads: Pick<LeadRepository, 'findRoute' | 'saveRoute'>;
  readonly reports: Pick<ReportRepository, 'advanceStatus'>;
}

export function topicFor(target: RouteTarget): string {
  if (target.kind === 'province') return provinceTopic(target.provinceCode);
  return target.kind === 'national' ? TOPICS.national : TOPICS.outOfScope;
}

export function parseReportDeduped(value: unknown): ReportDeduped {
  const v = value as Partial<ReportDeduped> | null;
  if (!v || typeof v.reportId !== 'string' || typeof v.dedup?.clusterId !== 'string' || !Array.isArray(v.screening?.categories)) {
    throw new BadMessageError('消息格式不正确：缺少举报编号、查重结果或类别');
  }
  return v as ReportDeduped;
}

export function createRoutingStage(deps: RoutingStageDeps): Stage<ReportDeduped> {
  return {
    name: 'routing',
    group: GROUPS.routing,
    inputTopic: TOPICS.deduped,
    parse: parseReportDeduped,
    async handle(lead, { clock }) {
      // A lead is routed once: a replay re-emits the stored route, whatever the rules are now.
      let route = await deps.leads.findRoute(lead.reportId);
      if (!route) {
        const current = await deps.rules.current();
        const decision = applyRules(current?.rules ?? DEFAULT_RULES, lead);
        route = { ...decision, topic: topicFor(decision.target), rulesVersion: current?.version ?? 0 } satisfies Route;
        await deps.leads.saveRoute(lead.reportId, route, clock.now());
      }
      await deps.reports.advanceStatus(lead.reportId, 'routed', clock.now());
      const out: LeadRouted = {
        leadId: lead.reportId,
        receivedAt: lead.receivedAt,
        route,
        dedup: lead.dedup,
        categories: lead.screening.categories,
        credibility: lead.screening.credibility,
        location: lead.screening.location,
      };
      return emitted({ topic: route.topic, key: lead.reportId, value: out });
    },
  };
}
