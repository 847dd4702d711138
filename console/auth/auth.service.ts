/**
 * Console login: user id and password (argon2), plus a TOTP code for national-office roles;
 * answers a short-lived signed token. Every failure reads the same ("用户名、密码或动态验证码
 * 不正确") whatever was wrong, and is audited; an unknown user costs as much time as a known one.
 */
import { needsSecondFactor, type Principal } from '../../models/access';
import { UnauthorizedError } from '../../models/errors';
import type { AuditTrail } from '../../models/ports/audit.port';
import type { Clock } from '../../models/ports/runtime.port';
import type { ConsoleUserRecord, ConsoleUserStore } from '../users.port';
import { decoyHash, verifyPassword } from './passwords';
import type { TokenSigner } from './tokens';
import { totpStep } from './totp';

export interface LoginRequest {
  readonly userId: string;
  readonly password: string;
  readonly totp?: string;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: Principal;
}

export interface AuthDeps {
  readonly users: ConsoleUserStore;
  readonly signer: TokenSigner;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly clock: Clock;
}

export type Auth = ReturnType<typeof createAuth>;

const REFUSED = '用户名、密码或动态验证码不正确';

export function principalOf(user: ConsoleUserRecord): Principal {
  return {
    id: user.userId,
    name: user.displayName,
    role: user.role,
    scope: user.provinceCode === null ? { kind: 'national' } : { kind: 'province', provinceCode: user.provinceCode },
  };
}

export function createAuth(deps: AuthDeps) {
  const { users, signer, audit, clock } = deps;

  async function refuse(userId: string, why: string): Promise<never> {
    // The reason stays in the trail; the client learns only that the login failed.
    await audit.append({ actor: userId.slice(0, 64), action: 'login-failed', details: { why }, at: clock.now().toISOString() });
    throw new UnauthorizedError(REFUSED);
  }

  return {
    async login(request: LoginRequest): Promise<Session> {
      const user = await users.find(request.userId);
      const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), request.password);
      if (!user || user.disabled || !passwordOk) return refuse(request.userId, !user ? 'unknown user' : user.disabled ? 'disabled' : 'password');
      const now = clock.now();
      if (needsSecondFactor(user.role)) {
        if (!user.totpSecret) return refuse(user.userId, 'no second factor enrolled');
        const step = request.totp ? totpStep(user.totpSecret, request.totp, now) : undefined;
        if (step === undefined) return refuse(user.userId, request.totp ? 'totp' : 'totp missing');
        if (!(await users.claimTotpStep(user.userId, step))) return refuse(user.userId, 'totp replayed');
      }
      const principal = principalOf(user);
      const { token, expiresAt } = signer.sign(principal, now);
      await audit.append({ actor: user.userId, action: 'login', details: { role: user.role }, at: now.toISOString() });
      return { token, expiresAt, user: principal };
    },

    /** The user a bearer token stands for, or a 401. */
    principal(token: string): Principal {
      const user = token ? signer.verify(token, clock.now()) : undefined;
      if (!user) throw new UnauthorizedError('请先登录（登录已失效或令牌无效）');
      return user;
    },
  };
}
