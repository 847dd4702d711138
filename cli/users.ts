/**
 * npm run users -- add --id gs-01 --name 张三 --role provincial-analyst --province 62
 *     (the password is read from standard input, one line; ≥ 12 characters)
 * npm run users -- list
 * npm run users -- disable --id gs-01
 * npm run users -- code <TOTP secret>      the current six-digit code (what an authenticator app shows)
 *
 * Provisions console users in the deployment's database (DATABASE_URL, or PGLITE_DATA_DIR for the
 * embedded mode). National-office roles get a TOTP secret, printed once with its otpauth:// URI.
 * Roles: provincial-analyst, provincial-supervisor (with --province), national-analyst,
 * national-rule-editor, national-approver, auditor. There are no default users.
 */
import { createInterface } from 'node:readline';
import { provisionUser } from '../console/auth/provision';
import { totpCode } from '../console/auth/totp';
import { SqlConsoleUserStore } from '../console/sql-users';
import { loadConfig } from '../infra/config';
import { ROLES } from '../models/access';
import { parseFlags } from './flags';
import { openSystemStore } from './system-store';

async function readLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'code') {
    if (!rest[0]) throw new Error('usage: npm run users -- code <TOTP secret>');
    console.log(totpCode(rest[0]));
    return;
  }
  const config = loadConfig(process.env);
  if (command === 'add') {
    const flags = parseFlags(rest, { id: '', name: '', role: '', province: '' });
    if (!flags.id || !flags.name || !flags.role) throw new Error(`usage: npm run users -- add --id ID --name NAME --role ROLE [--province CODE]; roles: ${ROLES.join(', ')}`);
    const password = await readLine('password (≥ 12 characters): ');
    const store = await openSystemStore(config);
    try {
      const made = await provisionUser(new SqlConsoleUserStore(store), { userId: flags.id, displayName: flags.name, role: flags.role, password, ...(flags.province ? { provinceCode: flags.province } : {}) }, new Date());
      console.log(`user ${made.userId} (${made.role}) saved`);
      if (made.totp) console.log(`second factor: add this to an authenticator app (shown once)\n  secret ${made.totp.secret}\n  ${made.totp.uri}`);
    } finally {
      await store.close();
    }
    return;
  }
  if (command === 'list' || command === 'disable') {
    const store = await openSystemStore(config);
    try {
      const users = new SqlConsoleUserStore(store);
      if (command === 'disable') {
        const { id } = parseFlags(rest, { id: '' });
        const user = await users.find(id);
        if (!user) throw new Error(`no user ${id}`);
        await users.save({ ...user, disabled: true }, new Date());
        console.log(`user ${id} disabled (sessions end within the token lifetime, 15 minutes)`);
      } else {
        for (const u of await users.list()) console.log([u.userId, u.role, u.provinceCode ?? '-', u.displayName, u.disabled ? 'disabled' : 'active', u.totpSecret ? 'totp' : '-'].join('\t'));
      }
    } finally {
      await store.close();
    }
    return;
  }
  throw new Error('usage: npm run users -- add|list|disable|code …');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
