/**
 * Three tiers:
 * - unit: no services, no shared data, no browser (`npm run test:unit` passes on a bare checkout);
 * - integration: real Kafka, Elasticsearch, PostgreSQL, the embedding model and Chromium
 *   (`*.int.test.ts`, `*.browser.test.ts`; `npm run test:full` brings them up);
 * - data: the team's real data in ../shared/data (`*.data.test.ts`; `npm run test:data`).
 */
const tsJest = ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, resolveJsonModule: true } }];
const common = {
  testEnvironment: 'node',
  // TypeScript is type-checked by `tsc --noEmit` in `npm test`; jest only transpiles.
  transform: { '^.+\\.ts$': tsJest, '^.+/node_modules/(cookie|set-cookie-parser|@scure/base|@noble/hashes)/.+\\.js$': tsJest },
  // cookie@2 (via fastify's light-my-request) and otplib's @scure/base and @noble/hashes ship ESM
  // only; jest's CommonJS runtime needs them transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|set-cookie-parser|@scure/base|@noble/hashes)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/.cache/', '/dist/'],
};
module.exports = {
  // Suites open PGlite or a pipeline in their hooks: seconds on a 2-core machine shared by several
  // engineers. Speed is measured by `npm run bench`, never by a test's timeout. (A global option:
  // jest ignores it inside a project.)
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.test.ts'], testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.(int|browser|data)\\.test\\.ts$'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/**/*.int.test.ts', '<rootDir>/**/*.browser.test.ts'] },
    { ...common, displayName: 'data', testMatch: ['<rootDir>/**/*.data.test.ts'] },
  ],
};
