/**
 * The review page's assets, served as static files: the HTML as written beside this file, and
 * the browser bundle built from `review/page/app.ts` by `npm run build:web` (esbuild, a declared
 * dev dependency; run by `npm ci` through `prepare`, and before the tests). Nothing is bundled at
 * request time. Read once, then kept in memory.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where `npm run build:web` writes the bundles. */
export const WEB_BUILD_DIR = join(__dirname, '..', 'dist', 'web');

let html: Promise<string> | undefined;
let script: Promise<string | undefined> | undefined;

/** The page's HTML. */
export function reviewHtml(): Promise<string> {
  html ??= readFile(join(__dirname, 'page', 'index.html'), 'utf8');
  return html;
}

/** The page's script, or undefined when the bundle was never built (the route says how to build it). */
export function reviewScript(): Promise<string | undefined> {
  script ??= readFile(join(WEB_BUILD_DIR, 'review.js'), 'utf8').catch(() => {
    script = undefined;
    return undefined;
  });
  return script;
}
