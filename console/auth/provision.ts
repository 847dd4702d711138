/**
 * Creating console users: the one way in (`npm run users -- add`, and the demo for its own
 * throw-away users). No default users and no default passwords exist anywhere.
 */
import { isProvincialRole, isRole, needsSecondFactor, type Role } from '../../models/access';
import { isProvinceCode } from '../../models/divisions';
import { ValidationError } from '../../models/errors';
import type { ConsoleUserStore } from '../users.port';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { newTotpSecret, totpUri } from './totp';

export interface NewConsoleUser {
  readonly userId: string;
  readonly displayName: string;
  readonly role: string;
  readonly provinceCode?: string;
  readonly password: string;
}

export interface Provisioned {
  readonly userId: string;
  readonly role: Role;
  /** National-office roles: the TOTP secret and its otpauth:// URI, shown once. */
  readonly totp?: { readonly secret: string; readonly uri: string };
}

export async function provisionUser(users: ConsoleUserStore, u: NewConsoleUser, at: Date): Promise<Provisioned> {
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(u.userId)) problems.push('用户名只能包含小写字母、数字、点、下划线和连字符（2–64 个字符）');
  if (!u.displayName.trim()) problems.push('请填写姓名');
  if (!isRole(u.role)) problems.push(`角色无效：${u.role}`);
  else if (isProvincialRole(u.role) && !isProvinceCode(u.provinceCode ?? '')) problems.push('省级角色须指定省级行政区划代码（如 62）');
  else if (!isProvincialRole(u.role) && u.provinceCode) problems.push('全国办和审计角色不属于某一省份');
  if ([...u.password].length < MIN_PASSWORD_LENGTH) problems.push(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if (problems.length > 0 || !isRole(u.role)) throw new ValidationError(problems.join('；'));
  const role = u.role;
  const totpSecret = needsSecondFactor(role) ? newTotpSecret() : null;
  await users.save(
    {
      userId: u.userId,
      displayName: u.displayName.trim(),
      role,
      provinceCode: isProvincialRole(role) ? u.provinceCode! : null,
      passwordHash: await hashPassword(u.password),
      totpSecret,
      disabled: false,
    },
    at,
  );
  return { userId: u.userId, role, ...(totpSecret ? { totp: { secret: totpSecret, uri: totpUri(u.userId, totpSecret) } } : {}) };
}
