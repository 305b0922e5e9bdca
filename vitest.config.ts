import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit tests of packages/shared and integration tests of the server through
 * app.inject on a real database (PGlite by default, PostgreSQL when TEST_DATABASE_URL is set).
 * PGlite takes ~1 GB per instance, so test files run two at a time.
 */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'],
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
