/** Console users as stored: argon2 password hashes, TOTP secrets for national-office roles. */
import type { Role } from '../models/access';

export interface ConsoleUserRecord {
  readonly userId: string;
  readonly displayName: string;
  readonly role: Role;
  /** The province of a provincial role; null for national roles. */
  readonly provinceCode: string | null;
  readonly passwordHash: string;
  /** Base32 TOTP secret (national-office roles), else null. */
  readonly totpSecret: string | null;
  readonly disabled: boolean;
}

export interface ConsoleUserStore {
  find(userId: string): Promise<ConsoleUserRecord | undefined>;
  /** Creates or replaces the user (keyed by id). */
  save(user: ConsoleUserRecord, at: Date): Promise<void>;
  list(): Promise<ConsoleUserRecord[]>;
  /**
   * Records `step` as the user's last accepted TOTP time step; false when that step or a later
   * one was already accepted (a replayed code). One conditional statement: two logins racing
   * with the same code cannot both win.
   */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
}
