/**
 * Text normalisation applied before anything else reads a text: NFKC (full-width letters,
 * digits and punctuation to their half-width forms, compatibility ideographs to the unified
 * ones), control characters removed, runs of whitespace collapsed.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
