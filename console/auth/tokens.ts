/**
 * Short-lived signed session tokens: `<payload>.<HMAC-SHA-256>` (base64url), 15 minutes by
 * default. The payload carries the user's id, name, role and scope, so a request needs no
 * database round trip; the short life bounds how long a disabled user or a changed role lingers.
 * One algorithm, no header to choose it: nothing to confuse.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Principal } from '../../models/access';
import { isProvinceCode } from '../../models/divisions';
import { ConfigurationError } from '../../models/errors';

export const DEFAULT_TOKEN_TTL_S = 15 * 60;

interface Claims {
  readonly sub: string;
  readonly name: string;
  readonly role: string;
  readonly prov: string | null;
  readonly iat: number;
  readonly exp: number;
}

export class TokenSigner {
  constructor(
    private readonly secret: Buffer,
    readonly ttlSeconds: number = DEFAULT_TOKEN_TTL_S,
  ) {
    if (secret.length < 32) throw new ConfigurationError('CONSOLE_TOKEN_SECRET must be base64 of at least 32 bytes');
  }

  sign(user: Principal, now: Date): { token: string; expiresAt: string } {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: Claims = { sub: user.id, name: user.name, role: user.role, prov: user.scope.kind === 'province' ? user.scope.provinceCode : null, iat, exp: iat + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${payload}.${this.mac(payload)}`, expiresAt: new Date(claims.exp * 1000).toISOString() };
  }

  /** The user of a valid, unexpired token; undefined otherwise. */
  verify(token: string, now: Date): Principal | undefined {
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined || payload.length > 2048) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    } catch {
      return undefined;
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime() || !isRole(claims.role)) return undefined;
    if (claims.prov !== null && !isProvinceCode(claims.prov)) return undefined;
    return { id: claims.sub, name: claims.name, role: claims.role, scope: claims.prov === null ? { kind: 'national' } : { kind: 'province', provinceCode: claims.prov } };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
