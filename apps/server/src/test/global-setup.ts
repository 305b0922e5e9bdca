import pg from 'pg';
import { openDatabase } from '../db/client';
import { seedReference } from '../db/reference';

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

export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
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
