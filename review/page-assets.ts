/**
 * The review page's assets: the HTML as written, and app.ts bundled with esbuild on first
 * request and kept in memory (nothing generated is written to disk or committed).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

type Esbuild = typeof import('esbuild');

let script: Promise<string> | undefined;
let html: Promise<string> | undefined;

/** The page's HTML. */
export function reviewHtml(): Promise<string> {
  html ??= readFile(join(__dirname, 'index.html'), 'utf8');
  return html;
}

/** The page's script: api/web/app.ts and what it imports, one browser bundle. A failed build is retried on the next request. */
export function reviewScript(): Promise<string> {
  script ??= bundle().catch((error: unknown) => {
    script = undefined;
    throw error;
  });
  return script;
}

async function bundle(): Promise<string> {
  // esbuild comes with tsx; required lazily so that an API without the page never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as Esbuild;
  const result = await esbuild.build({
    entryPoints: [join(__dirname, 'app.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output for api/web/app.ts');
  return out.text;
}
