/**
 * Load generation and statistics: autocannon against HTTP targets, a worker loop for the database
 * ceiling, and the RSS of the server processes sampled meanwhile.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { rssSampler } from './server';

export interface Stat {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** answers that were not 2xx, plus socket errors and timeouts */
  failures: number;
  statuses: Record<string, number>;
  /** peak RSS of the measured server processes (sum), bytes; 0 when not measured */
  peakRss: number;
  /**
   * CPU time per answered request (user + system, from /proc): of the server processes, and of the
   * PostgreSQL backends of the measured database. Unlike req/s, hardly moved by other work on the
   * machine, so an A/B of one change reads here first.
   */
  cpuMsPerRequest?: { app: number; db: number };
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(latencies: number[], seconds: number, failures: number, statuses: Record<string, number>, peakRss = 0): Stat {
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1]! : 0),
    failures,
    statuses,
    peakRss,
  };
}

export interface HttpLoad {
  url: string | string[];
  connections: number;
  durationSec: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: autocannon.Request[];
  /** server pids whose RSS is sampled */
  pids?: number[];
  /** the measured PostgreSQL database: its backends' CPU is counted (cpuMsPerRequest.db) */
  databaseUrl?: string;
}

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

/** utime + stime of a process in ms, or 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The pids of the backends connected to the database of `url` (not counting this query's own). */
async function backendPids(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/** CPU of the server processes and of the database's backends from now until `stop()`. */
async function cpuMeter(pids: number[], databaseUrl?: string) {
  const appStart = pids.reduce((a, p) => a + cpuMsOf(p), 0);
  const dbStart = new Map<number, number>();
  if (databaseUrl) for (const p of await backendPids(databaseUrl).catch(() => [])) dbStart.set(p, cpuMsOf(p));
  return {
    async stop(requests: number) {
      const app = pids.reduce((a, p) => a + cpuMsOf(p), 0) - appStart;
      let db = 0;
      if (databaseUrl) for (const p of await backendPids(databaseUrl).catch(() => [])) db += cpuMsOf(p) - (dbStart.get(p) ?? 0);
      const per = (ms: number) => (requests ? Math.round((ms / requests) * 1000) / 1000 : 0);
      return { app: per(app), db: per(db) };
    },
  };
}

/**
 * Runs autocannon and measures every response's latency itself (autocannon's histogram has 1 ms
 * resolution; lists answer in less). Latencies of non-2xx answers are left out, as autocannon does.
 */
export async function httpLoad(load: HttpLoad): Promise<Stat> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const sampler = load.pids?.length ? rssSampler(load.pids) : null;
  const cpu = load.pids?.length ? await cpuMeter(load.pids, load.databaseUrl) : null;
  const started = process.hrtime.bigint();
  let instance!: autocannon.Instance;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: load.url as string, // autocannon takes several URLs too (connections round-robin over them); its types do not say so
        connections: load.connections,
        duration: load.durationSec,
        // autocannon takes the path from the URL; a path of its own goes in a request
        requests: load.requests ?? [{ method: (load.method ?? 'GET') as autocannon.Request['method'], path: load.path ?? '/', headers: load.headers, body: load.body }],
        timeout: 10,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      const k = String(statusCode);
      statuses[k] = (statuses[k] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = sampler?.stop().peakSum ?? 0;
  const failures = (result.non2xx ?? 0) + (result.errors ?? 0) + (result.timeouts ?? 0);
  if (result.errors) statuses.errors = result.errors;
  if (result.timeouts) statuses.timeouts = result.timeouts;
  const stat = summarize(latencies, Math.min(seconds, load.durationSec + 0.5), failures, statuses, rss);
  if (cpu) stat.cpuMsPerRequest = await cpu.stop(latencies.length);
  return stat;
}

/**
 * The database ceiling: `concurrency` workers, each sending a list's statements (rows of the page and
 * the total, in parallel as the app does) again and again for `durationSec`.
 */
export async function statementLoad(
  exec: (text: string, params: unknown[]) => Promise<unknown>,
  statements: { sql: string; params: unknown[] }[],
  concurrency: number,
  durationSec: number,
): Promise<Stat> {
  const latencies: number[] = [];
  let failures = 0;
  const end = Date.now() + durationSec * 1000;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (Date.now() < end) {
      const t = process.hrtime.bigint();
      try {
        await Promise.all(statements.map((s) => exec(s.sql, s.params)));
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summarize(latencies, seconds, failures, {});
}
