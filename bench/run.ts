/**
 * `npm run bench [-- options]`: the platform against its own ceilings, side by side, in one run.
 *
 *   --quick                 short runs (2 s each), 10k projects: under two minutes
 *   --db postgres|pglite    the database (default postgres at BENCH_PG_URL / PG_URL / local)
 *   --projects N            scale data size (default 100000; --quick 10000)
 *   --scale-series A,B,…    list p99 at each size (default 10000,100000; --quick: none)
 *   --processes 1,2         also measure with two app processes (default 1,2; --quick 1)
 *   --concurrency 1,8,32    connections (default 1,8,32)
 *   --duration S            seconds per measurement (default 4; --quick 2)
 *   --fresh                 rebuild the scale database even if a matching one exists
 *   --profile               write a CPU profile of the server (node --cpu-prof) to bench/results/
 *   --only me,list-hrss,…   only these scenarios (me, list-enterprise, list-hrss, list-hrss-filtered, detail, write, open, sweep, dashboard)
 *   --sweep-keep            the sweep scenario starts from the warnings already there (default: from none)
 *   --open-threads T,…      the open scenario's SM2 worker threads, 'default' and/or numbers (default: default,0)
 *   --open-connections N    the open scenario's connections driving the open API (default 16)
 *   --open-rounds N         quiet and busy /api/me measurements alternate N times; medians compared (default 3)
 *   --skip-ceilings         measure the app only (for a quick before/after of one change)
 *
 * The app runs as a child process (`node --import tsx apps/server/src/server.ts`, NODE_ENV=production,
 * SEED_DEMO=true, LOG_LEVEL=warn, rate limits raised), logged into through the real login (codes from
 * GET /api/dev/sms-outbox). The HTTP ceiling is a bare Fastify route answering JSON of the same size.
 * The database ceiling (PostgreSQL) is PostgreSQL's own pgbench (`-c <conc> -j 2`) running scripts of
 * the very statements the app sent for each scenario, captured from a server with the SQL trace
 * preloaded (bench/lib/capture.ts, bench/lib/pgbench.ts; the scripts are written to bench/pgbench/):
 * the three lists (with their exact totals), the project detail, and the write path 新建项目 → 定额申请
 * → 审核通过 as the app's transactions. On PGlite, which pgbench cannot reach, the lists' ceiling is
 * still the bench's own in-process driver. Prints one table, writes bench/results/<time>.json.
 *
 * `--only open` (bench/open.ts) needs no scale data: /api/me at the top concurrency, quiet and while
 * the signed open API is driven at its maximum, with SM2 in the worker pool and on the event loop.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { listStatements, type ProjectListQuery } from '../apps/server/src/modules/projects/service';
import { projectScopeOf } from '../apps/server/src/modules/projects/policy';
import type { AuthUser } from '../apps/server/src/platform/sessions';
import { APPROVE_BODY, call, DEMO_PASSWORD, loginViaSms, projectBody, quotaBody, type HttpSession } from './lib/client';
import { CITY_HRSS, insertUser, one, openTarget, scaleDatabase, type ScaleTarget } from './lib/data';
import { captureGet, captureScenarios, SqlTrace, type TracedStatement } from './lib/capture';
import { httpLoad, statementLoad, type Stat } from './lib/load';
import { PGBENCH, readScript, runPgbench, writeScript } from './lib/pgbench';
import { ROOT, startServer, type RunningServer } from './lib/server';
import { openBench } from './open';
import { dashboardBench, sweepBench } from './supervision';

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    db: { type: 'string', default: 'postgres' },
    projects: { type: 'string' },
    'scale-series': { type: 'string' },
    processes: { type: 'string' },
    concurrency: { type: 'string', default: '1,8,32' },
    duration: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    'skip-ceilings': { type: 'boolean', default: false },
    'open-threads': { type: 'string', default: 'default,0' },
    'open-connections': { type: 'string', default: '16' },
    'open-rounds': { type: 'string', default: '3' },
    'sweep-keep': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});
const quick = !!opt.quick;
const kind = opt.db === 'pglite' ? 'pglite' : 'postgres';
const numbers = (s: string | undefined, def: number[]) => (s === undefined ? def : s.split(',').filter(Boolean).map((x) => Number(x.replace(/_/g, ''))));
const PROJECTS = Number(opt.projects ?? (quick ? 10_000 : 100_000));
const SERIES = numbers(opt['scale-series'], quick ? [] : [10_000, 100_000]);
const PROCESSES = numbers(opt.processes, quick ? [1] : [1, 2]);
const CONCURRENCY = numbers(opt.concurrency, [1, 8, 32]);
const DURATION = Number(opt.duration ?? (quick ? 2 : 4));
const TOP = Math.max(...CONCURRENCY);
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

interface ListCase {
  key: string;
  label: string;
  role: 'enterprise' | 'hrss';
  query: ProjectListQuery & { page: number; pageSize: number };
}
const LISTS: ListCase[] = [
  { key: 'list-enterprise', label: '项目列表 enterprise (largest), page 1', role: 'enterprise', query: { page: 1, pageSize: 20 } },
  { key: 'list-hrss', label: '项目列表 hrss city, all, page 1', role: 'hrss', query: { page: 1, pageSize: 20 } },
  { key: 'list-hrss-filtered', label: '项目列表 hrss city, region+status, page 2', role: 'hrss', query: { page: 2, pageSize: 20, regionCode: '210503', status: 'completed' } },
];
const qs = (q: object) => '?' + Object.entries(q).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');

interface Row {
  scenario: string;
  group: 'app' | 'http-ceiling' | 'db-ceiling';
  processes: number;
  concurrency: number;
  stat: Stat;
  /** db-ceiling rows: pgbench (PostgreSQL) or the bench's own process (PGlite, which pgbench cannot reach) */
  source?: 'pgbench' | 'in-process';
  /** pgbench: script runs per second (the write path: chains; stat.rps counts its three requests) */
  tps?: number;
  ceiling?: { scenario: string; rps: number };
  ratio?: number;
  /** the app against the bare HTTP route of the same answer */
  httpRatio?: number;
}

