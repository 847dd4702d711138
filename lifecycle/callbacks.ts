/**
 * Callbacks (回访): each month the national office draws, per province, a random sample of the
 * cases concluded that month whose reporter can be reached, and asks each reporter by SMS whether
 * they are satisfied. The draw is reproducible: its seed is recorded with it, and the same seed
 * over the same concluded cases gives the same sample (leads sorted by id, then a seeded
 * Fisher–Yates shuffle per province). Drawing a month twice is refused; the draw and each outcome
 * are audited. The SMS goes through a port; the shipped adapter writes an outbox row with the
 * report id only, never a number.
 */
import { createHash, randomBytes } from 'node:crypto';
import { assertCan, type Principal } from '../models/access';
import { ConflictError, NotFoundError, ValidationError } from '../models/errors';
import type { Clock } from '../models/ports/runtime.port';
import type { LifecycleStore } from './lifecycle.port';

export const CALLBACK_OUTCOMES = ['satisfied', 'dissatisfied', 'unreachable'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
export const CALLBACK_OUTCOME_NAMES: Readonly<Record<CallbackOutcome, string>> = { satisfied: '满意', dissatisfied: '不满意', unreachable: '无法联系' };

export const CALLBACK_SMS = '【全国扫黑办】您好！您此前提交的举报已办结。请回复数字评价办理情况：1 满意，2 不满意。感谢您对扫黑除恶工作的支持。';

/** A concluded, reachable case that may be drawn. */
export interface CallbackCandidate {
  readonly leadId: string;
  readonly provinceCode: string;
}

export interface CallbackRow {
  readonly month: string;
  readonly leadId: string;
  readonly provinceCode: string;
  readonly outcome: CallbackOutcome | null;
}

/** The callbacks' SQL, as a port. */
export interface CallbackRepository {
  /** Cases concluded in the month (China Standard Time) whose reporter can be reached. */
  candidates(month: string): Promise<CallbackCandidate[]>;
  /** Records the draw and its sample; false when the month was drawn already. */
  saveDraw(draw: { month: string; seed: string; perProvince: number; drawnBy: string; drawnAt: string }, sample: readonly CallbackCandidate[]): Promise<boolean>;
  findCallback(month: string, leadId: string): Promise<CallbackRow | undefined>;
  saveOutcome(month: string, leadId: string, outcome: CallbackOutcome, note: string | null, by: string, at: string): Promise<void>;
}

/** Sends text messages to a report's reporter (the gateway finds the number in the sealed store). */
export interface SmsPort {
  send(message: { reportId: string; purpose: string; body: string; at: string }): Promise<void>;
}

/** A deterministic generator from a seed string (SHA-256 of seed and counter, 32 bits at a time). */
function seededUniform(seed: string): () => number {
  let counter = 0;
  return () => createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The sample: at most `perProvince` per province, the same for the same seed and candidates. */
export function drawSample(candidates: readonly CallbackCandidate[], seed: string, perProvince: number): CallbackCandidate[] {
  const byProvince = new Map<string, CallbackCandidate[]>();
  for (const c of [...candidates].sort((a, b) => a.leadId.localeCompare(b.leadId))) byProvince.set(c.provinceCode, [...(byProvince.get(c.provinceCode) ?? []), c]);
  const sample: CallbackCandidate[] = [];
  for (const province of [...byProvince.keys()].sort()) {
    const pool = byProvince.get(province)!;
    const random = seededUniform(`${seed}/${province}`);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    sample.push(...pool.slice(0, perProvince));
  }
  return sample;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function createCallbacks(deps: { repository: CallbackRepository; store: LifecycleStore; sms: SmsPort; clock: Clock }) {
  return {
    /** Draws the month's sample (a fresh seed unless one is given, to reproduce a draw), records it, audits it, sends the SMS. */
    async draw(who: Principal, month: string, perProvince: number, seed = randomBytes(16).toString('hex')): Promise<{ month: string; seed: string; sample: CallbackCandidate[] }> {
      assertCan(who, 'case:direct');
      if (!MONTH.test(month)) throw new ValidationError('月份格式应为 YYYY-MM');
      if (!Number.isInteger(perProvince) || perProvince < 1 || perProvince > 1000) throw new ValidationError('每省抽样数应为 1 至 1000 的整数');
      const at = deps.clock.now().toISOString();
      const sample = drawSample(await deps.repository.candidates(month), seed, perProvince);
      if (!(await deps.repository.saveDraw({ month, seed, perProvince, drawnBy: who.id, drawnAt: at }, sample))) throw new ConflictError(`${month} 的回访样本已抽取，不能重复抽取`);
      await deps.store.inTransaction((tx) => tx.appendAudit({ actor: who.id, action: 'callback-draw', clusterId: null, leadId: null, details: { month, seed, perProvince, leads: sample.map((s) => s.leadId) }, reason: null, at }));
      for (const s of sample) await deps.sms.send({ reportId: s.leadId, purpose: `callback-${month}`, body: CALLBACK_SMS, at });
      return { month, seed, sample };
    },

    /** Records what the reporter answered (or that they could not be reached); audited. */
    async recordOutcome(who: Principal, month: string, leadId: string, outcome: CallbackOutcome, note?: string): Promise<CallbackRow> {
      assertCan(who, 'case:direct');
      const found = await deps.repository.findCallback(month, leadId);
      if (!found) throw new NotFoundError('该线索不在本月回访样本中');
      const at = deps.clock.now().toISOString();
      await deps.repository.saveOutcome(month, leadId, outcome, note?.trim() || null, who.id, at);
      await deps.store.inTransaction((tx) => tx.appendAudit({ actor: who.id, action: 'callback-outcome', clusterId: null, leadId, details: { month, outcome }, reason: note?.trim() || null, at }));
      return { ...found, outcome };
    },
  };
}

export type Callbacks = ReturnType<typeof createCallbacks>;
