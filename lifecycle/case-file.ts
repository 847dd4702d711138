/**
 * A lead's case file (`npm run export -- lead ID`): the report and lead as screened and routed
 * (never the reporter's identity), its case, and its whole audit history with each entry's place
 * and hash in the chain, so the file can be checked against `npm run audit -- verify` later. The
 * export itself is audited first, so the file carries its own export entry.
 */
import { NotFoundError } from '../models/errors';
import type { Clock } from '../models/ports/runtime.port';
import type { CaseAuditEntry, LeadFacts, LifecycleReadModel, LifecycleStore } from './lifecycle.port';
import { toCaseView, type CaseView } from './lifecycle.views';

export const CASE_FILE_FORMAT = 'xiansuo-case-file/1';

export interface CaseFile {
  readonly format: typeof CASE_FILE_FORMAT;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly lead: LeadFacts;
  readonly case: CaseView | null;
  readonly history: readonly CaseAuditEntry[];
}

export async function exportCaseFile(deps: { reads: LifecycleReadModel; store: LifecycleStore; clock: Clock }, exportedBy: string, leadId: string, reason: string | null = null): Promise<CaseFile> {
  const lead = await deps.reads.leadFacts(leadId);
  if (!lead) throw new NotFoundError('未找到该线索');
  const at = deps.clock.now().toISOString();
  await deps.store.inTransaction((tx) => tx.appendAudit({ actor: exportedBy, action: 'export', clusterId: lead.clusterId, leadId, details: { format: CASE_FILE_FORMAT }, reason, at }));
  const c = await deps.reads.findCase(leadId);
  return { format: CASE_FILE_FORMAT, exportedAt: at, exportedBy, lead, case: c ? toCaseView(c) : null, history: await deps.reads.history(leadId) };
}
