/** Console users in SQL (`console_users`, migration 0003): one statement per method. */
import { isRole } from '../models/access';
import { DataCorruptError } from '../models/errors';
import type { Queryable } from '../models/ports/store.port';
import type { ConsoleUserRecord, ConsoleUserStore } from './users.port';

type UserRow = {
  user_id: string;
  display_name: string;
  role: string;
  province_code: string | null;
  password_hash: string;
  totp_secret: string | null;
  disabled: boolean;
}

const COLUMNS = 'user_id, display_name, role, province_code, password_hash, totp_secret, disabled';

const SAVE = `
INSERT INTO console_users (user_id, display_name, role, province_code, password_hash, totp_secret, disabled, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (user_id) DO UPDATE SET display_name = $2, role = $3, province_code = $4, password_hash = $5,
  totp_secret = $6, disabled = $7, updated_at = $8,
  totp_last_step = CASE WHEN console_users.totp_secret IS DISTINCT FROM $6 THEN NULL ELSE console_users.totp_last_step END`;

const CLAIM_STEP = `
UPDATE console_users SET totp_last_step = $2
WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)
RETURNING user_id`;

function toUser(r: UserRow): ConsoleUserRecord {
  if (!isRole(r.role)) throw new DataCorruptError(`console user ${r.user_id} has an unknown role "${r.role}"`);
  return {
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role,
    provinceCode: r.province_code,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    disabled: r.disabled,
  };
}

export class SqlConsoleUserStore implements ConsoleUserStore {
  constructor(private readonly db: Queryable) {}

  async find(userId: string): Promise<ConsoleUserRecord | undefined> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM console_users WHERE user_id = $1`, [userId]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async save(u: ConsoleUserRecord, at: Date): Promise<void> {
    await this.db.query(SAVE, [u.userId, u.displayName, u.role, u.provinceCode, u.passwordHash, u.totpSecret, u.disabled, at]);
  }

  async list(): Promise<ConsoleUserRecord[]> {
    return (await this.db.query<UserRow>(`SELECT ${COLUMNS} FROM console_users ORDER BY user_id`)).rows.map(toUser);
  }

  async claimTotpStep(userId: string, step: number): Promise<boolean> {
    return (await this.db.query(CLAIM_STEP, [userId, step])).rows.length === 1;
  }
}
