/**
 * Verification of the audit log's hash chain (migration 0006), outside the database: every entry
 * is re-hashed here from its stored fields and the previous entry's hash, so neither an altered
 * row, nor a removed one, nor a swapped database function goes unnoticed. The database computes
 * the hashes on insert with the same canonical text:
 *
 *   sha256( prev_hash | seq | f(actor) | f(action) | f(cluster_id) | f(lead_id) | f(details) | f(reason) | f(at) )
 *
 * where f(v) is `<UTF-8 octets>:<v>` and `~` for null, `details` is the jsonb's text form and `at`
 * is UTC with microseconds. The chain head (last seq and hash) is checked too, so cutting entries
 * off the end shows. What it cannot prove on its own: that someone able to rewrite the whole
 * table and the head did not re-hash everything after a change; for that, keep the printed head
 * hash somewhere else (a case file, a daily note) and compare.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../models/ports/store.port';

export const GENESIS_HASH = '0'.repeat(64);

/** One entry as read for verification: text columns exactly as the database hashed them. */
export interface ChainEntry {
  readonly auditId: string;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly actor: string;
  readonly action: string;
  readonly clusterId: string | null;
  readonly leadId: string | null;
  readonly details: string;
  readonly reason: string | null;
  readonly at: string;
}

export type ChainProblem = 'altered' | 'removed' | 'relinked' | 'truncated';

export interface ChainReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: { readonly seq: number; readonly hash: string };
  /** The first entry found broken, with what is wrong, in English for the operator. */
  readonly firstBroken?: { readonly seq: number; readonly auditId: string | null; readonly problem: ChainProblem; readonly message: string };
}

const field = (v: string | null): string => (v === null ? '~' : `${Buffer.byteLength(v, 'utf8')}:${v}`);

/** The hash an entry must carry, given the previous entry's hash. */
export function entryHash(prevHash: string, e: Omit<ChainEntry, 'auditId' | 'prevHash' | 'hash'>): string {
  const text = [prevHash, String(e.seq), field(e.actor), field(e.action), field(e.clusterId), field(e.leadId), field(e.details), field(e.reason), field(e.at)].join('|');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const READ_BATCH = `
SELECT audit_id::text AS audit_id, seq, prev_hash, hash, actor, action, cluster_id::text AS cluster_id, lead_id::text AS lead_id,
  details::text AS details, reason, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`;
const READ_HEAD = 'SELECT seq, hash FROM audit_chain_head WHERE id = 1';

type Row = { audit_id: string; seq: number | string; prev_hash: string; hash: string; actor: string; action: string; cluster_id: string | null; lead_id: string | null; details: string; reason: string | null; at: string };

/** Reads the chain in order, `batch` entries at a time. */
export async function* readChain(db: Queryable, batch = 5000): AsyncGenerator<ChainEntry> {
  let after = 0;
  for (;;) {
    const { rows } = await db.query<Row>(READ_BATCH, [after, batch]);
    for (const r of rows) {
      yield { auditId: r.audit_id, seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash, actor: r.actor, action: r.action, clusterId: r.cluster_id, leadId: r.lead_id, details: r.details, reason: r.reason, at: r.at };
    }
    if (rows.length < batch) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** Walks the whole chain and stops at the first broken entry. */
export async function verifyAuditChain(db: Queryable, batch?: number): Promise<ChainReport> {
  const headRow = (await db.query<{ seq: number | string; hash: string }>(READ_HEAD)).rows[0];
  const head = { seq: Number(headRow?.seq ?? 0), hash: headRow?.hash ?? GENESIS_HASH };
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const broken = (seq: number, auditId: string | null, problem: ChainProblem, message: string): ChainReport => ({ ok: false, entries, head, firstBroken: { seq, auditId, problem, message } });
  for await (const e of readChain(db, batch)) {
    if (e.seq !== expectedSeq) return broken(expectedSeq, null, 'removed', `audit entry ${expectedSeq} is missing (the next one present is ${e.seq}, audit_id ${e.auditId})`);
    if (e.prevHash !== prevHash) return broken(e.seq, e.auditId, 'relinked', `audit entry ${e.seq} (audit_id ${e.auditId}) does not point to entry ${e.seq - 1}'s hash`);
    if (entryHash(prevHash, e) !== e.hash) return broken(e.seq, e.auditId, 'altered', `audit entry ${e.seq} (audit_id ${e.auditId}, ${e.action} by ${e.actor}) was altered: its content no longer matches its hash`);
    prevHash = e.hash;
    expectedSeq += 1;
    entries += 1;
  }
  if (head.seq > entries) return broken(entries + 1, null, 'truncated', `the chain head records ${head.seq} entries but ${entries} remain: entries from ${entries + 1} on were removed`);
  if (head.seq !== entries || head.hash !== prevHash) return broken(entries, null, 'relinked', `the chain head (entry ${head.seq}) does not match the last entry (${entries})`);
  return { ok: true, entries, head };
}
