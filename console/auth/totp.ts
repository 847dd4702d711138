/**
 * The second factor of national-office roles: TOTP (RFC 6238, 6 digits, 30 s, SHA-1: what every
 * authenticator app reads from the otpauth:// URI) through otplib. A code is accepted for its own
 * step and the one before (clock drift), and never twice (the store keeps the last step).
 */
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

const PERIOD_S = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

/** What an authenticator app scans. */
export function totpUri(userId: string, secret: string): string {
  return generateURI({ issuer: 'xiansuo 线索', label: userId, secret });
}

/** The current code (the demo and the tests act as the user's phone). */
export function totpCode(secret: string, at: Date = new Date()): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** The time step the code belongs to, or undefined when it is wrong or too old. */
export function totpStep(secret: string, code: string, at: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const epoch = Math.floor(at.getTime() / 1000);
  try {
    const result = verifySync({ secret, token: code, epoch, period: PERIOD_S, epochTolerance: [PERIOD_S, 0] });
    return result.valid ? Math.floor(epoch / PERIOD_S) + result.delta : undefined;
  } catch {
    return undefined;
  }
}
