/**
 * After-commit events across crashes and processes (docs/decisions/016), against the real server as a
 * child process:
 * - a process killed (SIGKILL) after a decision committed and its event was claimed, before the
 *   handler ran: the next process delivers it once the lease has passed — one SMS, not zero, not two
 *   (PostgreSQL: another process; PGlite: the same folder restarted);
 * - two processes draining a burst of events into a probe handler that appends without any dedupe
 *   (OUTBOX_TEST_PROBE): every event handled exactly once, in order per object (PostgreSQL only).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '@benxi/shared';
import { call, DEMO, loginViaSms, pgAvailable, sleep, startServer, testDb, type RunningServer, type TestDb } from './support';

const UNCERTIFIED = '13800000007';
const APPROVED_TEXT = '【本溪农民工工资保证金平台】您的企业认证已通过，现在可以登录平台新建项目并申请定额。';
const LEASE_SECONDS = 3;
const fast = { OUTBOX_POLL_MS: '200', OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS) };

const dbs: TestDb[] = [];
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
  for (const d of dbs) await d.drop();
});
const start = async (db: TestDb, env: Record<string, string>) => {
  const s = await startServer({ databaseUrl: db.url, dataDir: db.dataDir, env: { ...fast, ...env } });
  servers.push(s);
  return s;
};

function creditCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '91210500';
  for (let i = 0; i < 9; i++) s += charset[Math.floor(Math.random() * charset.length)];
  return s + creditCodeCheckChar(s);
}

/** The demo enterprise that has not certified yet submits; the admin approves. Returns the contact phone. */
async function approveACertification(base: string): Promise<{ id: string; contactPhone: string }> {
  const ent = await loginViaSms(base, UNCERTIFIED);
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n% licence\n%%EOF\n')], { type: 'application/pdf' }), '营业执照.pdf');
  const up = await fetch(`${base}/api/files`, { method: 'POST', headers: ent.headers, body: form });
  expect(up.status).toBe(201);
  const contactPhone = '13900007777';
  const submitted = await call(base, 'POST', '/api/certification', {
    session: ent,
    body: {
      enterpriseName: '本溪崩溃演练建设有限公司',
      creditCode: creditCode(),
      certType: '施工单位',
      qualification: '一级',
      registeredRegion: '本溪市平山区',
      registeredAddress: '本溪市平山区人民路8号',
      legalRepresentative: '张伟',
      contactName: '刘洋',
      contactPhone,
      licenseFileId: ((await up.json()) as { id: string }).id,
    },
  });
  expect(submitted.status, submitted.text).toBe(201);
  const admin = await loginViaSms(base, DEMO.admin);
  const ok = await call(base, 'POST', `/api/admin/certifications/${submitted.body.id}/approve`, { session: admin });
  expect(ok.status, ok.text).toBe(200);
  return { id: submitted.body.id, contactPhone };
}

const smsTo = async (base: string, phone: string) =>
  ((await call(base, 'GET', `/api/dev/sms-outbox?phone=${phone}`)).body.items as { purpose: string; content: string }[]);

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

