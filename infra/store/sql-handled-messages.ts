/** The stages' record of handled reports (migration 0004), the same statements on PGlite and PostgreSQL. */
import type { HandledClaim, HandledMessages } from '../../models/ports/handled-messages.port';
import type { Store } from '../../models/ports/store.port';

export class SqlHandledMessages implements HandledMessages {
  constructor(private readonly store: Store) {}

  async claim(stage: string, key: string, delivery: string, at: Date): Promise<HandledClaim> {
    const { rows } = await this.store.query<{ delivery: string }>(
      `INSERT INTO handled_messages (stage, report_id, delivery, handled_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stage, report_id) DO NOTHING RETURNING delivery`,
      [stage, key, delivery, at],
    );
    if (rows.length > 0) return 'first';
    const holder = await this.holder(stage, key);
    return holder === delivery ? 'again' : 'copy';
  }

  private async holder(stage: string, key: string): Promise<string | undefined> {
    const { rows } = await this.store.query<{ delivery: string }>('SELECT delivery FROM handled_messages WHERE stage = $1 AND report_id = $2', [
      stage,
      key,
    ]);
    return rows[0]?.delivery;
  }
}
