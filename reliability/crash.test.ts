/**
 * Crash: a write load (新建项目 → 定额申请 → 人社审核通过) runs while the server is killed with SIGKILL at
 * random moments and restarted. Afterwards every request that was answered 2xx is in the database, and
 * no application is half-written (each has its project locked in 审核中/待缴纳 and its audit rows; no
 * audit row points at a missing application). On PGlite and on PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  APPROVE_BODY,
  call,
  DEMO,
  freePort,
  loginViaSms,
  pgAvailable,
  projectBody,
  quotaBody,
  sleep,
  startServer,
  testDb,
  type HttpSession,
  type RunningServer,
  type TestDb,
} from './support';

/** ten kills on PostgreSQL; six on PGlite, whose restart (WASM start and recovery) takes several seconds */
const KILLS = (kind: 'postgres' | 'pglite') => Number(process.env.CRASH_KILLS ?? (kind === 'postgres' ? 10 : 6));
const WORKERS = 4;

interface Acked {
  projects: Set<string>;
  submitted: Set<string>;
  approved: Set<string>;
}

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

async function crashRun(kind: 'postgres' | 'pglite') {
  const db = await testDb(kind, 'crash');
  dbs.push(db);
  const port = await freePort();
  const start = () => startServer({ databaseUrl: db.url, dataDir: db.dataDir, port, env: { NODE_ID: '7' } });
  let server: RunningServer = await start();
  const base = server.url;
  // sessions live in the database: they survive every restart
  const ent: HttpSession = await loginViaSms(base, DEMO.enterprise);
  const hrss: HttpSession = await loginViaSms(base, DEMO.hrss);

  const acked: Acked = { projects: new Set(), submitted: new Set(), approved: new Set() };
  const unexpected: string[] = [];
  let stop = false;
  let n = 0;
  let answered = 0;
  let refused = 0;

  /** One call; a dead server is a thrown error (not acknowledged), any answer is returned. */
  const attempt = async (method: string, path: string, session: HttpSession, body?: unknown) => {
    try {
      const r = await call(base, method, path, { session, body, timeoutMs: 15_000 });
      answered++;
      if (r.status >= 500 && r.status !== 503) unexpected.push(`${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
      return r;
    } catch {
      refused++;
      await sleep(100);
      return null;
    }
  };

  const worker = async () => {
    while (!stop) {
      const p = await attempt('POST', '/api/projects', ent, projectBody((n += 1)));
      if (p?.status !== 201) continue;
      acked.projects.add(p.body.id);
      const q = await attempt('POST', '/api/quota-applications', ent, quotaBody(p.body.id));
      if (q?.status !== 201) continue;
      acked.submitted.add(q.body.id);
      const a = await attempt('POST', `/api/quota-applications/${q.body.id}/approve`, hrss, APPROVE_BODY);
      if (a?.status === 200) acked.approved.add(q.body.id);
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);

  const restarts: number[] = [];
  try {
    for (let k = 0; k < KILLS(kind); k++) {
      await sleep(300 + Math.floor(Math.random() * 1200));
      expect(await server.kill()).toBe('SIGKILL');
      const t = Date.now();
      server = await start();
      restarts.push(Date.now() - t);
    }
    await sleep(500);
  } finally {
    stop = true;
    await Promise.all(workers);
  }

  // the server still works after the last restart
  const me = await call(base, 'GET', '/api/me', { session: ent });
  expect(me.status).toBe(200);
  await server.stop();

  console.log(
    `crash ${kind}: ${KILLS(kind)} kills, restart ${Math.min(...restarts)}–${Math.max(...restarts)} ms; ${answered} answers, ${refused} refused; acknowledged ${acked.projects.size} projects, ${acked.submitted.size} applications, ${acked.approved.size} approvals`,
  );
  expect(unexpected).toEqual([]);
  expect(acked.approved.size).toBeGreaterThan(0);

  // ---- every acknowledged write is there --------------------------------------------------------------
  const projects = new Map((await db.query<{ id: string; deposit_status: string; base_locked: boolean }>('select id::text as id, deposit_status, base_locked from projects')).map((r) => [r.id, r]));
  const apps = new Map(
    (await db.query<{ id: string; project_id: string; status: string; decided_at: Date | null }>('select id::text as id, project_id::text as project_id, status, decided_at from quota_applications')).map((r) => [r.id, r]),
  );
  const audit = await db.query<{ action: string; target_id: string }>(`select action, target_id from audit_log where action in ('project.create', 'quota.submit', 'quota.approve')`);
  const audited = (action: string) => new Set(audit.filter((a) => a.action === action).map((a) => a.target_id));
  const created = audited('project.create');
  const submitted = audited('quota.submit');
  const approved = audited('quota.approve');

  for (const id of acked.projects) expect(projects.has(id), `acknowledged project ${id}`).toBe(true);
  for (const id of acked.submitted) expect(apps.has(id), `acknowledged application ${id}`).toBe(true);
  for (const id of acked.approved) expect(apps.get(id)?.status, `acknowledged approval ${id}`).toBe('approved');

  // ---- nothing is half-written ---------------------------------------------------------------------
  for (const [id] of projects) if (acked.projects.has(id)) expect(created.has(id), `audit of project ${id}`).toBe(true);
  for (const [id, a] of apps) {
    // the demo seed's quotas (payment demos) are written without a request: only the load's projects, made through the API, are checked
    if (!created.has(a.project_id)) continue;
    const p = projects.get(a.project_id);
    expect(p, `project of application ${id}`).toBeDefined();
    expect(p!.base_locked, `project ${a.project_id} locked by application ${id}`).toBe(true);
    expect(submitted.has(id), `audit quota.submit of ${id}`).toBe(true);
    if (a.status === 'pending') expect(p!.deposit_status).toBe('quota_review');
    if (a.status === 'approved') {
      expect(a.decided_at).not.toBeNull();
      expect(approved.has(id), `audit quota.approve of ${id}`).toBe(true);
      expect(p!.deposit_status).toBe('to_pay');
    }
  }
  // and no audit row tells of a change that is not there
  for (const id of submitted) expect(apps.has(id), `application of audit row ${id}`).toBe(true);
  for (const id of approved) expect(apps.get(id)?.status).toBe('approved');
  for (const id of created) expect(projects.has(id), `project of audit row ${id}`).toBe(true);
}

describe('SIGKILL during a write load', () => {
  it('PGlite: every acknowledged write survives, nothing is half-written', async () => {
    await crashRun('pglite');
  });

  it('PostgreSQL: every acknowledged write survives, nothing is half-written', async (t) => {
    if (!(await pgAvailable())) return t.skip();
    await crashRun('postgres');
  });
});
