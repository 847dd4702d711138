/**
 * The demo's second part: one real-name report from the form to the callback. Submitted through
 * the intake, routed by the pipeline, then worked by the province (accept, contact, verify,
 * conclude), signed off (dual review when the policy asks), fed back, checked by the deadline
 * scheduler, drawn for the month's callback, answered; the reporter's look-up is shown at each
 * step, and at the end the lead's case file and the audit chain are checked.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../infra/pipeline';
import { verifyAuditChain } from '../infra/store/audit-chain';
import { hashedPart } from '../ingest/query-code';
import { exportCaseFile } from '../lifecycle/case-file';
import { SqlLifecycleReadModel, SqlLifecycleStore } from '../lifecycle/lifecycle-store';
import type { CaseCommand } from '../lifecycle/lifecycle';
import type { Principal } from '../models/access';
import type { Store } from '../models/ports/store.port';

const REPORT = {
  reporter: { anonymous: false, name: '李明', phone: '13912345678' },
  subject: { people: [{ name: '王大虎', nicknames: ['虎哥'] }] },
  facts: { text: '甘肃省兰州市城关区的王大虎（外号虎哥）纠集十余人，长期在东部批发市场强收保护费，每个摊位每月500元，不交就砸摊打人。', place: '甘肃省兰州市城关区' },
};

/** Returns true when the lead reached the callback and the audit chain verifies. */
export async function showLifecycle(services: Services, store: Store, intake: FastifyInstance): Promise<boolean> {
  console.log('\n— one lead, from the form to the callback —');
  const { queryCode } = (await intake.inject({ method: 'POST', url: '/api/v1/reports', payload: REPORT })).json<{ queryCode: string }>();
  const leadId = (await services.reports.findReportIdByQueryCodeHash(services.queryCodes.hash(hashedPart(queryCode))))!;
  for (let i = 0; i < 600 && !(await services.leads.findRoute(leadId)); i++) await new Promise((r) => setTimeout(r, 100));
  const lookUp = async () => (await intake.inject({ method: 'GET', url: `/api/v1/reports/${queryCode}` })).json<{ statusLabel: string; feedback: string | null }>();
  const look = await lookUp();
  console.log(`citizen: query code ${queryCode} → ${look.statusLabel}`);

  const lifecycle = services.lifecycle.service;
  const national: Principal = { id: 'demo-national', name: '全国办分析员', role: 'national-analyst', scope: { kind: 'national' } };
  const first = await lifecycle.getCase(national, leadId).catch(() => undefined);
  if (!first) {
    console.log(`the lead was not routed to a province (route: ${JSON.stringify(await services.leads.findRoute(leadId))}); nothing to work`);
    return false;
  }
  const province = { kind: 'province' as const, provinceCode: first.provinceCode };
  const analyst: Principal = { id: 'demo-analyst', name: '省级分析员', role: 'provincial-analyst', scope: province };
  const chief: Principal = { id: 'demo-chief', name: '省级负责人', role: 'provincial-supervisor', scope: province };
  console.log(`case opened in ${first.provinceName}: ${first.stateName}, priority ${first.priorityName}, contact due ${first.contactDueAt ?? '—'}, conclusion due ${first.conclusionDueAt}`);

  const step = async (who: Principal, command: CaseCommand) => {
    const outcome = await lifecycle.act(who, leadId, command);
    const c = await lifecycle.getCase(national, leadId);
    console.log(`${who.name.padEnd(6, '　')} ${command.action.padEnd(20)} → ${c.stateName.padEnd(6, '　')} (moved ${outcome.moved.length}); citizen sees: ${(await lookUp()).statusLabel}`);
    return c;
  };
  await step(analyst, { action: 'accept', reason: '已登记受理' });
  await step(analyst, { action: 'record-contact', reason: '电话联系举报人，核实细节' });
  await step(analyst, { action: 'verify' });
  const proposed = await step(analyst, { action: 'conclude', result: 'substantiated', reason: '经核查，王大虎团伙强收保护费属实，已移送公安机关立案侦查' });
  await step(chief, { action: 'sign-off-provincial' });
  if (proposed.nationalReviewRequired) await step(national, { action: 'sign-off-national' });
  await step(analyst, { action: 'deliver-feedback', feedback: '您反映的问题经核查属实，相关人员已依法处理。感谢您对扫黑除恶工作的支持。' });
  const after = await lookUp();
  console.log(`citizen: ${after.statusLabel} — “${after.feedback}”`);

  const tick = await services.lifecycle.scheduler.tick();
  console.log(`deadline scheduler: ${tick.open} open cases, ${tick.dueSoon} due soon, ${tick.overdue} overdue, ${tick.reminders} reminders`);
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const drawn = await services.lifecycle.callbacks.draw(national, month, 5, `demo-${month}`);
  console.log(`callback draw ${month} (seed ${drawn.seed}): ${drawn.sample.length} lead(s) sampled; SMS queued in the outbox`);
  if (drawn.sample.some((s) => s.leadId === leadId)) {
    await services.lifecycle.callbacks.recordOutcome(national, month, leadId, 'satisfied', '短信回复 1');
    console.log('callback outcome: 满意');
  }
  const board = await services.lifecycle.supervision.board(national);
  const row = board.provinces.find((p) => p.provinceCode === first.provinceCode);
  console.log(`supervision board, ${row?.provinceName}: open ${row?.open}, due soon ${row?.dueSoon}, overdue ${row?.overdue}, concluded ${row?.concluded}`);

  const file = await exportCaseFile({ reads: new SqlLifecycleReadModel(store), store: new SqlLifecycleStore(store), clock: { now: () => new Date() } }, 'demo', leadId);
  console.log(`case file: ${file.history.length} history entries: ${file.history.map((e) => e.action).join(', ')}`);
  const chain = await verifyAuditChain(store);
  console.log(chain.ok ? `audit chain intact: ${chain.entries} entries, head ${chain.head.hash.slice(0, 16)}…` : `audit chain BROKEN: ${chain.firstBroken?.message}`);
  return chain.ok && file.case?.state === 'feedback-delivered';
}
