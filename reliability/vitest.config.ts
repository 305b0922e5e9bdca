import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability`: faults, scale-out and bad input against the real server as a child
 * process (reliability/*.test.ts), plus the fuzz test of `npm test` with a budget of 10,000 requests.
 * One file at a time: they kill servers and stop PostgreSQL. PostgreSQL at PG_URL / TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres); the PGlite cases need nothing.
 */
export default defineConfig({
  test: {
    include: ['reliability/**/*.test.ts', 'apps/server/src/test/fuzz.test.ts'],
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
    env: { FUZZ_REQUESTS: process.env.FUZZ_REQUESTS ?? '10000' },
  },
});