describe.each(['postgres', 'pglite'] as const)('outbox on %s: SIGKILL between commit and delivery', (kind) => {
  it('the next process delivers the claimed event once the lease has passed: exactly one SMS', async (t) => {
    if (kind === 'postgres' && !(await pgAvailable())) return t.skip();
    const db = await testDb(kind, 'outbox');
    dbs.push(db);
    // A claims the event at once (its own write wakes it) and then waits before handling: the drill's window
    const a = await start(db, { NODE_ID: '1', OUTBOX_TEST_PAUSE_MS: '600000' });
    const { id, contactPhone } = await approveACertification(a.url);

    let leaseEnd: Date | undefined;
    if (kind === 'postgres') {
      const [claimed] = await until(
        'the claim of node-1',
        () => db.query<{ locked_by: string | null; locked_until: Date | null; delivered_at: Date | null }>(
          `select locked_by, locked_until, delivered_at from outbox_events where aggregate_type = 'certification' and aggregate_id = $1`,
          [id],
        ),
        (rows) => rows[0]?.locked_by === 'node-1',
      );
      expect(claimed!.delivered_at).toBeNull();
      leaseEnd = claimed!.locked_until!;
    } else {
      await sleep(1_500); // the folder cannot be read while A holds it; A claims within a poll
    }
    expect(await smsTo(a.url, contactPhone), 'nothing is sent while the handler waits').toEqual([]);
    expect(await a.kill()).toBe('SIGKILL');

    const b = await start(db, { NODE_ID: '2' });
    const sent = await until('the SMS', () => smsTo(b.url, contactPhone), (items) => items.length > 0);
    await sleep(1_500); // several more polls of B: nothing more
    expect((await smsTo(b.url, contactPhone)).map((m) => [m.purpose, m.content])).toEqual([['cert-approved', APPROVED_TEXT]]);
    expect(sent).toHaveLength(1);

    if (kind === 'pglite') await b.stop();
    const [event] = await db.query<{ delivered_at: Date; attempts: number; locked_by: string | null }>(
      `select delivered_at, attempts, locked_by from outbox_events where aggregate_type = 'certification' and aggregate_id = $1`,
      [id],
    );
    expect(event).toMatchObject({ attempts: 1, locked_by: null });
    if (leaseEnd) expect(new Date(event!.delivered_at).getTime(), 'not taken over before the lease ran out').toBeGreaterThanOrEqual(new Date(leaseEnd).getTime());
    const receipts = await db.query<{ handler: string; node: string }>(
      `select r.handler, r.node from outbox_receipts r join outbox_events e on e.id = r.event_id where e.aggregate_id = $1 order by r.handler`,
      [id],
    );
    // each handler of the event once, all by the process that took over: the SMS and the 消息中心 message
    expect(receipts).toEqual([
      { handler: 'certification.sms', node: 'node-2' },
      { handler: 'messages.decision', node: 'node-2' },
    ]);
    for (const s of [b]) expect(s.logs(), 'no error logged').not.toMatch(/"level":(50|60)/);
  });
});

describe('outbox on postgres: two processes, a burst, a probe without dedupe', () => {
  it('every event is handled exactly once, in order per object', async (t) => {
    if (!(await pgAvailable())) return t.skip();
    const db = await testDb('postgres', 'outboxburst');
    dbs.push(db);
    const probe = { OUTBOX_TEST_PROBE: 'true', JOBS_ENABLED: 'false' };
    // the first start migrates; the probe's table is the test's own
    const b = await start(db, { NODE_ID: '1', ...probe });
    await db.query('create table outbox_probe (event_id bigint not null, node text not null, at timestamptz not null)');
    const c = await start(db, { NODE_ID: '2', ...probe });

    const EVENTS = 600;
    const OBJECTS = 25;
    // bursts of commits while both workers poll, as commands in many transactions would write them
    await Promise.all(
      Array.from({ length: 12 }, (_, burst) =>
        db.query(
          `insert into outbox_events (topic, aggregate_type, aggregate_id, payload, created_at, available_at)
           select 'test.probe', 'probe', 'o' || (g % ${OBJECTS}), jsonb_build_object('n', g), now(), now()
           from generate_series($1::int, $2::int) g`,
          [burst * (EVENTS / 12), (burst + 1) * (EVENTS / 12) - 1],
        ),
      ),
    );
    await until(
      'every event delivered',
      async () => (await db.query<{ n: number }>('select count(*)::int as n from outbox_events where delivered_at is null'))[0]!.n,
      (n) => n === 0,
      120_000,
    );
    await sleep(1_000); // more polls by both: nothing handled again

    const handled = await db.query<{ event_id: string; node: string; aggregate_id: string }>(
      `select p.event_id, p.node, e.aggregate_id from outbox_probe p join outbox_events e on e.id = p.event_id order by p.at, p.event_id`,
    );
    expect(handled).toHaveLength(EVENTS);
    expect(new Set(handled.map((h) => h.event_id)).size).toBe(EVENTS);
    // per object, handled in the order the events were recorded
    const byObject = new Map<string, number[]>();
    for (const h of handled) byObject.set(h.aggregate_id, [...(byObject.get(h.aggregate_id) ?? []), Number(h.event_id)]);
    expect(byObject.size).toBe(OBJECTS);
    for (const [obj, ids] of byObject) expect(ids, obj).toEqual([...ids].sort((x, y) => x - y));
    const split = Object.fromEntries(['node-1', 'node-2'].map((n) => [n, handled.filter((h) => h.node === n).length]));
    console.log(`[outbox] ${EVENTS} events over ${OBJECTS} objects handled by`, split);
    for (const s of [b, c]) expect(s.logs(), 'no error logged').not.toMatch(/"level":(50|60)/);
  });
});
