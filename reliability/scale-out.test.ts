/**
 * Scale out: two app processes on separate ports with the same DATABASE_URL and DATA_DIR behave as one.
 * A session made on one is valid on the other (and a logout on one ends it on both); the lockout
 * counts wrong passwords sent to both; an upload made through one is served by the other; both start
 * at once against an empty database (one migrates and seeds, the other waits); 工程编号 made by both
 * in parallel never collide; the daily jobs, due as both start, run once (docs/decisions/012). PostgreSQL
 * only (PGlite is one process's folder).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  DEMO,
  DEMO_PASSWORD,
  loginViaSms,
  pgAvailable,
  projectBody,
  sleep,
  startServer,
  testDb,
  type RunningServer,
  type TestDb,
} from './support';

let db: TestDb | undefined;
let a: RunningServer;
let b: RunningServer;
let skip = false;

beforeAll(async () => {
  if (!(await pgAvailable())) {
    skip = true;
    return;
  }
  db = await testDb('postgres', 'scaleout');
  // both start at once on the empty database: migrations and the demo seed must happen exactly once
  [a, b] = await Promise.all([
    startServer({ databaseUrl: db.url, dataDir: db.dataDir, env: { NODE_ID: '1', LOCKOUT_THRESHOLD: '5' } }),
    startServer({ databaseUrl: db.url, dataDir: db.dataDir, env: { NODE_ID: '2', LOCKOUT_THRESHOLD: '5' } }),
  ]);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

describe('two app processes, one database, one DATA_DIR', () => {
  it('started together, seeded the demo accounts once', async (t) => {
    if (skip) return t.skip();
    const users = await db!.query<{ phone: string; n: number }>('select phone, count(*)::int as n from users group by phone having count(*) > 1');
    expect(users).toEqual([]);
    const demo = await db!.query<{ n: number }>(`select count(*)::int as n from users where phone like '1380000000%'`);
    // the seven demo roles of the README and the second insurer of 保险办理 (13800000008)
    expect(demo[0]!.n).toBe(8);
  });

  it('a session made on one is valid on the other; a logout on the other ends it on both', async (t) => {
    if (skip) return t.skip();
    const s = await loginViaSms(a.url, DEMO.enterprise);
    expect((await call(b.url, 'GET', '/api/me', { session: s })).status).toBe(200);
    // a write with the CSRF token issued by the other process
    const p = await call(b.url, 'POST', '/api/projects', { session: s, body: projectBody(1) });
    expect(p.status, p.text).toBe(201);
    expect((await call(a.url, 'GET', `/api/projects/${p.body.id}`, { session: s })).status).toBe(200);
    expect((await call(b.url, 'POST', '/api/auth/logout', { session: s })).status).toBe(200);
    expect((await call(b.url, 'GET', '/api/me', { session: s })).status).toBe(401);
    // the other process keeps sessions in memory and hears of the logout through PostgreSQL NOTIFY
    // (ADR 011): within moments — in practice before the next request
    const t0 = Date.now();
    let status = 0;
    while (Date.now() - t0 < 1_000 && (status = (await call(a.url, 'GET', '/api/me', { session: s })).status) !== 401) await new Promise((r) => setTimeout(r, 10));
    expect(status).toBe(401);
  });

  it('the lockout counts wrong passwords sent to both processes, in parallel too', async (t) => {
    if (skip) return t.skip();
    const phone = DEMO.admin;
    const wrong = (srv: RunningServer) => call(srv.url, 'POST', '/api/auth/login', { body: { phone, password: 'Wrong@2026!x', smsCode: '000000' } });
    // 3 + 2 alternating: the fifth failure locks, whichever process counted the others
    const seq = [];
    for (const srv of [a, b, a, b, a]) seq.push((await wrong(srv)).status);
    expect(seq.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(seq[4]).toBe(423);
    const sms = await call(b.url, 'POST', '/api/auth/sms-code', { body: { phone, purpose: 'login' } });
    expect(sms.status).toBe(200);
    const outbox = await call(a.url, 'GET', `/api/dev/sms-outbox?phone=${phone}`);
    const right = await call(b.url, 'POST', '/api/auth/login', { body: { phone, password: DEMO_PASSWORD, smsCode: outbox.body.items[0].code } });
    expect(right.status, 'the right password is refused while locked, on the other process too').toBe(423);

    // 20 parallel wrong passwords, half to each process, for another account: exactly five are counted
    const other = DEMO.hrss;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call((i % 2 ? a : b).url, 'POST', '/api/auth/login', { body: { phone: other, password: 'Wrong@2026!x', smsCode: '000000' } })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(4);
    expect(statuses.filter((s) => s === 423).length).toBe(16);
    const [row] = await db!.query<{ failed_count: number; locked_until: Date | null }>('select failed_count, locked_until from login_throttle where phone = $1', [other]);
    expect(row!.failed_count).toBe(5);
    expect(row!.locked_until).not.toBeNull();
  });

  it('an upload made through one is served by the other', async (t) => {
    if (skip) return t.skip();
    const s = await loginViaSms(b.url, DEMO.enterprise);
    const pdf = Buffer.from(`%PDF-1.4\n% scale-out ${Date.now()}\n%%EOF\n`);
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), '营业执照.pdf');
    const up = await fetch(`${a.url}/api/files`, { method: 'POST', headers: s.headers, body: form });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const down = await fetch(`${b.url}/api/files/${id}`, { headers: s.headers });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('工程编号 made by both processes in parallel are all distinct (NODE_ID per process)', async (t) => {
    if (skip) return t.skip();
    const s = await loginViaSms(a.url, DEMO.enterprise);
    const made = await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2 ? a.url : b.url, 'POST', '/api/projects', { session: s, body: projectBody(100 + i) })));
    expect(made.every((r) => r.status === 201)).toBe(true);
    expect(new Set(made.map((r) => r.body.id)).size).toBe(40);
  });
});

describe('two app processes: the daily jobs run once', () => {
  let jdb: TestDb | undefined;
  let servers: RunningServer[] = [];
  const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const orphanRel = `2026/01/${crypto.randomUUID()}.pdf`;

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await jdb?.drop();
  });

  it('both start with every job due: one run per job today, the planted orphan gone once, referenced files kept, no error', async (t) => {
    if (skip) return t.skip();
    jdb = await testDb('postgres', 'jobs');
    // a first start migrates and seeds (demo certifications hold licence files), without jobs
    const prep = await startServer({ databaseUrl: jdb.url, dataDir: jdb.dataDir, env: { JOBS_ENABLED: 'false' } });
    await prep.stop();
    // every seeded file is now two days old but referenced by its certification; one orphan is planted
    await jdb.query(`update files set created_at = now() - interval '2 days'`);
    const seeded = await jdb.query<{ id: string; stored_path: string }>('select id, stored_path from files');
    expect(seeded.length).toBeGreaterThan(0);
    const orphanPath = path.join(jdb.dataDir, 'files', orphanRel);
    fs.mkdirSync(path.dirname(orphanPath), { recursive: true });
    fs.writeFileSync(orphanPath, '%PDF-1.4\n% orphan\n%%EOF\n');
    const [orphan] = await jdb.query<{ id: string }>(
      `insert into files (owner_org_id, uploader_id, original_name, stored_path, mime, size, sha256, created_at)
       select u.org_id, u.id, '孤立文件.pdf', $1, 'application/pdf', 24, 'x', now() - interval '2 days'
       from users u where u.phone = $2 returning id`,
      [orphanRel, DEMO.enterprise],
    );

    const env = (node: string) => ({ NODE_ID: node, JOBS_ENABLED: 'true', JOBS_DAILY_AT: '00:00', JOBS_CHECK_SECONDS: '1' });
    servers = await Promise.all([
      startServer({ databaseUrl: jdb.url, dataDir: jdb.dataDir, env: env('1') }),
      startServer({ databaseUrl: jdb.url, dataDir: jdb.dataDir, env: env('2') }),
    ]);
    const today = beijingToday();
    const runs = () =>
      jdb!.query<{ job: string; status: string; attempts: number; node: string; summary: { deleted?: number } }>(
        'select job, status, attempts, node, summary from job_runs where run_date = $1 order by job',
        [today],
      );
    const deadline = Date.now() + 30_000;
    while ((await runs()).length < 3 && Date.now() < deadline) await sleep(200);
    // a few more checks of each process (every second): nothing runs again
    await sleep(3_500);

    const rows = await runs();
    expect(rows.map((r) => [r.job, r.status, r.attempts])).toEqual([
      ['files.purge-orphans', 'ok', 1],
      ['sessions.purge', 'ok', 1],
      // issue 15: 预警巡检 (ADR 037): the demo data's warnings raised once, each announced once
      ['warnings.sweep', 'ok', 1],
    ]);
    expect((await jdb.query<{ n: number }>('select count(*)::int as n from job_runs'))[0]!.n).toBe(3);
    const [w] = await jdb.query<{ n: number; distinct: number; events: number }>(
      `select count(*)::int as n, count(distinct (type, object_type, object_id))::int as distinct,
              (select count(*)::int from outbox_events where topic = 'warning.raised') as events from warnings`,
    );
    expect(w!.n).toBeGreaterThan(0);
    expect(w!.distinct).toBe(w!.n);
    expect(w!.events).toBe(w!.n);
    expect(rows[0]!.summary.deleted).toBe(1);
    expect(await jdb.query('select id from files where id = $1', [orphan!.id])).toEqual([]);
    expect(fs.existsSync(orphanPath)).toBe(false);
    for (const f of seeded) expect(fs.existsSync(path.join(jdb.dataDir, 'files', f.stored_path)), f.stored_path).toBe(true);
    expect((await jdb.query<{ n: number }>('select count(*)::int as n from files'))[0]!.n).toBe(seeded.length);
    const audits = await jdb.query<{ after: { deleted: number } }>(`select after from audit_log where action = 'file.purge-orphans'`);
    expect(audits.map((a) => a.after.deleted)).toEqual([1]);
    for (const s of servers) {
      // pino: 50 error, 60 fatal
      expect(s.logs(), `process on ${s.url}`).not.toMatch(/"level":(50|60)/);
    }
    console.log(`[jobs] ${today}: ${rows.map((r) => `${r.job} by ${r.node}`).join(', ')}`);
  });
});
