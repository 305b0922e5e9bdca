/**
 * Two database roles (docs/decisions/015): the owner migrates (MIGRATION_DATABASE_URL), the application
 * (DATABASE_URL) has only what it needs. Two servers start at once on an empty database owned by a
 * non-superuser owner, as production would run them; they migrate, grant and seed once, and serve
 * (login, 新建项目, 定额申请, an upload). Then the application's own role, connected directly as an
 * attacker who took the server would be, cannot disable the audit trigger, change, delete or empty the
 * audit log, or run any DDL; a table the owner adds later is usable by the application at once.
 * PostgreSQL only (PGlite has one role).
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, dropDatabase } from '../bench/lib/data';
import { call, DEMO, loginViaSms, PG_URL, pgAvailable, projectBody, quotaBody, startServer, type RunningServer } from './support';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OWNER = 'bx_rel_owner';
const APP = 'bx_rel_app';
const name = `bx_rel_roles_${crypto.randomBytes(4).toString('hex')}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-rel-roles-'));

function urlAs(role: string): string {
  const u = new URL(PG_URL);
  u.username = role;
  u.password = role;
  u.pathname = `/${name}`;
  return u.toString();
}

/** A login role with a password (password authentication on 127.0.0.1 works as well as trust). */
async function ensureRole(role: string): Promise<void> {
  const exists = await adminQuery(PG_URL, 'select 1 from pg_roles where rolname = $1', [role]);
  if (exists.rowCount) return;
  await adminQuery(PG_URL, `create role ${role} login password '${role}' nosuperuser nocreatedb nocreaterole`).catch((err) => {
    if (!['42710', '23505'].includes(err.code)) throw err;
  });
}

let skip = false;
let a: RunningServer;
let b: RunningServer;
let app: pg.Client;

beforeAll(async () => {
  if (!(await pgAvailable())) {
    skip = true;
    return;
  }
  await ensureRole(OWNER);
  await ensureRole(APP);
  await adminQuery(PG_URL, `create database ${name} owner ${OWNER}`);
  const env = { JOBS_ENABLED: 'false' };
  [a, b] = await Promise.all([
    startServer({ databaseUrl: urlAs(APP), migrationUrl: urlAs(OWNER), dataDir, env: { ...env, NODE_ID: '1' } }),
    startServer({ databaseUrl: urlAs(APP), migrationUrl: urlAs(OWNER), dataDir, env: { ...env, NODE_ID: '2' } }),
  ]);
  app = new pg.Client({ connectionString: urlAs(APP) });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
  await a?.stop();
  await b?.stop();
  if (!skip) await dropDatabase(PG_URL, name);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The PostgreSQL error code of a statement run as the application's role (null: it succeeded). */
async function asApp(text: string): Promise<string | null> {
  try {
    await app.query(text);
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? 'unknown';
  }
}

const auditCount = async () => Number((await adminQuery(urlAs(OWNER), 'select count(*) as n from audit_log')).rows[0].n);

describe('the application runs as a role of its own', () => {
  it('two servers started at once migrated, granted and seeded once, and everything works as that role', async (t) => {
    if (skip) return t.skip();
    const who = await app.query('select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as s');
    expect(who.rows[0]).toEqual({ u: APP, s: false });
    // the owner owns every table; the application none
    const owners = await adminQuery(urlAs(OWNER), `select distinct pg_get_userbyid(relowner) as o from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'S')`);
    expect(owners.rows.map((r) => r.o)).toEqual([OWNER]);
    expect((await adminQuery(urlAs(OWNER), `select count(*)::int as n from users where phone like '1380000000%'`)).rows[0].n).toBe(8); // the README's seven roles and 保险办理's second insurer
    // neither server warned about its role
    expect(a.logs() + b.logs()).not.toMatch(/warning: DATABASE_URL/);

    const ent = await loginViaSms(a.url, DEMO.enterprise);
    const project = await call(b.url, 'POST', '/api/projects', { session: ent, body: projectBody(1) });
    expect(project.status, project.text).toBe(201);
    const quota = await call(a.url, 'POST', '/api/quota-applications', { session: ent, body: quotaBody(project.body.id) });
    expect(quota.status, quota.text).toBe(201);
    const boundary = 'bxROLES';
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    const up = await fetch(`${b.url}/api/files`, {
      method: 'POST',
      headers: { ...ent.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
    });
    expect(up.status).toBe(201);
    const audits = await adminQuery(urlAs(OWNER), `select action from audit_log where action in ('project.create', 'quota.submit', 'file.upload')`);
    expect(audits.rows.map((r) => r.action).sort()).toEqual(['file.upload', 'project.create', 'quota.submit']);
  });

  it('cannot disable the audit trigger, nor change, delete or empty the audit log, even with the trigger in the way', async (t) => {
    if (skip) return t.skip();
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    // 42501 insufficient_privilege: refused by the privileges, before any trigger runs
    expect(await asApp('alter table audit_log disable trigger audit_log_no_update')).toBe('42501');
    expect(await asApp('alter table audit_log disable trigger all')).toBe('42501');
    expect(await asApp('drop trigger audit_log_no_update on audit_log')).toBe('42501');
    expect(await asApp('set session_replication_role = replica')).toBe('42501');
    expect(await asApp('delete from audit_log')).toBe('42501');
    expect(await asApp(`update audit_log set action = 'x'`)).toBe('42501');
    expect(await asApp('truncate audit_log')).toBe('42501');
    expect(await asApp(`alter table audit_log owner to ${APP}`)).toBe('42501');
    expect(await asApp('drop table audit_log')).toBe('42501');
    expect(await auditCount()).toBe(before);
    // what the application does with it: append and read
    expect(await asApp(`select id from audit_log limit 1`)).toBeNull();
  });

  it('cannot run DDL: no new tables, no ALTER or DROP of the existing ones, no functions in its schema', async (t) => {
    if (skip) return t.skip();
    expect(await asApp('create table evil (a int)')).toBe('42501');
    expect(await asApp('alter table projects add column evil int')).toBe('42501');
    expect(await asApp('alter table users disable trigger all')).toBe('42501');
    expect(await asApp('drop table projects')).toBe('42501');
    expect(await asApp('truncate projects')).toBe('42501');
    expect(await asApp('create index evil_idx on projects (id)')).toBe('42501');
    expect(await asApp(`create function public.evil() returns int language sql as 'select 1'`)).toBe('42501');
    expect(await asApp('create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return new; end $$')).toBe('42501');
  });

  it('a table the owner adds later (a new migration) is usable by the application at once (default privileges)', async (t) => {
    if (skip) return t.skip();
    await adminQuery(urlAs(OWNER), 'create table later_probe (id bigserial primary key, note text)');
    expect(await asApp(`insert into later_probe (note) values ('x')`)).toBeNull();
    expect(await asApp(`update later_probe set note = 'y'`)).toBeNull();
    expect(await asApp('delete from later_probe')).toBeNull();
    expect(await asApp('drop table later_probe')).toBe('42501');
  });

  it('a server restarted with both URLs migrates nothing new and grants again without error', async (t) => {
    if (skip) return t.skip();
    await a.stop();
    a = await startServer({ databaseUrl: urlAs(APP), migrationUrl: urlAs(OWNER), dataDir, env: { JOBS_ENABLED: 'false', NODE_ID: '3' } });
    expect((await call(a.url, 'GET', '/api/health')).status).toBe(200);
    expect(await asApp('delete from audit_log')).toBe('42501');
  });
});
