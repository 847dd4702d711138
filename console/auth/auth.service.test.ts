import { migrate } from '../../infra/store/migrate';
import { PgliteStore } from '../../infra/store/pglite-store';
import { UnauthorizedError, ValidationError } from '../../models/errors';
import { SqlAuditTrail } from '../sql-audit-trail';
import { SqlConsoleUserStore } from '../sql-users';
import { createAuth } from './auth.service';
import { provisionUser } from './provision';
import { TokenSigner } from './tokens';
import { totpCode } from './totp';

describe('console sign-in', () => {
  let store: PgliteStore;
  let users: SqlConsoleUserStore;
  let audit: SqlAuditTrail;
  let now = new Date('2026-03-01T08:00:00Z');
  const clock = { now: () => now };
  const signer = new TokenSigner(Buffer.alloc(32, 5), 900);
  let auth: ReturnType<typeof createAuth>;
  let nationalSecret: string;
  const PASSWORD = 'a long enough password';

  beforeAll(async () => {
    store = await PgliteStore.open();
    await migrate(store);
    users = new SqlConsoleUserStore(store);
    audit = new SqlAuditTrail(store);
    auth = createAuth({ users, signer, audit, clock });
    await provisionUser(users, { userId: 'gs-01', displayName: '甘肃分析员', role: 'provincial-analyst', provinceCode: '62', password: PASSWORD }, now);
    nationalSecret = (await provisionUser(users, { userId: 'nat-01', displayName: '全国办', role: 'national-analyst', password: PASSWORD }, now)).totp!.secret;
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  const refused = async (p: Promise<unknown>) => {
    const error = await p.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe('用户名、密码或动态验证码不正确');
  };

  it('signs a provincial analyst in with a password; the token carries role and province and expires', async () => {
    const session = await auth.login({ userId: 'gs-01', password: PASSWORD });
    expect(session.user).toEqual({ id: 'gs-01', name: '甘肃分析员', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } });
    expect(auth.principal(session.token)).toEqual(session.user);
    now = new Date(now.getTime() + 901_000);
    expect(() => auth.principal(session.token)).toThrow(UnauthorizedError);
  });

  it('refuses a wrong password, an unknown user and a tampered token alike, and audits the failures', async () => {
    await refused(auth.login({ userId: 'gs-01', password: 'wrong password!!' }));
    await refused(auth.login({ userId: 'nobody', password: PASSWORD }));
    const { token } = await auth.login({ userId: 'gs-01', password: PASSWORD });
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'national-analyst', prov: null })).toString('base64url');
    expect(() => auth.principal(`${forged}.${mac}`)).toThrow(UnauthorizedError);
    const failures = await audit.list({ limit: 10, action: 'login-failed' });
    expect(failures.map((f) => [f.actor, f.details.why])).toEqual([['nobody', 'unknown user'], ['gs-01', 'password']]);
    expect(JSON.stringify(failures)).not.toContain('wrong password');
  });

  it('asks the national office for the TOTP code, and never accepts the same code twice', async () => {
    await refused(auth.login({ userId: 'nat-01', password: PASSWORD }));
    await refused(auth.login({ userId: 'nat-01', password: PASSWORD, totp: '000000' === totpCode(nationalSecret, now) ? '111111' : '000000' }));
    const code = totpCode(nationalSecret, now);
    const session = await auth.login({ userId: 'nat-01', password: PASSWORD, totp: code });
    expect(session.user.scope).toEqual({ kind: 'national' });
    await refused(auth.login({ userId: 'nat-01', password: PASSWORD, totp: code }));
    now = new Date(now.getTime() + 30_000);
    await auth.login({ userId: 'nat-01', password: PASSWORD, totp: totpCode(nationalSecret, now) });
  });

  it('provisions no user without a province for a provincial role, a short password or a bad role', async () => {
    for (const u of [
      { userId: 'x1', displayName: '某', role: 'provincial-supervisor', password: PASSWORD },
      { userId: 'x2', displayName: '某', role: 'auditor', password: 'short' },
      { userId: 'x3', displayName: '某', role: 'admin', password: PASSWORD },
      { userId: 'x4', displayName: '某', role: 'auditor', provinceCode: '62', password: PASSWORD },
    ]) {
      await expect(provisionUser(users, u, now)).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await users.list()).map((u) => u.userId)).toEqual(['gs-01', 'nat-01']);
  });
});
