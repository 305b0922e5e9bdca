/**
 * The app as a child process, the way production runs it (`node --import tsx apps/server/src/server.ts`,
 * which is what `npx tsx` does, but in one process so its pid is the server's own and its RSS can be
 * read from /proc). Used by the benchmark and by the reliability tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** PostgreSQL; absent = PGlite in dataDir/pglite */
  databaseUrl?: string;
  /** the owner's PostgreSQL URL that migrates (MIGRATION_DATABASE_URL); absent = databaseUrl migrates */
  migrationUrl?: string;
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  /** write a V8 CPU profile into this folder when the process exits */
  cpuProfDir?: string;
  /** the entry file (default: the app's server) */
  entry?: string;
  /** modules loaded before the entry (`--import`), e.g. bench/lib/sql-trace.ts for the capture */
  preload?: string[];
  startTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** resolves with the exit code (or the signal's name) once the process has ended */
  exited: Promise<number | string | null>;
  logs(): string;
  /** SIGTERM (graceful), then SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<number | string | null>;
  kill(): Promise<number | string | null>;
}

/** Settings that make a benchmark or a fault test measure the app, not its protections. */
export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false', // the daily jobs would run once at start: not what is measured
    SMS_PROVIDER: 'console',
    SMS_COOLDOWN_SECONDS: '1',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_SMS_PER_MINUTE: '100000',
    RATE_LIMIT_GLOBAL_PER_MINUTE: '10000000',
    UPLOAD_RATE_PER_MINUTE: '100000',
    WEB_DIST: path.join(ROOT, 'bench', '.no-web'),
    ...extra,
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // the caller's own app settings must not leak into the child
    if (v !== undefined && !/^(DATABASE_URL|MIGRATION_DATABASE_URL|TEST_DATABASE_URL|PORT|DATA_DIR|NODE_ID|VITEST.*)$/.test(k)) env[k] = v;
  }
  Object.assign(env, benchEnv(), opts.env ?? {}, { PORT: String(port), DATA_DIR: opts.dataDir });
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.migrationUrl) env.MIGRATION_DATABASE_URL = opts.migrationUrl;
  const args = [...(opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : []), '--import', 'tsx', ...(opts.preload ?? []).flatMap((m) => ['--import', m]), opts.entry ?? 'apps/server/src/server.ts'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (b: Buffer) => {
    log += b.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (opts.startTimeoutMs ?? 120_000);
  for (;;) {
    if (done) throw new Error(`server exited while starting (${await exited}):\n${log.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /api/health within ${opts.startTimeoutMs ?? 120_000} ms:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    port,
    pid: child.pid!,
    child,
    exited,
    logs: () => log,
    async stop(graceMs = 10_000) {
      if (done) return exited;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
    async kill() {
      if (done) return exited;
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Resident set size of a process in bytes (VmRSS), or 0 once it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the RSS of some processes every `everyMs`; `stop()` returns the peak of their sum and of each. */
export function rssSampler(pids: number[], everyMs = 100) {
  const peaks = pids.map(() => 0);
  let peakSum = 0;
  const sample = () => {
    let sum = 0;
    pids.forEach((pid, i) => {
      const r = rssOf(pid);
      peaks[i] = Math.max(peaks[i]!, r);
      sum += r;
    });
    peakSum = Math.max(peakSum, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakSum, peaks: [...peaks] };
    },
  };
}
