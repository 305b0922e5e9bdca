/**
 * Database outage (PostgreSQL only): this machine's cluster is stopped for a few seconds while a mixed
 * load runs. The app answers 503 with a Chinese message (no hang, no crash), recovers by itself when
 * PostgreSQL is back, and nothing it acknowledged is lost. The cluster is started again in a finally.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  call,
  DEMO,
  HAS_CJK,
  localCluster,
  loginViaSms,
  pgAvailable,
  pgOutage,
  projectBody,
  sleep,
  startServer,
  testDb,
  type TestDb,
} from './support';

const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 4000);
const HANG_MS = 10_000;

let db: TestDb | undefined;
afterAll(async () => {
  await db?.drop();
});

describe('PostgreSQL stops for a few seconds under load', () => {
  it('answers 503 in Chinese meanwhile, recovers by itself, loses nothing acknowledged', async (t) => {
    const cluster = localCluster();
    if (!cluster || !(await pgAvailable())) return t.skip();
    db = await testDb('postgres', 'outage');
    const server = await startServer({ databaseUrl: db.url, dataDir: db.dataDir });
    const ent = await loginViaSms(server.url, DEMO.enterprise);
    // the demo seed's projects (payment demos, written without a request) are not the load's
    const seeded = new Set((await db.query<{ id: string }>('select id::text as id from projects')).map((r) => r.id));

    const acked = new Set<string>();
    const byPhase = { before: new Map<number, number>(), during: new Map<number, number>(), after: new Map<number, number>() };
    let phase: keyof typeof byPhase = 'before';
    const bad: string[] = [];
    let slowest = 0;
    let stop = false;
    let n = 0;
    const worker = async (k: number) => {
      while (!stop) {
        const kind = (n += 1) % 3;
        const t0 = Date.now();
        const ph = phase; // an answer counts in the phase its request started in
        try {
          const r =
            kind === 0
              ? await call(server.url, 'POST', '/api/projects', { session: ent, body: projectBody(n), timeoutMs: HANG_MS * 3 })
              : await call(server.url, 'GET', kind === 1 ? '/api/me' : '/api/projects?page=1&pageSize=10', { session: ent, timeoutMs: HANG_MS * 3 });
          const ms = Date.now() - t0;
          slowest = Math.max(slowest, ms);
          const m = byPhase[ph];
          m.set(r.status, (m.get(r.status) ?? 0) + 1);
          if (r.status === 201) acked.add(r.body.id);
          if (r.status >= 500) {
            if (r.status !== 503 || r.body?.code !== 'SERVICE_UNAVAILABLE' || !HAS_CJK.test(r.body?.message ?? '')) bad.push(`${r.status} ${r.text.slice(0, 200)}`);
          } else if (r.status >= 300) bad.push(`${r.status} ${r.text.slice(0, 200)}`);
          if (ms > HANG_MS) bad.push(`a request took ${ms} ms`);
        } catch (err) {
          bad.push(`no answer: ${(err as Error).message} after ${Date.now() - t0} ms (worker ${k})`);
        }
        await sleep(20);
      }
    };
    const workers = Array.from({ length: 4 }, (_, k) => worker(k));
    let recoveredMs = -1;
    try {
      await sleep(1500);
      phase = 'during';
      const { startedAt } = await pgOutage(cluster, OUTAGE_MS);
      // recovery by itself: no restart of the app, just keep asking
      for (;;) {
        const r = await call(server.url, 'GET', '/api/health').catch(() => null);
        if (r?.status === 200) break;
        if (Date.now() - startedAt > 30_000) throw new Error('the app did not recover within 30 s of PostgreSQL being back');
        await sleep(100);
      }
      recoveredMs = Date.now() - startedAt;
      phase = 'after';
      await sleep(2000);
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    const alive = server.child.exitCode === null;
    await server.stop();
    const fmt = (m: Map<number, number>) => [...m.entries()].map(([s, c]) => `${s}×${c}`).join(' ');
    console.log(`outage ${OUTAGE_MS} ms: before ${fmt(byPhase.before)} | during ${fmt(byPhase.during)} | after ${fmt(byPhase.after)}; healthy again ${recoveredMs} ms after PostgreSQL was back; slowest answer ${slowest} ms; ${acked.size} projects acknowledged`);

    expect(alive, 'the server process survived').toBe(true);
    expect(bad).toEqual([]);
    expect(byPhase.during.get(503) ?? 0, 'answers 503 while the database is down').toBeGreaterThan(0);
    expect([...byPhase.after.keys()].every((s) => s < 300), `after: ${fmt(byPhase.after)}`).toBe(true);
    expect(byPhase.after.size).toBeGreaterThan(0);
    const rows = await db.query<{ id: string }>('select id::text as id from projects');
    const stored = new Set(rows.map((r) => r.id));
    for (const id of acked) expect(stored.has(id), `acknowledged project ${id}`).toBe(true);
    const audited = new Set((await db.query<{ target_id: string }>(`select target_id from audit_log where action = 'project.create'`)).map((r) => r.target_id));
    for (const id of stored) if (!seeded.has(id)) expect(audited.has(id), `audit of project ${id}`).toBe(true);
  });
});
