/** The routing stage: reports.deduped → leads.province.<code> / leads.national / leads.out-of-scope / leads.held. */
import { BadMessageError } from '../models/errors';
import type { Route } from '../models/lead';
import type { LeadRouted, ReportDeduped } from '../models/messages';
import type { LeadRepository, ReportRepository } from '../models/ports/repositories.port';
import { emitted, type Stage } from '../models/stage';
import { GROUPS, TOPICS } from '../models/topics';
import type { ActiveRuleSet } from './active-rule-set';
import { decide } from './evaluate';
import { factsOf, storedFacts } from './lead-facts';
import type { RoutingFacts } from './routing.port';

export interface RoutingStageDeps {
  readonly rules: ActiveRuleSet;
  readonly facts: RoutingFacts;
  readonly leads: Pick<LeadRepository, 'findRoute' | 'saveRoute'>;
  readonly reports: Pick<ReportRepository, 'advanceStatus'>;
}

export function parseReportDeduped(value: unknown): ReportDeduped {
  const v = value as Partial<ReportDeduped> | null;
  if (!v || typeof v.reportId !== 'string' || typeof v.dedup?.clusterId !== 'string' || !Array.isArray(v.screening?.categories)) {
    throw new BadMessageError('消息格式不正确：缺少举报编号、查重结果或类别');
  }
  return v as ReportDeduped;
}

/** What a queue's consumer receives. */
export function routedMessage(lead: ReportDeduped, route: Route): LeadRouted {
  return {
    leadId: lead.reportId,
    receivedAt: lead.receivedAt,
    route,
    dedup: lead.dedup,
    categories: lead.screening.categories,
    credibility: lead.screening.credibility,
    location: lead.screening.location,
  };
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
        const rules = await deps.rules.current();
        const facts = factsOf(lead, await deps.facts.clusterFacts(lead.dedup.clusterId));
        route = decide(rules, facts);
        // Facts before the route: a replay that finds the route finds its facts too.
        await deps.facts.saveFacts(lead.reportId, storedFacts(facts), clock.now());
        await deps.leads.saveRoute(lead.reportId, route, clock.now());
      }
      await deps.reports.advanceStatus(lead.reportId, 'routed', clock.now());
      return emitted({ topic: route.topic, key: lead.reportId, value: routedMessage(lead, route) });
    },
  };
}
