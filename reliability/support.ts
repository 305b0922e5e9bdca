/**
 * What the fault tests share: a database of their own (PostgreSQL or PGlite), the local PostgreSQL
 * cluster's control (stop/start, always restored), and small HTTP helpers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminQuery, createDatabase, dropDatabase } from '../bench/lib/data';

export { call, loginViaSms, projectBody, quotaBody, APPROVE_BODY, DEMO_PASSWORD, type HttpSession } from '../bench/lib/client';
export { startServer, freePort, type RunningServer } from '../bench/lib/server';

export const PG_URL = process.env.PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEMO = { admin: '13800000001', hrss: '13800000002', enterprise: '13800000006' } as const;

export async function pgAvailable(): Promise<boolean> {
  try {
    await adminQuery(PG_URL, 'select 1');
    return true;
  } catch {
    return false;
  }
}

export interface TestDb {
  kind: 'postgres' | 'pglite';
  url?: string;
  dataDir: string;
  /** a query on the database; for PGlite only while no server holds the folder */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, empty database (the server migrates and seeds the demo accounts at start) and DATA_DIR. */
export async function testDb(kind: 'postgres' | 'pglite', label: string): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bx-rel-${label}-`));
  if (kind === 'postgres') {
    const name = `bx_rel_${label}_${crypto.randomBytes(4).toString('hex')}`;
    const url = await createDatabase(PG_URL, name);
    return {
      kind,
      url,
      dataDir,
      query: async <T,>(text: string, params: unknown[] = []) => (await adminQuery(url, text, params)).rows as T[],
      drop: async () => {
        await dropDatabase(PG_URL, name);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    kind,
    dataDir,
    query: async <T,>(text: string, params: unknown[] = []) => {
      const { PGlite } = await import('@electric-sql/pglite');
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      const db = new PGlite({ dataDir: path.join(dataDir, 'pglite'), extensions: { pg_trgm } });
      try {
        return (await db.query<T>(text, params)).rows;
      } finally {
        await db.close();
      }
    },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

// ---- the machine's own PostgreSQL cluster -----------------------------------------------------------
export interface Cluster {
  version: string;
  name: string;
}

/** The local cluster on port 5432 (pg_lsclusters), or null when PostgreSQL is not this machine's. */
export function localCluster(): Cluster | null {
  const u = new URL(PG_URL);
  if (!['127.0.0.1', 'localhost', '::1'].includes(u.hostname)) return null;
  const r = spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  for (const line of r.stdout.trim().split('\n')) {
    const [version, name, port, status] = line.split(/\s+/);
    if (port === (u.port || '5432') && status === 'online') return { version: version!, name: name! };
  }
  return null;
}

const ctl = (c: Cluster, action: 'start' | 'stop') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', c.version, c.name, action], { stdio: 'pipe', timeout: 60_000 });

export async function waitForPg(timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1000 });
      await c.connect();
      await c.query('select 1');
      await c.end();
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Stops the cluster for `ms`, then starts it again, whatever happens in between. */
export async function pgOutage(c: Cluster, ms: number, during?: () => Promise<void>): Promise<{ stoppedAt: number; startedAt: number }> {
  let stoppedAt = 0;
  try {
    ctl(c, 'stop');
    stoppedAt = Date.now();
    await Promise.all([new Promise((r) => setTimeout(r, ms)), during?.()]);
  } finally {
    try {
      ctl(c, 'start');
    } catch {
      // "already running" or a slow start: wait below decides
    }
    await waitForPg();
  }
  return { stoppedAt, startedAt: Date.now() };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const HAS_CJK = /[\u3400-\u9fff]/;
