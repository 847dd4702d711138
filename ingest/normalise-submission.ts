/**
 * Applies text normalisation to every free-text field of a submission and drops empty ones, in
 * two passes: the cheap compatibility pass (NFKC, controls, whitespace) first, then the length
 * limits on its result (NFKC expands some characters up to 18 times: 19,980 × U+FDFA is 360,000
 * characters), and only then traditional → simplified, so an oversized text never reaches the
 * expensive conversion.
 */
import { ValidationError } from '../models/errors';
import { compatText, simplifiedText } from '../models/normalise';
import { REPORT_FIELD_LABELS, type ReportSubmission } from '../models/report';
import { TEXT_LIMITS } from './report.schema';

type Json = string | number | boolean | null | undefined | Json[] | { [k: string]: Json };

function mapStrings(value: Json, fn: (text: string, path: string) => string, path = ''): Json {
  if (typeof value === 'string') {
    const t = fn(value, path);
    return t === '' ? undefined : t;
  }
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, path)).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const c = mapStrings(v, fn, path ? `${path}.${k}` : k);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return value;
}

/** Refuses any field longer than its limit once normalised (code points, as the schema counts). */
function checkNormalisedLengths(value: Json): void {
  const problems: Array<{ field: string; message: string }> = [];
  mapStrings(value, (text, path) => {
    const limit = (TEXT_LIMITS as Readonly<Record<string, number>>)[path];
    if (limit !== undefined && text.length > limit && [...text].length > limit) {
      problems.push({ field: path, message: `${REPORT_FIELD_LABELS[path] ?? path} 规范化后过长（最多 ${limit} 个字符，全角或兼容字符会被展开）` });
    }
    return text;
  });
  if (problems.length > 0) throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
}

export function normaliseSubmission(submission: ReportSubmission): ReportSubmission {
  const compat = mapStrings(submission as unknown as Json, compatText);
  checkNormalisedLengths(compat);
  const out = mapStrings(compat, simplifiedText) as unknown as ReportSubmission;
  // Phone numbers and ID numbers: digits only, upper-case check character.
  const reporter = { ...out.reporter };
  if (reporter.phone) reporter.phone = reporter.phone.replace(/[^\d+]/g, '');
  if (reporter.idNumber) reporter.idNumber = reporter.idNumber.toUpperCase();
  const people = (out.subject.people ?? []).filter((p) => p.name || (p.nicknames && p.nicknames.length > 0) || p.position);
  return { ...out, reporter, subject: { ...out.subject, people }, facts: { ...out.facts, text: out.facts.text ?? '' } };
}
