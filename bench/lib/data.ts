/**
 * Databases for the benchmark and the fault tests: a PostgreSQL database (or a PGlite folder) filled by
 * `seed:scale`, kept between runs and reused when it holds the same size and seed; sample users.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../apps/server/src/db/client';
import { hashPassword } from '../../apps/server/src/platform/passwords';
import { ROOT } from './server';

export const DEFAULT_PG = process.env.BENCH_PG_URL ?? process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(baseUrl, `create database ${name}`);
  return withDatabase(baseUrl, name);
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await adminQuery(baseUrl, `drop database if exists ${name} with (force)`).catch(() => {});
}

export interface ScaleTarget {
  kind: 'postgres' | 'pglite';
  /** PostgreSQL connection string of the scale database */
  url?: string;
  /** DATA_DIR for the server: uploaded files, and the PGlite folder */
  dataDir: string;
  projects: number;
  reused: boolean;
  seedSeconds: number;
}

function runSeed(projects: number, seed: number, env: Record<string, string>): number {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/db/seed-scale.ts', '--projects', String(projects), '--seed', String(seed)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (r.status !== 0) throw new Error(`seed:scale failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return (Date.now() - started) / 1000;
}

/**
 * A database with `projects` scale projects. PostgreSQL: database bx_bench_<N>; PGlite: a folder in the
 * temp dir. Reused while its marker says the same size and seed (runs add a few rows through the write
 * path, which does not change the shape); `fresh` rebuilds it.
 */
export async function scaleDatabase(opts: { kind: 'postgres' | 'pglite'; projects: number; seed?: number; fresh?: boolean; baseUrl?: string }): Promise<ScaleTarget> {
  const seed = opts.seed ?? 1;
  // `:i2`: the seed has deposits' instruments and deadlines (issue 15); older databases are rebuilt
  const marker = `${opts.projects}:${seed}:i2`;
  if (opts.kind === 'postgres') {
    const base = opts.baseUrl ?? DEFAULT_PG;
    // BENCH_DB_PREFIX: another engineer's runs on the same server keep their own databases
    const name = `${process.env.BENCH_DB_PREFIX ?? 'bx_bench_'}${opts.projects}`;
    const url = withDatabase(base, name);
    const dataDir = path.join(os.tmpdir(), `bx-bench-files-${opts.projects}`);
    fs.mkdirSync(dataDir, { recursive: true });
    if (!opts.fresh) {
      const exists = (await adminQuery(base, 'select 1 from pg_database where datname = $1', [name])).rowCount;
      if (exists) {
        const m = await adminQuery(url, `select value from app_secrets where key = 'bench_scale'`).catch(() => null);
        if (m?.rows[0]?.value === marker) return { kind: 'postgres', url, dataDir, projects: opts.projects, reused: true, seedSeconds: 0 };
      }
    }
    await createDatabase(base, name);
    const seedSeconds = runSeed(opts.projects, seed, { DATABASE_URL: url, DATA_DIR: dataDir });
    await adminQuery(url, `insert into app_secrets (key, value) values ('bench_scale', $1) on conflict (key) do update set value = excluded.value`, [marker]);
    return { kind: 'postgres', url, dataDir, projects: opts.projects, reused: false, seedSeconds };
  }
  const dataDir = path.join(os.tmpdir(), `bx-bench-pglite-${opts.projects}`);
  const markerFile = path.join(dataDir, 'bench-scale.txt');
  if (!opts.fresh && fs.existsSync(markerFile) && fs.readFileSync(markerFile, 'utf8') === marker) {
    return { kind: 'pglite', dataDir, projects: opts.projects, reused: true, seedSeconds: 0 };
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const seedSeconds = runSeed(opts.projects, seed, { DATA_DIR: dataDir });
  fs.writeFileSync(markerFile, marker);
  return { kind: 'pglite', dataDir, projects: opts.projects, reused: false, seedSeconds };
}

export async function openTarget(t: { url?: string; dataDir: string }, poolSize?: number): Promise<Database> {
  return openDatabase({ url: t.url, dataDir: path.join(t.dataDir, 'pglite'), poolSize });
}

let hashed: Promise<string> | undefined;
export const passwordHash = (password: string) => (hashed ??= hashPassword(password));

/** A phone number nobody else uses in this run (the SMS daily cap is per phone). */
export function runPhone(): string {
  return `199${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
}

/** Inserts a user of `role` in organisation `orgId` (the app has no API to attach one to a scale enterprise). */
export async function insertUser(database: Database, opts: { role: string; orgId: string; phone?: string; password: string }): Promise<{ id: string; phone: string }> {
  const phone = opts.phone ?? runPhone();
  const { rows } = await database.query<{ id: string }>(
    `insert into users (phone, password_hash, role, org_id, created_at, password_changed_at) values ($1, $2, $3, $4, now(), now()) returning id`,
    [phone, await passwordHash(opts.password), opts.role, opts.orgId],
  );
  return { id: rows[0]!.id, phone };
}

export async function one<T = Record<string, string>>(database: Database, text: string, params: unknown[] = []): Promise<T> {
  const { rows } = await database.query<T>(text, params);
  if (!rows[0]) throw new Error(`no row: ${text}`);
  return rows[0];
}

export const CITY_HRSS = '辽宁省本溪市人力资源和社会保障局';
