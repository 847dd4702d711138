/**
 * Keyed fingerprints of a reporter: one per identifier the reporter gave (ID number, phone, other
 * contact), each an HMAC under the deployment's query-code key (never rotated: a fingerprint keeps
 * meaning the same person). Two reports sharing a fingerprint come from the same reporter, so one
 * never corroborates the other (dedup/corroboration.ts). A fingerprint cannot be turned back into
 * the identifier without the key, and the identity itself stays sealed; a name alone is not an
 * identifier (many people share one). Computed once, at ingest.
 */
import type { ReporterIdentity } from '../models/report';

/** The keyed hash (infra/crypto/query-code-hasher.ts). */
export interface KeyedHash {
  hash(value: string): string;
}

/** Identifiers in one canonical spelling: +86 and separators dropped, case and spaces ignored. */
function canonicalIdentifiers(identity: Partial<ReporterIdentity>): string[] {
  const out: string[] = [];
  if (identity.idNumber) out.push(`id:${identity.idNumber.toUpperCase()}`);
  if (identity.phone) {
    const digits = identity.phone.replace(/\D/g, '').replace(/^86(?=1[3-9]\d{9}$)/, '');
    if (digits) out.push(`phone:${digits}`);
  }
  const other = identity.otherContact?.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  if (other) out.push(`contact:${other}`);
  return out;
}

export function reporterFingerprints(identity: Partial<ReporterIdentity>, key: KeyedHash): string[] {
  // A prefix keeps these hashes apart from query-code hashes made with the same key.
  return canonicalIdentifiers(identity).map((id) => key.hash(`reporter-fingerprint\u0000${id}`).slice(0, 32));
}
