/**
 * `npm run bench -- --only open`: does the open API's SM2 work leave the portal's event loop alone?
 * (issue 11; docs/decisions/021). Against the app as a child process with the demo data (the demo
 * bank's API client and key, the demo enterprise's account):
 *
 *   1. quiet: portal users' GET /api/me at 32 connections, nothing else → p99;
 *   2. the open API alone at its own maximum: signed GET /api/open/v1/events?after=0 (a signature
 *      verified, a nonce recorded, the feed read, the answer signed), OPEN connections → req/s;
 *   3. both at once: /api/me at 32 connections while the open API is driven as in 2 → /api/me p99.
 *
 * The target: /api/me p99 in 3 below 2× its value in 1. Run for SM2 in the worker pool (the default
 * thread count) and on the event loop (OPEN_SM2_THREADS=0) to see what the pool buys. The open load
 * runs in a child process (bench/open-driver.ts), each request signed beforehand by the independent
 * client (tools/open-client/signer.ts), so that neither its signing nor its event loop shows in the
 * /api/me latencies measured here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { loginViaSms } from './lib/client';
import { createDatabase, DEFAULT_PG, dropDatabase } from './lib/data';
import { httpLoad, type Stat } from './lib/load';
import { ROOT, startServer } from './lib/server';

const DEMO_ENTERPRISE = '13800000006';

export interface OpenBenchRow {
  threads: number | 'default';
  phase: 'me quiet' | 'open alone' | 'me with open' | 'open with me';
  round: number;
  connections: number;
  stat: Stat;
}

/**
 * The open load, driven by bench/open-driver.ts in a child process with every request signed before
 * it starts; `started` resolves when it begins sending, `done` with its Stat.
 */
function openLoad(url: string, connections: number, seconds: number, signedCount: number, pid: number): { started: Promise<void>; done: Promise<Stat> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/open-driver.ts', url, String(connections), String(seconds), String(signedCount), String(pid)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let ready: () => void;
  const started = new Promise<void>((r) => (ready = r));
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('READY')) ready();
  });
  const done = new Promise<Stat>((resolve, reject) =>
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`open driver exited ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(last) as Stat);
    }),
  );
  return { started, done };
}

export async function openBench(opts: {
  kind: 'postgres' | 'pglite';
  durationSec: number;
  meConnections: number;
  openConnections: number;
  threads: (number | 'default')[];
  /** quiet and busy measurements alternate this many times (the machine's other load drifts); medians compared */
  rounds: number;
  log: (s: string) => void;
}) {
  const rows: OpenBenchRow[] = [];
  const dbName = 'bx_bench_open';
  for (const threads of opts.threads) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-bench-open-'));
    const url = opts.kind === 'postgres' ? await createDatabase(DEFAULT_PG, dbName) : undefined;
    const server = await startServer({ databaseUrl: url, dataDir, env: { NODE_ID: '7', ...(threads === 'default' ? {} : { OPEN_SM2_THREADS: String(threads) }) } });
    try {
      const me = await loginViaSms(server.url, DEMO_ENTERPRISE);
      const pids = [server.pid];
      const meLoad = { url: server.url, path: '/api/me', headers: me.headers, connections: opts.meConnections, durationSec: opts.durationSec, pids };
      // signatures for every open request of the three runs (warm-up, alone, together), made before any of them
      const perSecond = Number(process.env.OPEN_BENCH_SIGNED_PER_SECOND ?? 1500);
      const open = (seconds: number) => openLoad(server.url, opts.openConnections, seconds, perSecond * seconds, server.pid);
      // warm: JIT, pools, the worker threads and their precomputed key
      await httpLoad({ ...meLoad, durationSec: 1 });
      await open(1).done;
      const record = (phase: OpenBenchRow['phase'], round: number, connections: number, stat: Stat) => {
        rows.push({ threads, phase, round, connections, stat });
        opts.log(`open bench (SM2 threads ${threads}): ${phase}${round ? ` #${round}` : ''} c=${connections}: ${stat.rps} req/s p50 ${stat.p50} p99 ${stat.p99} ms${stat.failures ? `, ${stat.failures} failures ${JSON.stringify(stat.statuses)}` : ''}`);
      };
      record('open alone', 0, opts.openConnections, await open(opts.durationSec).done);
      for (let round = 1; round <= opts.rounds; round++) {
        record('me quiet', round, opts.meConnections, await httpLoad(meLoad));
        const busy = open(opts.durationSec);
        await busy.started;
        const [withOpen, openBusy] = await Promise.all([httpLoad(meLoad), busy.done]);
        record('me with open', round, opts.meConnections, withOpen);
        record('open with me', round, opts.openConnections, openBusy);
      }
    } finally {
      const code = await server.stop();
      if (code !== 0 && code !== null) opts.log(`server exited with ${code}\n${server.logs().slice(-2000)}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (url) await dropDatabase(DEFAULT_PG, dbName);
    }
  }

  const lines: string[] = [];
  lines.push(`\nopen API vs portal (${opts.kind}, ${opts.durationSec} s per measurement, ${os.cpus().length} cores, load before ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  lines.push('| SM2 threads | phase | round | conc | req/s | p50 ms | p99 ms | failures |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const r of rows) lines.push(`| ${r.threads} | ${r.phase} | ${r.round || ''} | ${r.connections} | ${r.stat.rps} | ${r.stat.p50} | ${r.stat.p99} | ${r.stat.failures || ''} |`);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
  };
  const targets: { target: string; value: string; met: boolean }[] = [];
  for (const t of opts.threads) {
    const quiet = median(rows.filter((r) => r.threads === t && r.phase === 'me quiet').map((r) => r.stat.p99));
    const busy = median(rows.filter((r) => r.threads === t && r.phase === 'me with open').map((r) => r.stat.p99));
    const openRps = median(rows.filter((r) => r.threads === t && r.phase === 'open with me').map((r) => r.stat.rps));
    if (!(quiet > 0) || !(busy > 0)) continue;
    const ratio = busy / quiet;
    targets.push({
      target: `SM2 threads ${t}: /api/me p99 (median of ${opts.rounds}) with the open API at its maximum (${openRps} req/s meanwhile) < 2× quiet (c=${opts.meConnections})`,
      value: `${busy} / ${quiet} ms = ${ratio.toFixed(2)}×`,
      met: ratio < 2,
    });
  }
  for (const t of targets) lines.push(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value}`);
  return { rows, targets, table: lines.join('\n') };
}
