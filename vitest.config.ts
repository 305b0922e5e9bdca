import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit tests of packages/shared and integration tests of the server through
 * app.inject on a real database (PGlite by default, PostgreSQL when TEST_DATABASE_URL is set).
 * PGlite takes ~1 GB per instance, so test files run two at a time.
 *
 * `isolate: false`: the files of a worker share one process, so the app's modules, PGlite's WASM and
 * the JIT's work are loaded and warmed once per worker, not once per file (8 files in one worker:
 * 49 s of CPU → 27 s). Every file still builds its own app on its own database; nothing in the app
 * keeps state between them but caches keyed by their database (weak maps).
 */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'],
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
