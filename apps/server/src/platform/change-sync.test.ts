import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CACHED_TABLE_WRITES, writesCachedTable } from '../db/client';
import { buildUser, createTestContext, login, projectInput, usingPostgres, type Session, type TestContext } from '../test/harness';

/**
 * A write request waits for a change-feed sync only when it may have changed what a cache holds
 * (app.ts, db/client.ts CACHED_TABLE_WRITES, docs/decisions/011). What must hold: the list matches
 * the database's own triggers and cascades, so that no write a cache depends on goes unsynced.
 */
let ctx: TestContext;
let ent: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  ent = await login(ctx, (await buildUser(ctx, { role: 'enterprise', certified: true })).phone);
  admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
});
afterAll(() => ctx.close());

type Verb = 'insert' | 'update' | 'delete';
const listed = CACHED_TABLE_WRITES as Record<string, readonly Verb[]>;

describe('the writes the change feed announces', () => {
  it('CACHED_TABLE_WRITES covers every bx_notify_change trigger of the schema, event by event', async () => {
    const { rows } = await ctx.database.query<{ table: string; event: string }>(
      `select c.relname as "table", lower(e.event) as event
         from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
         cross join lateral (values ('insert', 4), ('delete', 8), ('update', 16)) as e(event, bit)
        where p.proname = 'bx_notify_change' and not t.tgisinternal and (t.tgtype::int & e.bit) <> 0`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(listed[r.table] ?? [], `${r.event} on ${r.table} fires bx_notify_change`).toContain(r.event);
  });

  it('a table whose deletion cascades into a cached table counts its deletes too', async () => {
    const { rows } = await ctx.database.query<{ child: string; parent: string }>(
      `select c.relname as child, p.relname as parent from pg_constraint k
         join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        where k.contype = 'f' and k.confdeltype in ('c', 'n', 'd') and c.relname = any($1)`,
      [Object.keys(listed)],
    );
    for (const r of rows) expect(listed[r.parent] ?? [], `deleting from ${r.parent} changes ${r.child}`).toContain('delete');
  });

  it('recognises the statements that write them, and only those', () => {
    for (const t of ['update "users" set "status" = $1 where "users"."id" = $2', 'delete from "sessions" where "sessions"."user_id" = $1', 'insert into "organizations" ("id") values ($1)', 'with b as (select 1) update organizations o set name = $1', 'TRUNCATE users, sessions', 'delete from api_clients'])
      expect(writesCachedTable(t), t).toBe(true);
    for (const t of ['update "sessions" set "last_seen_at" = $1 where "sessions"."id" = $2', 'insert into "sessions" ("id") values ($1)', 'insert into "projects" ("id") values ($1)', 'select * from "users" where id = $1 for update', 'update "users_x" set a = 1', 'insert into "audit_log" ("action") values ($1)'])
      expect(writesCachedTable(t), t).toBe(false);
  });
});

describe('which write requests wait for a sync', () => {
  it.runIf(usingPostgres())('新建项目 changes nothing a cache holds: its answer sends no sync; disabling a user does', async () => {
    const sync = vi.spyOn(ctx.app.changes, 'sync');
    try {
      const created = await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput() });
      expect(created.statusCode).toBe(201);
      expect(sync).not.toHaveBeenCalled();
      // and the write is read back at once all the same (it never was a cache's to serve)
      expect((await ent.inject({ method: 'GET', url: `/api/projects/${created.json().id}` })).statusCode).toBe(200);
      const victim = await buildUser(ctx, { role: 'enterprise', certified: true });
      const s = await login(ctx, victim.phone);
      sync.mockClear();
      expect((await admin.inject({ method: 'POST', url: `/api/admin/users/${victim.id}/disable` })).statusCode).toBe(200);
      expect(sync).toHaveBeenCalledTimes(1);
      // the kept session is gone before the answer arrives
      expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    } finally {
      sync.mockRestore();
    }
  });

  it.runIf(!usingPostgres())('on PGlite (no count kept) every write request syncs, as before', async () => {
    const sync = vi.spyOn(ctx.app.changes, 'sync');
    try {
      expect((await ent.inject({ method: 'POST', url: '/api/projects', payload: projectInput() })).statusCode).toBe(201);
      expect(sync).toHaveBeenCalledTimes(1);
    } finally {
      sync.mockRestore();
    }
  });
});
