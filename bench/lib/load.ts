/**
 * Load generation and statistics: autocannon against HTTP targets, a worker loop for the database
 * ceiling, and the RSS of the server processes sampled meanwhile.
 */
import autocannon from 'autocannon';
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
}

/**
 * Runs autocannon and measures every response's latency itself (autocannon's histogram has 1 ms
 * resolution; lists answer in less). Latencies of non-2xx answers are left out, as autocannon does.
 */
export async function httpLoad(load: HttpLoad): Promise<Stat> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const sampler = load.pids?.length ? rssSampler(load.pids) : null;
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
  return summarize(latencies, Math.min(seconds, load.durationSec + 0.5), failures, statuses, rss);
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
