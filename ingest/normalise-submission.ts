/** Applies text normalisation to every free-text field of a submission and drops empty ones. */
import { normaliseText } from '../models/normalise';
import type { ReportSubmission } from '../models/report';

type Json = string | number | boolean | null | undefined | Json[] | { [k: string]: Json };

function clean(value: Json): Json {
  if (typeof value === 'string') {
    const t = normaliseText(value);
    return t === '' ? undefined : t;
  }
  if (Array.isArray(value)) return value.map(clean).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return value;
}

export function normaliseSubmission(submission: ReportSubmission): ReportSubmission {
  const out = clean(submission as unknown as Json) as unknown as ReportSubmission;
  // Phone numbers and ID numbers: digits only, upper-case check character.
  const reporter = { ...out.reporter };
  if (reporter.phone) reporter.phone = reporter.phone.replace(/[^\d+]/g, '');
  if (reporter.idNumber) reporter.idNumber = reporter.idNumber.toUpperCase();
  const people = (out.subject.people ?? []).filter((p) => p.name || (p.nicknames && p.nicknames.length > 0) || p.position);
  return { ...out, reporter, subject: { ...out.subject, people }, facts: { ...out.facts, text: out.facts.text ?? '' } };
}
