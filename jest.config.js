/** Two tiers: unit tests (no services) and integration tests (real Kafka, Elasticsearch, PostgreSQL). */
const tsJest = ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, resolveJsonModule: true } }];
const common = {
  testEnvironment: 'node',
  // TypeScript is type-checked by `tsc --noEmit` in `npm test`; jest only transpiles.
  transform: { '^.+\\.ts$': tsJest, '^.+/node_modules/(cookie|set-cookie-parser)/.+\\.js$': tsJest },
  // cookie@2 (via fastify's light-my-request) ships ESM only; jest's CommonJS runtime needs it transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|set-cookie-parser)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$', '/.cache/'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/**/*.int.test.ts'], testPathIgnorePatterns: ['/node_modules/', '/.cache/'] },
  ],
};
