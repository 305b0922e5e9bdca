import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { seedReference } from '../db/reference';

declare module 'vitest' {
  interface ProvidedContext {
    /** PGlite: a tarball of the migrated, reference-seeded data folder that each test database starts from. */
    pgliteTemplate: string;
  }
}

/**
 * With TEST_DATABASE_URL (PostgreSQL), migrate one template database once; every test file then
 * gets its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel without sharing rows.
 */
// TEST_TEMPLATE_DB lets two checkouts on one machine run the PostgreSQL tests at once.
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'bx_test_template';

export function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * On PGlite, migrate once and dump the data folder: a test database loads it in ~1.5 s instead of
 * running every migration again (~8–14 s on this machine).
 */
async function pgliteTemplate(): Promise<{ file: string; dispose(): void }> {
  const database = await openDatabase({});
  await database.migrate();
  await seedReference(database.db);
  const blob = await database.dumpDataDir!();
  await database.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-pglite-template-'));
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export default async function setup(project: TestProject): Promise<void | (() => void)> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = await pgliteTemplate();
    project.provide('pgliteTemplate', template.file);
    return template.dispose;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ url: adminUrl(url, TEMPLATE_DB), poolSize: 2 });
  await database.migrate();
  await seedReference(database.db);
  await database.close();
}
