import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serverEnv, spawnServer } from './support';

/**
 * PGlite: the real server starts once on an empty data folder — migrations, reference data, demo
 * accounts, as a first `npm start` does — and stops; every e2e file then starts its server on a copy
 * of that folder (support.ts startApp), so each file's start skips the migrations. PostgreSQL: each
 * file migrates a database of its own, as before.
 */
export default async function setup(project: TestProject): Promise<void | (() => void)> {
  if (process.env.TEST_DATABASE_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-e2e-template-'));
  const server = await spawnServer(await serverEnv(dir));
  await server.stop();
  project.provide('e2eDataTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
