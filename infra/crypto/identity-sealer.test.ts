import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataCorruptError } from '../../models/errors';
import { jsonLogger } from '../runtime/system-runtime';
import { IdentitySealer, reporterKeyId } from './identity-sealer';
import { addKeyToKeyring, resolveKeys } from './keyring';

const REPORT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const identity = { name: '李明', phone: '13912345678', idNumber: '11010519491231002X' };

describe('sealing a reporter identity', () => {
  const key = Buffer.alloc(32, 9);
  const sealer = new IdentitySealer(key);

  it('names its key and hides the identity', () => {
    const { sealed, keyId } = sealer.seal(REPORT, identity);
    expect(keyId).toBe(reporterKeyId(key));
    expect(sealed.split('.').slice(0, 2)).toEqual(['v2', keyId]);
    for (const value of Object.values(identity)) expect(sealed).not.toContain(value);
    expect(sealer.open(REPORT, sealed)).toEqual(identity);
  });

  it('opens only for the report it was sealed for (the report id is associated data)', () => {
    const { sealed } = sealer.seal(REPORT, identity);
    expect(() => sealer.open(OTHER, sealed)).toThrow(DataCorruptError);
  });

  it('refuses a truncated tag, a changed key id and an unknown key', () => {
    const { sealed } = sealer.seal(REPORT, identity);
    const [v, kid, iv, tag, body] = sealed.split('.') as [string, string, string, string, string];
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => sealer.open(REPORT, [v, kid, iv, short, body].join('.'))).toThrow(/tag length/);
    const other = new IdentitySealer({ current: Buffer.alloc(32, 8), previous: [key] });
    expect(() => other.open(REPORT, [v, other.currentKeyId, iv, tag, body].join('.'))).toThrow(DataCorruptError);
    expect(() => new IdentitySealer(Buffer.alloc(32, 8)).open(REPORT, sealed)).toThrow(/not in the keyring/);
  });

  it('seals under the current key and still opens what a previous key sealed', () => {
    const rotated = new IdentitySealer({ current: Buffer.alloc(32, 10), previous: [key] });
    expect(rotated.open(REPORT, sealer.seal(REPORT, identity).sealed)).toEqual(identity);
    expect(IdentitySealer.keyIdOf(rotated.seal(REPORT, identity).sealed)).toBe(rotated.currentKeyId);
  });
});

describe('the embedded keyring', () => {
  const logger = jsonLogger('silent');

  it('keeps the keys beside a data directory, so a restart without REPORTER_KEY still opens what was sealed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xiansuo-keys-')), 'data.keys.json');
    const first = resolveKeys({ keyringFile: file }, logger);
    const { sealed } = new IdentitySealer(first.reporter).seal(REPORT, identity);
    const restarted = resolveKeys({ keyringFile: file }, logger);
    expect(restarted.source).toBe('keyring file');
    expect(new IdentitySealer(restarted.reporter).open(REPORT, sealed)).toEqual(identity);
    expect(restarted.queryCode.equals(first.queryCode)).toBe(true);
    // A rotation adds a current key and keeps the old one.
    const rotated = addKeyToKeyring(file);
    expect(reporterKeyId(rotated.current)).not.toBe(reporterKeyId(first.reporter.current));
    expect(new IdentitySealer(resolveKeys({ keyringFile: file }, logger).reporter).open(REPORT, sealed)).toEqual(identity);
  });

  it('takes the environment first, and wants a query-code key with a reporter key', () => {
    expect(() => resolveKeys({ reporterKey: Buffer.alloc(32, 1) }, logger)).toThrow(/QUERY_CODE_KEY/);
    expect(resolveKeys({ reporterKey: Buffer.alloc(32, 1), queryCodeKey: Buffer.alloc(32, 2), keyringFile: '/nonexistent/x' }, logger).source).toBe('environment');
  });
});
