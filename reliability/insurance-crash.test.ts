/**
 * 保险办理 under SIGKILL (issue 12): workers make payable projects, send a 投保 to two insurers, both
 * approve, then a burst of 立即支付 on both orders at once — while the server is killed with SIGKILL at
 * random moments and restarted. Afterwards no application has two payable orders (待支付 or beyond),
 * every 立即支付 answered 200 left its order 待支付 with every other order of its application 已关闭,
 * and there is exactly one pay audit row per chosen order. On PGlite and on PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { APPROVE_BODY, call, DEMO, freePort, loginViaSms, pgAvailable, projectBody, quotaBody, sleep, startServer, testDb, type HttpSession, type RunningServer, type TestDb } from './support';

const KILLS = (kind: 'postgres' | 'pglite') => Number(process.env.CRASH_KILLS ?? (kind === 'postgres' ? 8 : 4));
const WORKERS = 3;
const PICC = '13800000005';
const CPIC = '13800000008';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

async function uploadPdf(base: string, s: HttpSession, n: number): Promise<string | null> {
  const fd = new FormData();
  fd.append('file', new Blob([Buffer.concat([PDF, Buffer.from(`% ${n}\n`)])], { type: 'application/pdf' }), `材料${n}.pdf`);
  const res = await fetch(`${base}/api/files`, { method: 'POST', headers: s.headers, body: fd, signal: AbortSignal.timeout(15_000) });
  if (res.status !== 201) return null;
  return ((await res.json()) as { id: string }).id;
}

async function crashRun(kind: 'postgres' | 'pglite') {
  const db = await testDb(kind, 'insurance_crash');
  dbs.push(db);
  const port = await freePort();
  const start = () => startServer({ databaseUrl: db.url, dataDir: db.dataDir, port, env: { NODE_ID: '9' } });
  let server: RunningServer = await start();
  const base = server.url;
  const ent = await loginViaSms(base, DEMO.enterprise);
  const hrss = await loginViaSms(base, DEMO.hrss);
  const picc = await loginViaSms(base, PICC);
  const cpic = await loginViaSms(base, CPIC);

  const paidOk = new Set<string>();
  const unexpected: string[] = [];
  let stop = false;
  let n = 0;
  let bursts = 0;
  const attempt = async (method: string, path: string, session: HttpSession, body?: unknown) => {
    try {
      const r = await call(base, method, path, { session, body, timeoutMs: 15_000 });
      if (r.status >= 500 && r.status !== 503) unexpected.push(`${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
      return r;
    } catch {
      await sleep(100);
      return null;
    }
  };

  const worker = async () => {
    while (!stop) {
      const p = await attempt('POST', '/api/projects', ent, projectBody((n += 1) + 5000));
      if (p?.status !== 201) continue;
      const q = await attempt('POST', '/api/quota-applications', ent, quotaBody(p.body.id));
      if (q?.status !== 201) continue;
      const a = await attempt('POST', `/api/quota-applications/${q.body.id}/approve`, hrss, APPROVE_BODY);
      if (a?.status !== 200) continue;
      const quotes = await attempt('GET', `/api/projects/${p.body.id}/insurance-quotes?qualification=grade_1`, ent);
      if (quotes?.status !== 200) continue;
      const productIds = (quotes.body.quotes as { productId: string }[]).map((x) => x.productId);
      let tender: string | null = null;
      let award: string | null = null;
      try {
        tender = await uploadPdf(base, ent, n * 2);
        award = await uploadPdf(base, ent, n * 2 + 1);
      } catch {
        continue;
      }
      if (!tender || !award) continue;
      const sub = await attempt('POST', '/api/insurance-applications', ent, {
        projectId: p.body.id,
        regionCode: '210502',
        productType: 'project',
        applicantType: 'contractor',
        qualification: 'grade_1',
        productIds,
        startOn: quotes.body.startOn,
        endOn: quotes.body.endOn,
        tenderFileId: tender,
        awardFileId: award,
      });
      if (sub?.status !== 201) continue;
      const [o1, o2] = sub.body.orders as ({ id: string } | undefined)[];
      if (!o1 || !o2) continue;
      await attempt('POST', `/api/insurance-orders/${o1.id}/approve`, picc, { rate: '0.01' });
      await attempt('POST', `/api/insurance-orders/${o2.id}/approve`, cpic, { rate: '0.0085' });
      // the burst: four 立即支付 at once, two on each order
      bursts++;
      const results = await Promise.all([o1, o2, o1, o2].map((o) => attempt('POST', `/api/insurance-orders/${o.id}/pay`, ent).then((r) => ({ o, r }))));
      for (const { o, r } of results) if (r?.status === 200) paidOk.add(o.id);
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  try {
    for (let k = 0; k < KILLS(kind); k++) {
      await sleep(800 + Math.floor(Math.random() * 1500));
      expect(await server.kill()).toBe('SIGKILL');
      server = await start();
    }
    await sleep(1500);
  } finally {
    stop = true;
    await Promise.all(workers);
  }
  expect((await call(base, 'GET', '/api/me', { session: ent })).status).toBe(200);
  await server.stop();
  console.log(`insurance crash ${kind}: ${KILLS(kind)} kills, ${bursts} bursts of 立即支付, ${paidOk.size} acknowledged`);
  expect(unexpected).toEqual([]);
  expect(paidOk.size).toBeGreaterThan(0);

  const orders = await db.query<{ id: string; application_id: string; status: string }>('select id::text as id, application_id::text as application_id, status from insurance_orders');
  const pays = await db.query<{ target_id: string }>(`select target_id from audit_log where action = 'insurance_order.pay'`);
  const byApp = new Map<string, { id: string; status: string }[]>();
  for (const o of orders) byApp.set(o.application_id, [...(byApp.get(o.application_id) ?? []), o]);
  const payable = ['paying', 'paid', 'issued'];
  for (const [app, os] of byApp) {
    const chosen = os.filter((o) => payable.includes(o.status));
    expect(chosen.length, `application ${app}: payable orders ${JSON.stringify(os)}`).toBeLessThanOrEqual(1);
    if (chosen.length === 1) {
      for (const o of os) if (o.id !== chosen[0]!.id) expect(['closed', 'refused'], `application ${app}: the others closed`).toContain(o.status);
    }
  }
  for (const id of paidOk) expect(orders.find((o) => o.id === id)?.status, `acknowledged 立即支付 ${id}`).toBe('paying');
  // one pay audit row per chosen order, none for an order not chosen
  const paying = new Set(orders.filter((o) => o.status === 'paying').map((o) => o.id));
  expect(pays.map((p) => p.target_id).sort()).toEqual([...paying].sort());
}

describe('SIGKILL during a burst of 立即支付', () => {
  it('PGlite: no application has two payable orders; every acknowledged 立即支付 holds', async () => {
    await crashRun('pglite');
  });
  it('PostgreSQL: no application has two payable orders; every acknowledged 立即支付 holds', async (t) => {
    if (!(await pgAvailable())) return t.skip();
    await crashRun('postgres');
  });
});
