import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { grantApplicationRole } from './roles';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction or the database itself: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  ping(): Promise<void>;
  migrate(): Promise<void>;
  /** Raw SQL with positional parameters (arrays stay one parameter): bulk loads and EXPLAIN. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /**
   * Work nobody waits for (refreshing a cached total): one statement at a time on a connection of its
   * own, without parallel workers, so it never takes more than one core from the requests.
   */
  backgroundQuery<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /**
   * LISTEN on a channel for as long as the process runs. `onState(false)` whenever notifications may
   * have been missed (the listening connection failed; it is reopened with backoff), `onState(true)`
   * once they are known to arrive again. Resolves when the first LISTEN has been acknowledged (or failed).
   */
  listen(channel: string, onPayload: (payload: string) => void, onState: (live: boolean) => void): Promise<void>;
  /**
   * How many statements this process has sent that write a table whose changes are announced on the
   * change feed (CACHED_TABLES); a write request whose window saw none has nothing to sync
   * (platform/changes.ts). Absent when the count is not kept (PGlite): then every write request syncs.
   */
  cachedTableWrites?(): number;
  /** PGlite only: the whole data folder as an uncompressed tarball (the test suite's migrated template). */
  dumpDataDir?(): Promise<Blob>;
}

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** PostgreSQL connection string of the application role; absent = embedded PGlite. */
  url?: string;
  /**
   * PostgreSQL connection string of the role that owns the tables and runs the migrations; absent =
   * `url` migrates (one role for both: then the application could alter or empty its own audit log).
   * With a different role, migrate() also grants `url`'s role what the application needs (db/roles.ts).
   */
  migrationUrl?: string;
  /** PGlite data folder; absent = in memory. */
  dataDir?: string;
  poolSize?: number;
  /** PGlite only: start from this dumped data folder (a migrated template) instead of an empty one. */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle client whose server went away must not crash the process.
    pool.on('error', () => {});
    const names = statementNames();
    const writes = { count: 0 };
    pool.on('connect', (client) => nameDrizzleStatements(client, names, writes));
    const db = drizzle(pool, { schema }) as unknown as Db;
    const listener = pgListener(pg, opts.url);
    const background = backgroundLane(pg, opts.url);
    return {
      db,
      kind: 'postgres',
      close: async () => {
        await listener.close();
        await background.close();
        await pool.end();
      },
      backgroundQuery: background.query,
      cachedTableWrites: () => writes.count,
      listen: listener.listen,
      ping: async () => {
        await pool.query('select 1');
      },
      query: async <T,>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as T[] }),
      migrate: async () => {
        const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
        const separate = !!opts.migrationUrl && opts.migrationUrl !== opts.url;
        // the owner's connection; the application's role is the one its own pool logs in as
        const ownerPool = separate ? new pg.Pool({ connectionString: opts.migrationUrl, max: 2 }) : pool;
        ownerPool.on('error', () => {});
        const appRole = separate ? ((await pool.query('select current_user as role')).rows[0] as { role: string }).role : null;
        // Several app processes may start at once against one database: one migrates, the others wait.
        const lockClient = await ownerPool.connect();
        try {
          await lockClient.query('select pg_advisory_lock(7720250115)');
          await run(drizzle(ownerPool, { schema }) as never, { migrationsFolder: MIGRATIONS_DIR });
          // under the same lock: concurrent GRANTs on one object fail ("tuple concurrently updated")
          if (appRole) await grantApplicationRole(lockClient, appRole);
        } finally {
          await lockClient.query('select pg_advisory_unlock(7720250115)').catch(() => {});
          lockClient.release();
          if (separate) await ownerPool.end();
        }
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = new PGlite({ dataDir: opts.dataDir, extensions: { pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
    ping: async () => {
      await client.query('select 1');
    },
    query: async <T,>(text: string, params?: unknown[]) => ({ rows: (await client.query<T>(text, params)).rows }),
    backgroundQuery: async <T,>(text: string, params?: unknown[]) => ({ rows: (await client.query<T>(text, params)).rows }),
    // One embedded database in this process: notifications cannot be lost.
    listen: async (channel, onPayload, onState) => {
      await client.listen(channel, onPayload);
      onState(true);
    },
    migrate: async () => {
      const { migrate: run } = await import('drizzle-orm/pglite/migrator');
      await run(db as never, { migrationsFolder: MIGRATIONS_DIR });
    },
  };
}

export async function migrate(database: Database): Promise<void> {
  await database.migrate();
}

/**
 * The texts of Drizzle's statements and the names they are prepared under (docs/decisions/020). A
 * text gets a name the second time it is seen (a one-off is never kept), up to `max` texts per
 * process; after that new texts stay unnamed, as every statement was before.
 */
export function statementNames(max = 500) {
  const seen = new Set<string>();
  const named = new Map<string, string>();
  return {
    nameOf(text: string): string | undefined {
      const name = named.get(text);
      if (name !== undefined || named.size >= max) return name;
      if (!seen.has(text)) {
        if (seen.size >= max * 4) seen.clear();
        seen.add(text);
        return undefined;
      }
      const assigned = `bx_${named.size + 1}`;
      named.set(text, assigned);
      return assigned;
    },
  };
}

/**
 * The writes the database announces on the change feed: per table, the statements whose rows fire a
 * bx_notify_change trigger (migrations 0006 and 0018; a TRUNCATE fires none but empties a cache's
 * source, so it counts too). change-feed.test.ts reads the triggers and the cascading foreign keys
 * from the catalogue and fails when this falls behind them.
 */
export const CACHED_TABLE_WRITES = {
  sessions: ['delete'], // a session ends; refreshing last_seen_at is not a change
  users: ['update', 'delete'],
  organizations: ['insert', 'update', 'delete'],
  api_clients: ['insert', 'update', 'delete'],
} as const satisfies Record<string, readonly ('insert' | 'update' | 'delete')[]>;
const VERB = { insert: 'insert\\s+into', update: 'update', delete: 'delete\\s+from' } as const;
const CACHED_WRITE = new RegExp(
  `\\b(?:${Object.entries(CACHED_TABLE_WRITES)
    .map(([table, verbs]) => `(?:${[...verbs.map((v) => VERB[v]), 'truncate(?:\\s+table)?'].join('|')})\\s+(?:only\\s+)?(?:"?public"?\\.)?"?${table}"?(?![\\w"])`)
    .join('|')})`,
  'i',
);
/** Whether a statement may write what the change feed announces (a false "yes" costs one sync, never a stale cache). */
export const writesCachedTable = (text: string): boolean => CACHED_WRITE.test(text);

/**
 * Drizzle's statements on this connection as named prepared statements: PostgreSQL parses and plans
 * each once per connection (a generic plan after five runs: these are lookups by key and scope) instead
 * of on every request, which was most of the database's CPU on the project detail and the write path
 * (bench/run.ts). Drizzle sends every statement as a config object with its own type parsers and no
 * name; the plain-SQL list path (Database.query: text and values, planned every time for its
 * parameters) is left as it is. Texts are Drizzle's, with every value a parameter, so the set of
 * names is the set of statement shapes; `pg` keeps one entry per name and connection.
 */
function nameDrizzleStatements(client: import('pg').PoolClient, names: ReturnType<typeof statementNames>, writes: { count: number }): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
    const text = typeof config === 'string' ? config : config !== null && typeof config === 'object' ? (config as { text?: unknown }).text : undefined;
    if (typeof text === 'string' && writesCachedTable(text)) writes.count++;
    if (config !== null && typeof config === 'object' && 'types' in config) {
      const c = config as { text?: unknown; name?: unknown };
      if (typeof c.text === 'string' && c.name === undefined) {
        const name = names.nameOf(c.text);
        if (name !== undefined) config = { ...c, name };
      }
    }
    return query(config, ...rest);
  };
}

/**
 * A dedicated connection for LISTEN (a pooled one would be handed to queries). It is checked every
 * few seconds with a query, so a silently dead connection is noticed too; on any failure the
 * subscribers hear `false` and it is reopened with backoff (250 ms doubling to 5 s).
 */
function pgListener(pg: typeof import('pg').default, url: string) {
  type Sub = { onPayload: (p: string) => void; onState: (live: boolean) => void };
  const channels = new Map<string, Set<Sub>>();
  let client: import('pg').Client | null = null;
  let closed = false;
  let backoff = 250;
  let heartbeat: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  let connecting: Promise<void> | null = null;

  const setLive = (live: boolean) => {
    for (const subs of channels.values()) for (const c of subs) c.onState(live);
  };
  const fail = (c: import('pg').Client) => {
    if (client !== c) return;
    client = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    setLive(false);
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, backoff);
      retry.unref();
      backoff = Math.min(backoff * 2, 5_000);
    }
  };
  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'bx-listen' });
      c.on('error', () => fail(c));
      c.on('end', () => fail(c));
      c.on('notification', (msg) => {
        if (msg.payload === undefined) return;
        for (const sub of channels.get(msg.channel) ?? []) sub.onPayload(msg.payload);
      });
      client = c;
      try {
        await c.connect();
        for (const ch of channels.keys()) await c.query(`LISTEN "${ch.replace(/"/g, '""')}"`);
        if (closed) return void c.end().catch(() => {});
        backoff = 250;
        heartbeat = setInterval(() => {
          const timer = setTimeout(() => fail(c), 3_000);
          c.query('select 1').then(
            () => clearTimeout(timer),
            () => {
              clearTimeout(timer);
              fail(c);
            },
          );
        }, 5_000);
        heartbeat.unref();
        setLive(true);
      } catch {
        fail(c);
      }
    })().finally(() => (connecting = null)));

  return {
    async listen(channel: string, onPayload: (p: string) => void, onState: (live: boolean) => void) {
      const sub: Sub = { onPayload, onState };
      const known = channels.has(channel);
      if (!known) channels.set(channel, new Set());
      channels.get(channel)!.add(sub);
      onState(false);
      if (known && client && !connecting) return onState(true);
      if (client && !connecting) {
        try {
          await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
          onState(true);
        } catch {
          fail(client);
        }
        return;
      }
      await connect();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        c.removeAllListeners('error');
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

/** The background lane of a PostgreSQL database: one lazily opened connection, one statement at a time. */
function backgroundLane(pg: typeof import('pg').default, url: string) {
  let client: Promise<import('pg').Client> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const open = () =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'bx-background' });
      c.on('error', () => (client = null));
      c.on('end', () => (client = null));
      await c.connect();
      await c.query('set max_parallel_workers_per_gather = 0');
      return c;
    })().catch((err) => {
      client = null;
      throw err;
    }));
  return {
    query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> {
      const run = queue.then(async () => ({ rows: (await (await open()).query(text, params)).rows as T[] }));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      const c = client;
      client = null;
      if (c) await (await c.catch(() => null))?.end().catch(() => {});
    },
  };
}
