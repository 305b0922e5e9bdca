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
 * The tests run the application as a role of its own, as production does (docs/decisions/015): the
 * template is migrated by TEST_DATABASE_URL's role (the owner), which grants this role its privileges,
 * so every PostgreSQL test proves those privileges are enough. A login role with a password, so it
 * works with password authentication on 127.0.0.1 (a fresh Debian cluster) as well as with trust.
 */
export const TEST_APP_ROLE = 'bx_test_app';
export function appUrl(url: string, database: string): string {
  const u = new URL(adminUrl(url, database));
  u.username = TEST_APP_ROLE;
  u.password = TEST_APP_ROLE;
  return u.toString();
}

/** Creates the application role once per cluster; several test runs may start at once. */
export async function ensureTestAppRole(admin: pg.Client): Promise<void> {
  const exists = await admin.query('select 1 from pg_roles where rolname = $1', [TEST_APP_ROLE]);
  if (exists.rowCount) return;
  try {
    await admin.query(`create role ${TEST_APP_ROLE} login password '${TEST_APP_ROLE}' nosuperuser nocreatedb nocreaterole noinherit`);
  } catch (err) {
    // another run created it between the check and here: 42710 duplicate_object, or 23505 on pg_authid
    const code = (err as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw err;
  }
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
  await ensureTestAppRole(admin);
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ url: appUrl(url, TEMPLATE_DB), migrationUrl: adminUrl(url, TEMPLATE_DB), poolSize: 2 });
  await database.migrate();
  await seedReference(database.db);
  await database.close();
}