interface Prepared {
  target: ScaleTarget;
  ent: { phone: string; orgId: string };
  hrss: { phone: string; orgId: string };
  detailIds: string[];
  statements: Record<string, { sql: string; params: unknown[] }[]>;
  /** PGlite only: the database ceiling measured before the server took the folder */
  dbCeilings: Row[];
}

const authUser = (role: AuthUser['role'], orgId: string): AuthUser => ({
  id: '00000000-0000-4000-8000-000000000000', phone: '', name: null, role, orgId, orgType: role, orgName: null, orgCertified: true,
  orgRegionCode: null, mustChangePassword: false, sessionId: '', csrfToken: '', sessionExpiresAt: new Date(),
});

/** Scale data, two sample users (the largest enterprise, the city bureau), the lists' SQL. */
async function prepare(projects: number, measureDbCeiling: boolean): Promise<Prepared> {
  const target = await scaleDatabase({ kind, projects, fresh: !!opt.fresh });
  log(`${kind} with ${projects} projects ${target.reused ? '(reused)' : `(seeded in ${target.seedSeconds.toFixed(1)} s)`}`);
  const database = await openTarget(target, 4);
  try {
    const bigEnt = (await one<{ id: string; n: string }>(database, `select enterprise_org_id as id, count(*) as n from projects group by 1 order by 2 desc limit 1`)).id;
    const cityHrss = (await one<{ id: string }>(database, 'select id from organizations where name = $1', [CITY_HRSS])).id;
    const ent = await insertUser(database, { role: 'enterprise', orgId: bigEnt, password: DEMO_PASSWORD });
    const hrss = await insertUser(database, { role: 'hrss', orgId: cityHrss, password: DEMO_PASSWORD });
    const { rows } = await database.query<{ id: string }>('select id::text as id from projects where enterprise_org_id = $1 order by created_at desc limit 20', [bigEnt]);
    const statements: Prepared['statements'] = {};
    for (const l of LISTS) {
      const scope = await projectScopeOf(database.db, authUser(l.role, l.role === 'enterprise' ? bigEnt : cityHrss));
      const q = listStatements(scope, l.query, l.query.page, l.query.pageSize);
      statements[l.key] = [q.page, q.total].map((s) => ({ sql: s.text, params: s.values }));
    }
    const prepared: Prepared = { target, ent: { phone: ent.phone, orgId: bigEnt }, hrss: { phone: hrss.phone, orgId: cityHrss }, detailIds: rows.map((r) => r.id), statements, dbCeilings: [] };
    if (measureDbCeiling && kind === 'pglite') {
      // PGlite is one connection in one process: measure while the bench holds it, before the server opens it
      for (const c of CONCURRENCY) {
        for (const l of LISTS) {
          const stat = await statementLoad((t, p) => database.query(t, p), statements[l.key]!, c, DURATION);
          prepared.dbCeilings.push({ scenario: l.key, group: 'db-ceiling', source: 'in-process', processes: 0, concurrency: c, stat });
        }
      }
    }
    return prepared;
  } finally {
    await database.close();
  }
}

