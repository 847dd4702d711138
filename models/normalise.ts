/**
 * Text normalisation applied before anything else reads a text: NFKC (full-width letters,
 * digits and punctuation to their half-width forms, compatibility ideographs to the unified
 * ones), traditional characters to simplified (OpenCC's t → cn tables: reports from Hong Kong,
 * Macao, Taiwan or typed with a traditional input method read like any other), control
 * characters removed, runs of whitespace collapsed.
 */
import * as OpenCC from 'opencc-js';

let toSimplified: ((text: string) => string) | undefined;

/** Built on first use: loading OpenCC's tables takes ~50 ms. */
function simplify(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return toSimplified(text);
}

/** NFKC, control and invisible characters removed, whitespace collapsed: cheap, and the length limits apply to its result. */
export function compatText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

export function normaliseText(text: string): string {
  return simplify(compatText(text));
}

/** Traditional to simplified only (for text already through {@link compatText}). */
export function simplifiedText(text: string): string {
  return simplify(text);
}
