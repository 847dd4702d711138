import { QueryCodeHasher } from '../infra/crypto/query-code-hasher';
import { reporterFingerprints } from './reporter-fingerprint';

const key = new QueryCodeHasher(Buffer.alloc(32, 3));

describe('reporter fingerprints', () => {
  it('are the same for one phone however it is written, and differ between phones', () => {
    const [plain] = reporterFingerprints({ phone: '13912345678' }, key);
    expect(reporterFingerprints({ phone: '+8613912345678' }, key)).toEqual([plain]);
    expect(reporterFingerprints({ phone: '86 139-1234-5678' }, key)).toEqual([plain]);
    expect(reporterFingerprints({ phone: '13912345679' }, key)).not.toEqual([plain]);
  });

  it('give one fingerprint per identifier, none for a name alone or an anonymous report', () => {
    expect(reporterFingerprints({ name: '李明', phone: '13912345678', idNumber: '11010519491231002x', otherContact: '微信 LM88' }, key)).toHaveLength(3);
    expect(reporterFingerprints({ name: '李明' }, key)).toEqual([]);
    expect(reporterFingerprints({}, key)).toEqual([]);
  });

  it('never contain the identifier and depend on the key', () => {
    const [f] = reporterFingerprints({ phone: '13912345678' }, key);
    expect(f).not.toContain('13912345678');
    expect(reporterFingerprints({ phone: '13912345678' }, new QueryCodeHasher(Buffer.alloc(32, 4)))).not.toEqual([f]);
  });
});