/**
 * The database ceilings on PostgreSQL, by pgbench: a server started with the SQL trace preloaded
 * (bench/lib/sql-trace.ts) is asked each scenario's request once to warm it and once more to capture
 * what it sends; the captured statements become pgbench scripts in bench/pgbench/ (a list's exact total
 * is added when the app's totals cache answered it), and pgbench runs them at each concurrency.
 */
async function measureDbCeilingPgbench(p: Prepared): Promise<Row[]> {
  if (!fs.existsSync(PGBENCH)) throw new Error(`pgbench not found at ${PGBENCH} (it comes with PostgreSQL; set PGBENCH=/path/to/pgbench, or run with --skip-ceilings)`);
  const scriptDir = path.join(ROOT, 'bench', 'pgbench');
  fs.mkdirSync(scriptDir, { recursive: true });
  for (const f of fs.readdirSync(scriptDir)) if (f.endsWith('.sql')) fs.rmSync(path.join(scriptDir, f));
  const trace = new SqlTrace(path.join(os.tmpdir(), `bx-bench-sql-${process.pid}.jsonl`));
  const server = await startServer({
    databaseUrl: p.target.url,
    dataDir: p.target.dataDir,
    env: { NODE_ID: '9', BENCH_SQL_TRACE: trace.file },
    preload: ['./bench/lib/sql-trace.ts'],
  });
  const scripts: { scenario: string; files: string[]; perTransaction: number }[] = [];
  const captured: Record<string, unknown> = {};
  const write = (name: string, text: string) => {
    const file = path.join(scriptDir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  try {
    const s: Sessions = { ent: await loginViaSms(server.url, p.ent.phone), hrss: await loginViaSms(server.url, p.hrss.phone) };
    for (const l of LISTS) {
      const got = await captureGet(server.url, trace, `/api/projects${qs(l.query)}`, l.role === 'enterprise' ? s.ent : s.hrss);
      const [page, total] = p.statements[l.key]!;
      if (!got.some((x) => x.text === page!.sql)) throw new Error(`${l.key}: the app did not send listStatements' page statement; captured:\n${got.map((x) => x.text).join('\n')}`);
      // the app's totals cache may have answered the count: the ceiling counts exactly every time
      const exact: TracedStatement[] = got.some((x) => x.text === total!.sql) ? got : [...got, { pid: got[0]?.pid ?? null, text: total!.sql, values: total!.params.map((v) => (Array.isArray(v) ? `{${v.join(',')}}` : String(v))) }];
      captured[l.key] = exact;
      scripts.push({ scenario: l.key, files: [write(`${l.key}.sql`, readScript(`${l.label} (GET /api/projects${qs(l.query)})`, exact))], perTransaction: 1 });
    }
    const cap = await captureScenarios(server.url, trace, s, p.detailIds, 3);
    captured.detail = cap.detail;
    scripts.push({
      scenario: 'detail',
      files: cap.detail.map((d, i) => write(`detail-${String(i).padStart(2, '0')}.sql`, readScript(`项目详情 GET /api/projects/${d.id}`, d.statements))),
      perTransaction: 1,
    });
    captured.write = cap.write;
    // two chains that sent the same statements (a cache of the app may have expired during one)
    let why = '';
    const pairs = cap.write.flatMap((_, i) => cap.write.map((__, j) => [i, j] as const).filter(([a, b]) => a < b));
    for (const [i, j] of pairs) {
      try {
        const text = writeScript('write: 新建项目 → 定额申请 → 人社审核通过 (one chain = one pgbench transaction)', cap.write[i]!.statements, cap.write[j]!.statements);
        scripts.push({ scenario: 'write', files: [write('write.sql', text)], perTransaction: 3 });
        why = '';
        break;
      } catch (err) {
        why = (err as Error).message;
      }
    }
    if (why) log(`no write-path ceiling: ${why}`);
    fs.writeFileSync(path.join(scriptDir, 'captured.json'), JSON.stringify(captured, null, 1));
  } finally {
    await server.stop();
    fs.rmSync(trace.file, { force: true });
  }
  log(`captured the app's SQL: ${scripts.map((x) => `${x.scenario} ${x.files.length} script(s)`).join(', ')} in bench/pgbench/`);

  const rows: Row[] = [];
  for (const sc of scripts) await runPgbench({ url: p.target.url!, scripts: sc.files, clients: Math.min(8, TOP), seconds: 1 }).catch(() => null); // warm
  for (const c of CONCURRENCY) {
    for (const sc of scripts) {
      const r = await runPgbench({ url: p.target.url!, scripts: sc.files, clients: c, seconds: DURATION, perTransaction: sc.perTransaction }).catch((err: Error) => {
        log(`pgbench ${sc.scenario} c=${c} failed, no ceiling for it: ${err.message.slice(0, 500)}`);
        return null;
      });
      if (!r) continue;
      rows.push({ scenario: sc.scenario, group: 'db-ceiling', source: 'pgbench', processes: 0, concurrency: c, stat: r.stat, tps: r.tps });
      log(`pgbench ${sc.scenario} c=${c}: ${r.tps} tps${sc.perTransaction > 1 ? ` (${r.stat.rps} req/s)` : ''} p99 ${r.stat.p99} ms${r.aborted ? `, ${r.aborted} clients aborted: ${r.errors.join(' | ')}` : ''}`);
    }
  }
  return rows;
}

async function startApp(p: Prepared, count: number, profileDir?: string): Promise<RunningServer[]> {
  const servers: RunningServer[] = [];
  for (let i = 0; i < count; i++) {
    servers.push(
      await startServer({
        databaseUrl: p.target.url,
        dataDir: p.target.dataDir,
        env: { NODE_ID: String(i + 1) },
        cpuProfDir: i === 0 ? profileDir : undefined,
      }),
    );
  }
  return servers;
}

interface Sessions {
  ent: HttpSession;
  hrss: HttpSession;
}

/** What one autocannon connection carries from one request of the write path to the next. */
type Ctx = { projectId?: string; quotaId?: string };

/** The scenarios of the app, as autocannon loads. */
function scenarios(p: Prepared, s: Sessions): { key: string; label: string; load: Partial<Parameters<typeof httpLoad>[0]> }[] {
  let n = Date.now() % 1_000_000;
  const json = { 'content-type': 'application/json' };
  const write: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/projects',
      headers: { ...s.ent.headers, ...json },
      setupRequest: (req) => ({ ...req, body: JSON.stringify(projectBody((n += 1))) }),
      onResponse: (status, body, ctx: Ctx) => {
        ctx.projectId = status === 201 ? JSON.parse(body).id : undefined;
      },
    },
    {
      method: 'POST',
      path: '/api/quota-applications',
      headers: { ...s.ent.headers, ...json },
      setupRequest: (req, ctx: Ctx) => (ctx.projectId ? { ...req, body: JSON.stringify(quotaBody(ctx.projectId)) } : (undefined as never)),
      onResponse: (status, body, ctx: Ctx) => {
        ctx.quotaId = status === 201 ? JSON.parse(body).id : undefined;
      },
    },
    {
      method: 'POST',
      path: '/api/quota-applications/0/approve',
      headers: { ...s.hrss.headers, ...json },
      setupRequest: (req, ctx: Ctx) => (ctx.quotaId ? { ...req, path: `/api/quota-applications/${ctx.quotaId}/approve`, body: JSON.stringify(APPROVE_BODY) } : (undefined as never)),
    },
  ];
  return [
    { key: 'me', label: 'GET /api/me', load: { path: '/api/me', headers: s.ent.headers } },
    ...LISTS.map((l) => ({ key: l.key, label: l.label, load: { path: `/api/projects${qs(l.query)}`, headers: (l.role === 'enterprise' ? s.ent : s.hrss).headers } })),
    { key: 'detail', label: '项目详情 GET /api/projects/:id', load: { requests: p.detailIds.map((id) => ({ method: 'GET' as const, path: `/api/projects/${id}`, headers: s.ent.headers })) } },
    { key: 'write', label: 'write: 新建项目 → 定额申请 → 人社审核通过 (3 requests)', load: { requests: write } },
  ];
}

