/** The workbench page's assets: the HTML beside this file and the bundle `npm run build:web` writes (dist/web/routing.js); read once. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const WEB_BUILD_DIR = join(__dirname, '..', 'dist', 'web');
let html: Promise<string> | undefined;
let script: Promise<string | undefined> | undefined;

export function workbenchHtml(): Promise<string> {
  html ??= readFile(join(__dirname, 'page', 'index.html'), 'utf8');
  return html;
}

/** Undefined when the bundle was never built. */
export function workbenchScript(): Promise<string | undefined> {
  script ??= readFile(join(WEB_BUILD_DIR, 'routing.js'), 'utf8').catch(() => {
    script = undefined;
    return undefined;
  });
  return script;
}
