/**
 * What the lifecycle reads and writes, as ports: a read model (queues, one case, history,
 * scheduler and supervision reads) and a store whose writes happen in one transaction with their
 * audit rows. Nothing here carries a reporter's identity.
 */
import type { CaseAction, CaseSnapshot, CaseState } from './lifecycle';
import type { DeadlineFlag, DeadlineKind, Priority } from './lifecycle.policy';

/** A case as stored. */
export interface CaseRecord extends CaseSnapshot {
  readonly leadId: string;
  /** The lead's live cluster (members move together). */
  readonly clusterId: string | null;
  readonly priority: Priority;
  readonly category: string;
  readonly receivedAt: string;
  readonly contactable: boolean;
  readonly contactDueAt: string | null;
  readonly conclusionDueAt: string;
  readonly concludedAt: string | null;
  readonly deadlineFlag: DeadlineFlag;
  readonly deadlineKind: DeadlineKind | null;
  readonly deadlineDueAt: string | null;
  readonly supervisedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A routed lead that has no case yet: what opening one needs. */
export interface CaseSource {
  readonly leadId: string;
  readonly provinceCode: string;
  readonly category: string;
  readonly credibility: number;
  readonly receivedAt: string;
  readonly contactable: boolean;
}

/** A row of the audit trail, as the lifecycle writes and reads it. */
export interface CaseAuditEntry {
  /** Position in the hash chain and the entry's hash, when read back. */
  readonly seq?: number;
  readonly hash?: string;
  readonly actor: string;
  readonly action: string;
  readonly clusterId: string | null;
  readonly leadId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly reason: string | null;
  readonly at: string;
}

export interface QueueQuery {
  /** Undefined: every province (national office). */
  readonly provinceCode?: string;
  readonly states?: readonly CaseState[];
  readonly flags?: readonly DeadlineFlag[];
  readonly limit: number;
  readonly offset: number;
}

/** Per province: what the supervision board counts. */
export interface ProvinceCounts {
  readonly provinceCode: string;
  readonly open: number;
  readonly dueSoon: number;
  readonly overdue: number;
  readonly concluded: number;
  readonly supervised: number;
}

/** What a case file says of the report and lead (never who reported). */
export interface LeadFacts {
  readonly leadId: string;
  readonly receivedAt: string;
  readonly pipelineStatus: string;
  readonly reporter: { readonly realName: boolean; readonly contactGiven: boolean };
  readonly category: string | null;
  readonly provinceCode: string | null;
  readonly credibility: number | null;
  readonly clusterId: string | null;
  readonly clusterMembers: readonly string[];
  readonly route: Readonly<Record<string, unknown>> | null;
  readonly routedAt: string | null;
  readonly deadlineAt: string | null;
}

/** One count of the supervision board's series: kind is received, concluded, overdue, duplicate or callback-<outcome>. */
export interface MonthlyFigure {
  readonly provinceCode: string;
  readonly month: string;
  readonly kind: string;
  readonly count: number;
}

export interface LifecycleReadModel {
  monthlyFigures(): Promise<MonthlyFigure[]>;
  /** The report and lead behind a case, for a case file; undefined when no such report. */
  leadFacts(leadId: string): Promise<LeadFacts | undefined>;
  /** Routed leads of a province queue without a case, oldest first. */
  uncased(limit: number): Promise<CaseSource[]>;
  findCase(leadId: string): Promise<CaseRecord | undefined>;
  /** Cases by deadline (soonest first), then receipt. */
  listCases(query: QueueQuery): Promise<{ total: number; cases: CaseRecord[] }>;
  /** Every case not concluded (for the scheduler). */
  openCases(): Promise<CaseRecord[]>;
  /** The lead's audit trail, oldest first. */
  history(leadId: string): Promise<CaseAuditEntry[]>;
  provinceCounts(): Promise<ProvinceCounts[]>;
}

export interface LifecycleWrites {
  /** Locks the case row until the transaction ends. */
  lockCase(leadId: string): Promise<CaseRecord | undefined>;
  /** Other cases of the lead's live cluster in the same state and province, locked. */
  lockCompanions(c: Pick<CaseRecord, 'leadId' | 'clusterId' | 'state' | 'provinceCode'>): Promise<CaseRecord[]>;
  /** Keyed insert: a case opened twice is opened once. */
  openCase(c: CaseRecord): Promise<void>;
  saveCase(c: CaseRecord): Promise<void>;
  appendAudit(entry: CaseAuditEntry): Promise<void>;
}

export interface LifecycleStore {
  inTransaction<T>(fn: (tx: LifecycleWrites) => Promise<T>): Promise<T>;
}

/** Reminders to a province (its code) or the national office (`national`). */
export interface NotificationPort {
  /** Keyed on (recipient, kind, lead): a reminder is sent once. Returns whether it was new. */
  notify(n: { recipient: string; kind: string; leadId: string; message: string; at: string }): Promise<boolean>;
}

/** What the history of a lead's move records. */
export type CaseAuditAction = `case-${CaseAction}`;