/** Sizes of the app's answers, for the HTTP ceiling (the same JSON, served bare). */
async function samplePayloads(base: string, s: Sessions, p: Prepared): Promise<Record<string, unknown>> {
  const get = async (path: string, session: HttpSession) => {
    const r = await call(base, 'GET', path, { session });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 300)}`);
    return r.body;
  };
  return {
    '/me': await get('/api/me', s.ent),
    '/list': await get(`/api/projects${qs(LISTS[2]!.query)}`, s.hrss),
    '/detail': await get(`/api/projects/${p.detailIds[0]}`, s.ent),
  };
}
const CEILING_ROUTE: Record<string, string> = { me: '/me', 'list-enterprise': '/list', 'list-hrss': '/list', 'list-hrss-filtered': '/list', detail: '/detail' };

async function main() {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const profileDir = opt.profile ? path.join(resultsDir, `prof-${stamp}`) : undefined;
  const only = opt.only?.split(',');
  if (only?.includes('open')) {
    const threads = opt['open-threads']!.split(',').map((t) => (t === 'default' ? ('default' as const) : Number(t)));
    const open = await openBench({ kind, durationSec: DURATION, meConnections: TOP, openConnections: Number(opt['open-connections']), threads, rounds: Number(opt['open-rounds']), log });
    console.log(open.table);
    const out = path.join(resultsDir, `${stamp}-open.json`);
    fs.writeFileSync(out, JSON.stringify({ meta: { date: new Date().toISOString(), db: kind, durationSec: DURATION, cpus: os.cpus().length, node: process.version, loadavg: os.loadavg(), sm2Nice: process.env.OPEN_SM2_NICE ?? 'default' }, ...open }, null, 1));
    log(`wrote ${path.relative(ROOT, out)}`);
    if (only.length === 1) return;
  }
  log(`bench: ${kind}, ${PROJECTS} projects, concurrency ${CONCURRENCY.join('/')}, ${DURATION} s each, processes ${PROCESSES.join('/')}${SERIES.length ? `, series ${SERIES.join('/')}` : ''}`);

  const ceilings = !opt['skip-ceilings'] && !(only && only.every((k) => k === 'sweep' || k === 'dashboard'));
  const p = await prepare(PROJECTS, ceilings);

  // ---- issue 15: the daily warnings sweep and the hrss 首页 (bench/supervision.ts) ---------------------
  const supervision: Record<string, unknown> = {};
  const supervisionLines: string[] = [];
  if (kind !== 'postgres' && only?.some((k) => k === 'sweep' || k === 'dashboard')) log('sweep / dashboard: PostgreSQL only (the 1M targets are PostgreSQL\'s; PGlite is one connection the server needs)');
  if (kind === 'postgres' && (!only || only.includes('sweep') || only.includes('dashboard'))) {
    const database = await openTarget(p.target, 4);
    try {
      await database.migrate(); // 0027's indexes and counts before the sweep reads
      if (!only || only.includes('sweep')) {
        const s = await sweepBench(database, { log, fromEmpty: !opt['sweep-keep'] });
        supervision.sweep = s;
        supervisionLines.push(`\n预警巡检 (warnings.sweep) at ${PROJECTS.toLocaleString('en')} projects, in-process, one transaction:`);
        supervisionLines.push('| step | seconds | raised | cleared | open | warnings rows inserted | updated |', '|---|---|---|---|---|---|---|');
        for (const f of s.figures) supervisionLines.push(`| ${f.step} | ${f.seconds} | ${f.raised} | ${f.cleared} | ${f.open} | ${f.warningsInserted} | ${f.warningsUpdated} |`);
        supervisionLines.push(`event path: recordWarningRecheck in the command's transaction p50 ${s.recheck.commandP50} ms / p99 ${s.recheck.commandP99} ms; after commit, the sweep of one project p50 ${s.recheck.handlerP50} ms / p99 ${s.recheck.handlerP99} ms`);
        supervisionLines.push(`首页 counts' trigger on a one-row 保证金状态 update: p50 ${s.recheck.updateWithTriggerP50} ms with, ${s.recheck.updateWithoutTriggerP50} ms without (p99 ${s.recheck.updateWithTriggerP99} / ${s.recheck.updateWithoutTriggerP99} ms)`);
        const first = s.figures[0]!; // the sweep from no warnings: the heaviest
        const again = s.figures[1]!;
        supervisionLines.push(`  ${first.seconds < 60 ? 'met   ' : 'MISSED'} daily sweep < 60 s: ${first.seconds} s`);
        supervisionLines.push(`  ${again.raised + again.cleared === 0 && again.warningsInserted + again.warningsUpdated === 0 ? 'met   ' : 'MISSED'} a second sweep right after changes nothing: raised ${again.raised}, cleared ${again.cleared}, rows ${again.warningsInserted + again.warningsUpdated}`);
        // the median is what a command pays; the p99 of a sub-millisecond insert is the machine's scheduling (reported beside it)
        supervisionLines.push(`  ${s.recheck.commandP50! < 5 ? 'met   ' : 'MISSED'} the event path adds < 5 ms to a command: p50 ${s.recheck.commandP50} ms (p99 ${s.recheck.commandP99} ms${s.recheck.commandP99! < 5 ? '' : ', over 5 ms'}; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
      }
      if (!only || only.includes('dashboard')) {
        const d = await dashboardBench(p.target, database, p.hrss.phone, { concurrency: CONCURRENCY, durationSec: DURATION, log });
        supervision.dashboard = d;
        supervisionLines.push(`\nhrss 首页 GET /api/dashboard (city bureau: all ${PROJECTS.toLocaleString('en')} projects):`);
        supervisionLines.push('| conc | req/s | p50 ms | p99 ms | failures |', '|---|---|---|---|---|');
        for (const r of d.rows) supervisionLines.push(`| ${r.concurrency} | ${r.stat.rps} | ${r.stat.p50} | ${r.stat.p99} | ${r.stat.failures || ''} |`);
        const worst = Math.max(...d.rows.map((r) => r.stat.p99));
        supervisionLines.push(`  ${worst < 200 ? 'met   ' : 'MISSED'} hrss 首页 p99 < 200 ms (every concurrency): ${worst} ms`);
        supervisionLines.push(`  ${d.equal ? 'met   ' : 'MISSED'} its figures equal exact counts of the tables${d.equal ? '' : `: ${d.mismatches.join('; ')}`}`);
      }
    } finally {
      await database.close();
    }
    console.log(supervisionLines.join('\n'));
    if (only && only.every((k) => k === 'sweep' || k === 'dashboard')) {
      const out = path.join(resultsDir, `${stamp}-supervision.json`);
      fs.writeFileSync(out, JSON.stringify({ meta: { date: new Date().toISOString(), db: kind, projects: PROJECTS, durationSec: DURATION, cpus: os.cpus().length, node: process.version, loadavg: os.loadavg() }, ...supervision, table: supervisionLines.join('\n') }, null, 1));
      log(`wrote ${path.relative(ROOT, out)}`);
      return;
    }
  }
  const rows: Row[] = [...p.dbCeilings];
  if (kind === 'postgres' && ceilings) rows.push(...(await measureDbCeilingPgbench(p)));

  // ---- the app, one process, then more --------------------------------------------------------
  let payloads: Record<string, unknown> = {};
  for (const count of PROCESSES) {
    const servers = await startApp(p, count, count === 1 ? profileDir : undefined);
    try {
      const base = servers[0]!.url;
      const sessions: Sessions = { ent: await loginViaSms(base, p.ent.phone), hrss: await loginViaSms(base, p.hrss.phone) };
      if (count === 1) payloads = await samplePayloads(base, sessions, p);
      const urls = servers.map((s) => s.url);
      const pids = servers.map((s) => s.pid);
      const list = scenarios(p, sessions).filter((x) => !only || only.includes(x.key));
      // warm up: JIT, pools, caches
      for (const sc of list) await httpLoad({ url: urls, connections: 4, durationSec: quick ? 0.5 : 1, ...sc.load });
      const levels = count === 1 ? CONCURRENCY : CONCURRENCY.filter((c) => c >= 8);
      for (const c of levels) {
        for (const sc of list) {
          const stat = await httpLoad({ url: urls, connections: c, durationSec: DURATION, pids, databaseUrl: p.target.url, ...sc.load });
          rows.push({ scenario: sc.key, group: 'app', processes: count, concurrency: c, stat });
          const cpu = stat.cpuMsPerRequest ? `, CPU/req app ${stat.cpuMsPerRequest.app} db ${stat.cpuMsPerRequest.db} ms` : '';
          log(`app×${count} ${sc.key} c=${c}: ${stat.rps} req/s p50 ${stat.p50} p99 ${stat.p99} ms, RSS ${(stat.peakRss / 2 ** 20).toFixed(0)} MB${cpu}${stat.failures ? `, ${stat.failures} failures ${JSON.stringify(stat.statuses)}` : ''}`);
        }
      }
    } finally {
      for (const s of servers) {
        const code = await s.stop();
        if (code !== 0 && code !== null) log(`server exited with ${code}\n${s.logs().slice(-2000)}`);
      }
    }
  }

  // ---- HTTP ceiling -------------------------------------------------------------------------------
  if (ceilings) {
    const payloadFile = path.join(os.tmpdir(), `bx-bench-payloads-${process.pid}.json`);
    fs.writeFileSync(payloadFile, JSON.stringify(payloads));
    const bare = await startServer({ dataDir: os.tmpdir(), entry: 'bench/ceiling-http.ts', env: { BENCH_PAYLOADS: payloadFile } });
    try {
      for (const route of ['/me', '/list', '/detail']) await httpLoad({ url: bare.url, connections: 4, durationSec: quick ? 0.5 : 1, path: route });
      for (const c of CONCURRENCY) {
        for (const route of ['/me', '/list', '/detail']) {
          const stat = await httpLoad({ url: bare.url, connections: c, durationSec: DURATION, path: route, pids: [bare.pid] });
          rows.push({ scenario: route, group: 'http-ceiling', processes: 1, concurrency: c, stat });
          log(`http ceiling ${route} (${JSON.stringify(payloads[route]).length} B) c=${c}: ${stat.rps} req/s p99 ${stat.p99} ms`);
        }
      }
    } finally {
      await bare.stop();
      fs.rmSync(payloadFile, { force: true });
    }
  }

  // ratios: the lists, the detail and the write path against their database ceiling (pgbench on
  // PostgreSQL; the in-process driver on PGlite), /me against the bare HTTP route; httpRatio besides
  for (const r of rows.filter((x) => x.group === 'app')) {
    const db = rows.find((x) => x.group === 'db-ceiling' && x.scenario === r.scenario && x.concurrency === r.concurrency);
    const http = rows.find((x) => x.group === 'http-ceiling' && x.scenario === CEILING_ROUTE[r.scenario] && x.concurrency === r.concurrency);
    const ceiling = db ? { scenario: `${db.source} db ${r.scenario}`, rps: db.stat.rps } : http ? { scenario: `http ${http.scenario}`, rps: http.stat.rps } : undefined;
    if (ceiling && ceiling.rps > 0) {
      r.ceiling = ceiling;
      r.ratio = Math.round((r.stat.rps / ceiling.rps) * 1000) / 1000;
    }
    if (http && db && http.stat.rps > 0) r.httpRatio = Math.round((r.stat.rps / http.stat.rps) * 1000) / 1000;
  }

  // ---- list p99 by table size -----------------------------------------------------------------------
  const series: { projects: number; list: string; p99: number; p50: number; rps: number }[] = [];
  for (const n of SERIES) {
    if (n === PROJECTS && PROCESSES.includes(1) && CONCURRENCY.includes(TOP)) {
      for (const l of LISTS) {
        const r = rows.find((x) => x.group === 'app' && x.processes === 1 && x.concurrency === TOP && x.scenario === l.key);
        if (!r) continue; // a list left out with --only
        series.push({ projects: n, list: l.key, p99: r.stat.p99, p50: r.stat.p50, rps: r.stat.rps });
      }
      continue;
    }
    const sp = await prepare(n, false);
    const [server] = await startApp(sp, 1);
    try {
      const sessions: Sessions = { ent: await loginViaSms(server!.url, sp.ent.phone), hrss: await loginViaSms(server!.url, sp.hrss.phone) };
      for (const sc of scenarios(sp, sessions).filter((x) => x.key.startsWith('list'))) {
        await httpLoad({ url: server!.url, connections: 4, durationSec: quick ? 0.5 : 1, ...sc.load });
        const stat = await httpLoad({ url: server!.url, connections: TOP, durationSec: DURATION, pids: [server!.pid], ...sc.load });
        series.push({ projects: n, list: sc.key, p99: stat.p99, p50: stat.p50, rps: stat.rps });
        log(`series ${n}: ${sc.key} c=${TOP}: ${stat.rps} req/s p99 ${stat.p99} ms`);
      }
    } finally {
      await server!.stop();
    }
  }

  // ---- report ---------------------------------------------------------------------------------------------
  const mb = (b: number) => (b ? (b / 2 ** 20).toFixed(0) : '-');
  const lines: string[] = [];
  lines.push(`\n${kind}, ${PROJECTS.toLocaleString('en')} projects, ${DURATION} s per measurement, ${os.cpus().length} cores, node ${process.version}`);
  lines.push(kind === 'postgres' ? 'ceilings: database = pgbench -c <conc> -j 2 on the statements the app sent (bench/pgbench/); http = a bare Fastify route' : 'ceilings: database = the bench\'s own in-process driver (pgbench cannot reach PGlite), lists only; http = a bare Fastify route');
  lines.push('| scenario | proc | conc | req/s | p50 ms | p99 ms | peak RSS MB | ceiling req/s | % of ceiling | % of http | failures |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  const order = ['me', 'list-enterprise', 'list-hrss', 'list-hrss-filtered', 'detail', 'write'];
  const appRows = rows.filter((r) => r.group === 'app').sort((a, b) => a.processes - b.processes || order.indexOf(a.scenario) - order.indexOf(b.scenario) || a.concurrency - b.concurrency);
  for (const r of appRows) {
    lines.push(`| ${r.scenario} | ${r.processes} | ${r.concurrency} | ${r.stat.rps} | ${r.stat.p50} | ${r.stat.p99} | ${mb(r.stat.peakRss)} | ${r.ceiling ? `${r.ceiling.rps} (${r.ceiling.scenario})` : '-'} | ${r.ratio !== undefined ? `${Math.round(r.ratio * 100)}%` : '-'} | ${r.httpRatio !== undefined ? `${Math.round(r.httpRatio * 100)}%` : '-'} | ${r.stat.failures || ''} |`);
  }
  for (const r of rows.filter((x) => x.group !== 'app')) {
    const name = r.group === 'db-ceiling' ? `${r.source} db: ${r.scenario}${r.scenario === 'write' ? ` (${r.tps} chains/s)` : ''}` : `${r.group}: ${r.scenario}`;
    lines.push(`| ${name} | - | ${r.concurrency} | ${r.stat.rps} | ${r.stat.p50} | ${r.stat.p99} | ${mb(r.stat.peakRss)} | | | | ${r.stat.failures || ''} |`);
  }
  if (series.length) {
    lines.push(`\nlist p99 at ${TOP} connections by table size:`);
    lines.push(`| list | ${SERIES.map((n) => n.toLocaleString('en')).join(' | ')} | largest ÷ smallest |`);
    lines.push(`|---|${SERIES.map(() => '---|').join('')}---|`);
    for (const l of LISTS) {
      const ps = SERIES.map((n) => series.find((s) => s.projects === n && s.list === l.key)?.p99 ?? NaN);
      if (ps.every((x) => Number.isNaN(x))) continue; // left out with --only
      lines.push(`| ${l.key} | ${ps.map((x) => `${x} ms`).join(' | ')} | ${(ps[ps.length - 1]! / ps[0]!).toFixed(2)}× |`);
    }
  }

  // targets of issues 5 and 10, checked on this run
  const targets: { target: string; value: string; met: boolean }[] = [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  for (const c of [TOP]) {
    const at = (key: string) => appRows.find((r) => r.processes === 1 && r.concurrency === c && r.scenario === key);
    const me = at('me');
    if (me?.ratio !== undefined) targets.push({ target: `GET /api/me ≥ 50% of the bare HTTP route (c=${c})`, value: pct(me.ratio), met: me.ratio >= 0.5 });
    for (const l of LISTS) {
      const r = at(l.key);
      if (!r) continue;
      if (r.ratio !== undefined) targets.push({ target: `${l.key} ≥ 60% of its database ceiling (c=${c})`, value: pct(r.ratio), met: r.ratio >= 0.6 });
      targets.push({ target: `${l.key} p99 ≤ 50 ms (c=${c})`, value: `${r.stat.p99} ms`, met: r.stat.p99 <= 50 });
    }
    const detail = at('detail');
    if (detail?.ratio !== undefined && detail.ceiling?.scenario.includes(' db ')) targets.push({ target: `detail ≥ 50% of its database ceiling (c=${c})`, value: pct(detail.ratio), met: detail.ratio >= 0.5 });
    const w = at('write');
    if (w) {
      if (w.ratio !== undefined) targets.push({ target: `write path ≥ 50% of its database ceiling (c=${c})`, value: pct(w.ratio), met: w.ratio >= 0.5 });
      targets.push({ target: `write path p99 ≤ 100 ms (c=${c})`, value: `${w.stat.p99} ms`, met: w.stat.p99 <= 100 });
    }
  }
  const peak = Math.max(0, ...appRows.filter((r) => r.processes === 1).map((r) => r.stat.peakRss));
  targets.push({ target: 'server RSS ≤ 300 MB under load', value: `${mb(peak)} MB`, met: peak <= 300 * 2 ** 20 });
  lines.push('\ntargets (issue 5: PostgreSQL with 1M projects; issue 10: PostgreSQL at 32 connections):');
  for (const t of targets) lines.push(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value}`);
  console.log(lines.join('\n'));

  let commit = '';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {}
  const out = path.join(resultsDir, `${stamp}.json`);
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        meta: {
          date: new Date().toISOString(), commit, db: kind, projects: PROJECTS, durationSec: DURATION, concurrency: CONCURRENCY, processes: PROCESSES,
          quick, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version,
          loadavg: os.loadavg(), seconds: Math.round((Date.now() - started) / 1000), profile: profileDir ? path.relative(ROOT, profileDir) : undefined,
        },
        rows, series, targets, supervision, table: [...supervisionLines, ...lines].join('\n'),
      },
      null,
      1,
    ),
  );
  log(`wrote ${path.relative(ROOT, out)}${profileDir ? ` and a CPU profile in ${path.relative(ROOT, profileDir)}` : ''}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
