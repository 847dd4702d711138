/**
 * Console passwords: argon2id hashes (@node-rs/argon2, a binary shipped in the npm package; the
 * `argon2` package's prebuilt binary crashes on this machine). Parameters: OWASP's minimum for
 * argon2id (19 MiB, 2 passes, 1 lane), ~30 ms here.
 */
import { hash, verify } from '@node-rs/argon2';

/** The library's default algorithm is argon2id. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False on a wrong password or an unreadable hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so the answer takes as long either way. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that matches nothing');
  return decoy;
}
