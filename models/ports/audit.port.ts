/** The audit trail (`audit_log`): append-only, the database refuses updates and deletes. */

/** One entry: who did what, when, why. Never carries a reporter's identity, only that it was viewed. */
export interface AuditRecord {
  readonly actor: string;
  /** e.g. `access-denied`, `identity-view`, `login`, `login-failed`, or a review action. */
  readonly action: string;
  readonly clusterId?: string | null;
  readonly leadId?: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly reason?: string | null;
  /** ISO timestamp. */
  readonly at: string;
}

export interface AuditTrail {
  append(record: AuditRecord): Promise<void>;
  /** Newest first; `action` filters. */
  list(options: { limit: number; action?: string }): Promise<AuditRecord[]>;
}
