// `npm test`: every test — unit and integration (vitest), then the browser journeys (e2e).
// With TEST_DATABASE_URL set, both run against PostgreSQL instead of the embedded PGlite.
// With VITEST_JSON=<prefix>, each run also writes a JSON report (CI adds them up).
import { spawnSync } from 'node:child_process';

const json = process.env.VITEST_JSON;
const run = (args) => {
  const r = spawnSync('npx', args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const report = (name) => (json ? ['--reporter=default', '--reporter=json', `--outputFile=${json}-${name}.json`] : []);

run(['vitest', 'run', ...report('server')]);
run(['npm', 'run', '-s', 'build']);
run(['vitest', 'run', '--config', 'e2e/vitest.config.ts', ...report('e2e')]);
