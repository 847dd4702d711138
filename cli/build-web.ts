/**
 * npm run build:web — bundles each browser page (its own tsconfig: tsconfig.web.json, with the DOM
 * library) into dist/web/<page>.js with esbuild. Run by `npm ci` (prepare) and before the tests;
 * the API serves the result as a static file.
 */
import { build } from 'esbuild';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
/** Page name → entry point. */
export const PAGES: Readonly<Record<string, string>> = {
  review: 'review/page/app.ts',
  routing: 'routing-workbench/page/app.ts',
  intake: 'intake/page/app.ts',
};

async function main(): Promise<void> {
  for (const [name, entry] of Object.entries(PAGES)) {
    await build({
      entryPoints: [join(ROOT, entry)],
      outfile: join(ROOT, 'dist', 'web', `${name}.js`),
      tsconfig: join(ROOT, 'tsconfig.web.json'),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
  process.stderr.write(`build:web: ${Object.keys(PAGES).length} page(s) in dist/web\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build:web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
