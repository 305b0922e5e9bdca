/**
 * Preloaded into a server started for the benchmark's capture only (`node --import tsx --import
 * ./bench/lib/sql-trace.ts …`, BENCH_SQL_TRACE=<file>): every statement any `pg` client of the process
 * sends is appended to <file> as one JSON line { pid, text, values }, the values exactly as `pg` puts
 * them on the wire (its own prepareValue). The app is not changed; the measured servers do not load
 * this. bench/lib/pgbench.ts turns what a request sent into a pgbench script.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.BENCH_SQL_TRACE;
if (file) {
  const require = createRequire(import.meta.url);
  const pg = require('pg') as typeof import('pg');
  const { prepareValue } = require('pg/lib/utils') as { prepareValue: (v: unknown) => unknown };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; processID?: number };
  const original = proto.query;
  proto.query = function (this: { processID?: number }, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[]; name?: string; submit?: unknown } | undefined;
    let text: string | undefined;
    let values: unknown[] | undefined;
    let name: string | undefined;
    if (typeof first === 'string') {
      text = first;
      values = Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined;
    } else if (first && typeof first === 'object') {
      text = first.text;
      values = first.values ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined);
      name = first.name;
    }
    if (text !== undefined) {
      const wire = (values ?? []).map((v) => {
        const p = prepareValue(v);
        return p === null || p === undefined ? null : Buffer.isBuffer(p) ? `\\x${p.toString('hex')}` : String(p);
      });
      fs.appendFileSync(file, JSON.stringify({ pid: this.processID ?? null, name, text, values: wire }) + '\n');
    }
    return original.apply(this, args);
  };
}
