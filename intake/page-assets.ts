/**
 * The citizen's page as static files: the HTML beside this file and the bundle built from
 * `intake/page/app.ts` by `npm run build:web`; read once, then kept in memory. And the divisions
 * the page's place pickers offer (provinces, prefectures, counties of GB/T 2260), built once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COUNTIES, PREFECTURES, PROVINCES } from '../models/divisions';

const WEB_BUILD_DIR = join(__dirname, '..', 'dist', 'web');

let html: Promise<string> | undefined;
let script: Promise<string | undefined> | undefined;
let divisions: string | undefined;

export function intakeHtml(): Promise<string> {
  html ??= readFile(join(__dirname, 'page', 'index.html'), 'utf8');
  return html;
}

/** The page's script, or undefined when the bundle was never built. */
export function intakeScript(): Promise<string | undefined> {
  script ??= readFile(join(WEB_BUILD_DIR, 'intake.js'), 'utf8').catch(() => {
    script = undefined;
    return undefined;
  });
  return script;
}

/** The pickers' data, as JSON text. */
export function divisionsJson(): string {
  divisions ??= JSON.stringify({
    provinces: PROVINCES.map((p) => ({ code: p.code, name: p.name })),
    prefectures: PREFECTURES.map((p) => ({ code: p.code, name: p.name, provinceCode: p.provinceCode })),
    counties: COUNTIES.map((c) => ({ code: c.code, name: c.name, prefectureCode: c.prefectureCode })),
  });
  return divisions;
}
