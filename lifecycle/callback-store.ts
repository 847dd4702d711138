/** Callbacks and the SMS outbox in SQL (migration 0006); the same statements on PGlite and PostgreSQL. */
import type { Queryable, Store } from '../models/ports/store.port';
import type { CallbackCandidate, CallbackOutcome, CallbackRepository, CallbackRow, SmsPort } from './callbacks';

const CANDIDATES = `
SELECT c.lead_id, c.province_code FROM lead_cases c
WHERE c.contactable AND c.concluded_at IS NOT NULL AND c.state IN ('concluded', 'feedback-delivered')
  AND to_char((c.concluded_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') = $1
ORDER BY c.lead_id`;
const SAVE_DRAW = `INSERT INTO callback_draws (month, seed, per_province, drawn_by, drawn_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (month) DO NOTHING RETURNING month`;
const SAVE_SAMPLED = `INSERT INTO callbacks (month, lead_id, province_code) VALUES ($1, $2, $3)`;
const FIND_CALLBACK = 'SELECT month, lead_id, province_code, outcome FROM callbacks WHERE month = $1 AND lead_id = $2';
const SAVE_OUTCOME = 'UPDATE callbacks SET outcome = $3, note = $4, recorded_by = $5, recorded_at = $6 WHERE month = $1 AND lead_id = $2';
const SEND_SMS = 'INSERT INTO sms_outbox (report_id, purpose, body, created_at) VALUES ($1, $2, $3, $4)';

export class SqlCallbackRepository implements CallbackRepository {
  constructor(private readonly store: Store) {}

  async candidates(month: string): Promise<CallbackCandidate[]> {
    return (await this.store.query<{ lead_id: string; province_code: string }>(CANDIDATES, [month])).rows.map((r) => ({ leadId: r.lead_id, provinceCode: r.province_code }));
  }

  async saveDraw(draw: { month: string; seed: string; perProvince: number; drawnBy: string; drawnAt: string }, sample: readonly CallbackCandidate[]): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      const { rows } = await tx.query(SAVE_DRAW, [draw.month, draw.seed, draw.perProvince, draw.drawnBy, draw.drawnAt]);
      if (rows.length === 0) return false;
      for (const s of sample) await tx.query(SAVE_SAMPLED, [draw.month, s.leadId, s.provinceCode]);
      return true;
    });
  }

  async findCallback(month: string, leadId: string): Promise<CallbackRow | undefined> {
    const r = (await this.store.query<{ month: string; lead_id: string; province_code: string; outcome: string | null }>(FIND_CALLBACK, [month, leadId])).rows[0];
    return r && { month: r.month, leadId: r.lead_id, provinceCode: r.province_code, outcome: r.outcome as CallbackOutcome | null };
  }

  async saveOutcome(month: string, leadId: string, outcome: CallbackOutcome, note: string | null, by: string, at: string): Promise<void> {
    await this.store.query(SAVE_OUTCOME, [month, leadId, outcome, note, by, at]);
  }
}

/** The shipped SMS adapter: an outbox table that a gateway reads and marks sent. */
export class SqlSmsOutbox implements SmsPort {
  constructor(private readonly db: Queryable) {}

  async send(m: { reportId: string; purpose: string; body: string; at: string }): Promise<void> {
    await this.db.query(SEND_SMS, [m.reportId, m.purpose, m.body, m.at]);
  }
}
