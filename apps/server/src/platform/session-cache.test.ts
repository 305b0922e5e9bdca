import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { openDatabase, type Database } from '../db/client';
import { createConsoleSmsProvider } from './sms/console';
import { createChangeFeed } from './changes';
import { buildUser, createTestContext, login, usingPostgres, type TestContext } from '../test/harness';
import { appUrl } from '../test/global-setup';

/**
 * Sessions and the unit tree are kept in each process's memory (docs/decisions/011). What must hold:
 * whatever ends a session or changes its user or organisation takes effect at once in the process
 * that did it, and within moments in every other process; with the change feed lost, nothing is
 * served from memory.
 */

const until = async (what: () => Promise<boolean>, ms = 2_000) => {
  const end = Date.now() + ms;
  for (;;) {
    if (await what()) return Date.now();
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('change feed', () => {
  it('hands messages to subscribers and a sync waits for its own notification', async () => {
    const sent: string[] = [];
    const feed = createChangeFeed(async (p) => void sent.push(p), { syncTimeoutMs: 200 });
    const seen: string[] = [];
    feed.subscribe((kind, id) => seen.push(`${kind}:${id}`));
    feed.setLive(true);
    feed.deliver('session:abc');
    expect(seen).toEqual(['*:', 'session:abc']);
    const epoch = feed.epoch;
    const done = feed.sync();
    await new Promise((r) => setTimeout(r, 5));
    expect(sent).toHaveLength(1);
    feed.deliver(sent[0]!);
    await done;
    expect(seen).toHaveLength(2); // the sync message is not a change
    // nor does it outdate anything a cache is reading (every write sends one: caches would never fill under writes)
    expect(feed.epoch).toBe(epoch);
    feed.deliver('org:x');
    expect(feed.epoch).toBeGreaterThan(epoch);
  });

  it('drops everything when a sync does not come back in time, and when the feed is lost', async () => {
    const feed = createChangeFeed(async () => {}, { syncTimeoutMs: 50 });
    const seen: string[] = [];
    feed.setLive(true);
    feed.subscribe((kind) => seen.push(kind));
    await feed.sync();
    expect(seen).toEqual(['*']);
    feed.setLive(false);
    expect(seen).toEqual(['*', '*']);
    expect(feed.live).toBe(false);
  });
});

describe('sessions kept in memory, two app processes on one database', () => {
  let a: TestContext;
  let other: { app: FastifyInstance; database: Database | null };

  beforeAll(async () => {
    a = await createTestContext();
    // a second "process": its own pool and its own LISTEN connection on PostgreSQL; on PGlite (one
    // process by nature) a second app on the same embedded database
    const database = usingPostgres() ? await openDatabase({ url: await currentUrl(a), poolSize: 4 }) : null;
    const app = await buildApp({
      env: a.env,
      database: database ?? a.database,
      clock: a.clock,
      sms: createConsoleSmsProvider({ db: (database ?? a.database).db, clock: a.clock }),
    });
    await app.ready();
    other = { app, database };
    await until(async () => a.app.changes.live && other.app.changes.live);
  });
  afterAll(async () => {
    await other.app.close();
    await other.database?.close();
    await a.close();
  });

  async function loggedIn(role: 'enterprise' | 'admin' = 'enterprise') {
    const u = await buildUser(a, { role, certified: true });
    const s = await login(a, u.phone);
    const me = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    return { u, s, me };
  }

  it('a logout ends the session at once here and within moments in the other process', async () => {
    const { s, me } = await loggedIn();
    expect((await me(a.app)).statusCode).toBe(200);
    expect((await me(other.app)).statusCode).toBe(200); // both now hold it in memory
    expect((await me(other.app)).statusCode).toBe(200);
    expect((await s.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBeLessThan(300);
    expect((await me(a.app)).statusCode).toBe(401);
    const t0 = Date.now();
    const at = await until(async () => (await me(other.app)).statusCode === 401);
    expect(at, 'the other process still accepted the session after 2 s').not.toBeNull();
    expect(at! - t0).toBeLessThan(1_000);
  });

  it('disabling a user ends their sessions in both processes', async () => {
    const { u, me } = await loggedIn();
    const admin = await loggedIn('admin');
    await me(other.app);
    const res = await admin.s.inject({ method: 'POST', url: `/api/admin/users/${u.id}/disable` });
    expect(res.statusCode).toBe(200);
    expect((await me(a.app)).statusCode).toBe(401);
    expect(await until(async () => (await me(other.app)).statusCode === 401)).not.toBeNull();
  });

  it('a change made straight in the database (no request of this process) reaches the kept session', async () => {
    const { u, me } = await loggedIn();
    expect((await me(a.app)).json().name).toBeNull();
    await a.database.query('update users set name = $1 where id = $2', ['王建国', u.id]);
    expect(await until(async () => (await me(a.app)).json().name === '王建国')).not.toBeNull();
    expect(await until(async () => (await me(other.app)).json().name === '王建国')).not.toBeNull();
    await a.database.query('delete from sessions where user_id = $1', [u.id]);
    expect(await until(async () => (await me(a.app)).statusCode === 401)).not.toBeNull();
    expect(await until(async () => (await me(other.app)).statusCode === 401)).not.toBeNull();
  });

  it.runIf(usingPostgres())('serves nothing from memory while the feed is lost, and keeps again once it is back', async () => {
    const { u, me } = await loggedIn();
    expect((await me(other.app)).statusCode).toBe(200);
    // cut every LISTEN connection of this database
    await a.database.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bx-listen' and datname = current_database()`);
    expect(await until(async () => !other.app.changes.live)).not.toBeNull();
    // a revocation whose notification nobody hears
    await a.database.query('delete from sessions where user_id = $1', [u.id]);
    expect((await me(other.app)).statusCode).toBe(401);
    expect(await until(async () => other.app.changes.live && a.app.changes.live, 5_000)).not.toBeNull();
    const again = await loggedIn();
    expect((await again.me(other.app)).statusCode).toBe(200);
    await a.database.query('delete from sessions where user_id = $1', [again.u.id]);
    expect(await until(async () => (await again.me(other.app)).statusCode === 401)).not.toBeNull();
  });
});

/** The PostgreSQL URL of the context's own test database, as the application's role. */
async function currentUrl(ctx: TestContext): Promise<string> {
  const { rows } = await ctx.database.query<{ db: string }>('select current_database() as db');
  return appUrl(process.env.TEST_DATABASE_URL!, rows[0]!.db);
}
