/** Console users for tests: one per role, provisioned in the pipeline's store, each signed in once (a TOTP code is never accepted twice). */
import type { FastifyInstance } from 'fastify';
import { provisionUser } from '../console/auth/provision';
import { totpCode } from '../console/auth/totp';
import type { Services } from '../infra/pipeline';
import type { Role } from '../models/access';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  readonly userId: string;
  readonly role: Role;
  readonly provinceCode?: string;
  readonly totpSecret?: string;
}

export async function createTestUser(services: Pick<Services, 'users'>, userId: string, role: Role, provinceCode?: string): Promise<TestUser> {
  const made = await provisionUser(services.users, { userId, displayName: `测试用户 ${userId}`, role, password: TEST_PASSWORD, ...(provinceCode ? { provinceCode } : {}) }, new Date());
  return { userId, role, ...(provinceCode ? { provinceCode } : {}), ...(made.totp ? { totpSecret: made.totp.secret } : {}) };
}

/** Signs the user in through the console's login route; returns the Authorization header. */
export async function signIn(app: FastifyInstance, user: TestUser): Promise<{ authorization: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { userId: user.userId, password: TEST_PASSWORD, ...(user.totpSecret ? { totp: totpCode(user.totpSecret) } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${user.userId} failed: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${(res.json() as { token: string }).token}` };
}
