/**
 * Manual re-routing, its own message path (routing.reroutes → the old and the new queue): the
 * national office asked (audited, with a reason) to move a lead. Applied once in the store: the
 * lead's route changes and the request records the routes before and after, in one transaction;
 * a replay finds it applied and re-emits the same two messages. Both carry the request's id as
 * their idempotency key (`x-idempotency-key: reroute:<id>`); with the bus committing outputs and
 * offset together, the lead leaves the old queue and enters the new one exactly once.
 */
import { BadMessageError } from '../models/errors';
import type { Route } from '../models/lead';
import type { LeadRouted, LeadWithdrawn, RerouteRequested } from '../models/messages';
import type { OutgoingMessage } from '../models/ports/bus.port';
import { emitted, skipped, type Stage } from '../models/stage';
import { GROUPS, TOPICS } from '../models/topics';
import { targetOfQueue, topicOf } from './evaluate';
import type { RerouteLedger } from './routing.port';

export function parseRerouteRequested(value: unknown): RerouteRequested {
  const v = value as Partial<RerouteRequested> | null;
  if (!v || typeof v.rerouteId !== 'string' || typeof v.leadId !== 'string') throw new BadMessageError('消息格式不正确：缺少改派编号或线索编号');
  return { rerouteId: v.rerouteId, leadId: v.leadId };
}

/** The route a manual re-routing gives: the queue asked for, the version the lead had, the reason. */
export function manualRoute(request: { toQueue: string; reason: string; from: Route | null }, rerouteId: string): Route {
  const target = targetOfQueue(request.toQueue);
  return { target, topic: topicOf(target), rulesVersion: request.from?.rulesVersion ?? 0, ruleId: 'manual', reason: `人工改派：${request.reason}`, rerouteId };
}

export function createRerouteStage(deps: { ledger: RerouteLedger }): Stage<RerouteRequested> {
  return {
    name: 'rerouting',
    group: GROUPS.rerouting,
    inputTopic: TOPICS.reroutes,
    parse: parseRerouteRequested,
    async handle(request, { clock }) {
      const applied = await deps.ledger.apply(request.rerouteId, (r) => manualRoute(r, request.rerouteId), clock.now());
      if (!applied) return skipped(`unknown re-routing ${request.rerouteId}`);
      if (applied.from?.topic === applied.to.topic) return skipped(`lead ${applied.leadId} is already on ${applied.to.topic}`);
      const headers: Record<string, string> = { 'x-idempotency-key': `reroute:${applied.rerouteId}` };
      const routed: LeadRouted = { ...applied.lead, route: applied.to };
      const out: OutgoingMessage[] = [{ topic: applied.to.topic, key: applied.leadId, value: routed, headers }];
      if (applied.from) {
        const withdrawn: LeadWithdrawn = { kind: 'withdrawn', leadId: applied.leadId, rerouteId: applied.rerouteId, movedTo: applied.to.topic, reason: applied.reason };
        out.unshift({ topic: applied.from.topic, key: applied.leadId, value: withdrawn, headers: { ...headers, 'x-kind': 'withdrawn' } });
      }
      return emitted(...out);
    },
  };
}
