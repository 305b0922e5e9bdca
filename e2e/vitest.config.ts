import { defineConfig } from 'vitest/config';

/** Browser journeys: the built app in a child process, driven by Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // a page's data may take a few seconds on a busy 2-core machine (CI shares it with PostgreSQL)
    expect: { poll: { timeout: 10_000 } },
  },
});
