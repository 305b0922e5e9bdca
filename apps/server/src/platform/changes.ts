import type { Database } from '../db/client';

/**
 * What changed in the database, as the triggers of migration 0006 announce it on channel
 * `bx_changes` ("session:<id>", "user:<id>", "org:<id>"), delivered to every app process when the
 * changing transaction commits. In-process caches (sessions, the unit tree) are only trusted while
 * the feed is `live`; every message and every loss of the feed advances `epoch`, so a cache can tell
 * whether a value it just read may already be outdated (docs/decisions/011).
 */
export interface ChangeFeed {
  readonly live: boolean;
  readonly epoch: number;
  /** `kind` is session / user / org, or '*' when the feed was lost and everything must be dropped. */
  subscribe(fn: (kind: string, id: string) => void): void;
  /**
   * Resolves once every change committed before the call has reached this process: it sends a
   * notification of its own and waits for it, PostgreSQL delivering notifications in commit order.
   * A write request awaits it before answering, so the next request (to this process) sees its
   * changes. If it does not arrive in time, everything cached is dropped instead.
   */
  sync(): Promise<void>;
}

export const CHANGES_CHANNEL = 'bx_changes';

declare module 'fastify' {
  interface FastifyInstance {
    /** this process's change feed (tests watch `live`) */
    changes: ChangeFeed;
  }
}

export function createChangeFeed(
  notify: (payload: string) => Promise<unknown>,
  opts: { syncTimeoutMs?: number } = {},
): ChangeFeed & { deliver(payload: string): void; setLive(live: boolean): void } {
  const subs: ((kind: string, id: string) => void)[] = [];
  const waiting = new Map<string, () => void>();
  const tag = `${process.pid}.${Math.random().toString(36).slice(2, 8)}`;
  let seq = 0;
  let live = false;
  let epoch = 0;
  const emit = (kind: string, id: string) => {
    // a sync changes no data: it tells nothing a cache holds is outdated (writes send one each)
    if (kind === 'sync') return waiting.get(id)?.();
    epoch++;
    for (const fn of subs) fn(kind, id);
  };
  return {
    get live() {
      return live;
    },
    get epoch() {
      return epoch;
    },
    subscribe: (fn) => void subs.push(fn),
    async sync() {
      if (!live) return; // nothing is cached while the feed is down
      const id = `${tag}.${++seq}`;
      let timer: NodeJS.Timeout | undefined;
      const arrived = new Promise<boolean>((resolve) => {
        waiting.set(id, () => resolve(true));
        timer = setTimeout(() => resolve(false), opts.syncTimeoutMs ?? 2_000);
      });
      try {
        const sent = notify(`sync:${id}`).then(
          () => arrived,
          () => false,
        );
        if (!(await Promise.race([sent, arrived]))) emit('*', '');
      } finally {
        clearTimeout(timer);
        waiting.delete(id);
      }
    },
    deliver(payload) {
      const at = payload.indexOf(':');
      if (at > 0) emit(payload.slice(0, at), payload.slice(at + 1));
    },
    setLive(next) {
      if (live === next) return;
      live = next;
      emit('*', ''); // either way nothing cached before this moment can be trusted
    },
  };
}

/** The change feed of a database: starts listening; resolves once the first LISTEN is acknowledged (or failed). */
export async function listenForChanges(database: Database): Promise<ChangeFeed> {
  const feed = createChangeFeed(database.kind === 'postgres' ? (payload) => notifyNoFlush(database, payload) : (payload) => database.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, payload]));
  await database.listen(CHANGES_CHANNEL, feed.deliver, feed.setLive);
  return feed;
}

/**
 * A sync's own notification, committed without waiting for the WAL flush: it changes no data, and
 * every NOTIFY commit holds PostgreSQL's database-wide notification lock, so waiting for an fsync
 * under it made concurrent writes queue (the write path fell from 160 to 80 req/s in bench/run.ts).
 */
function notifyNoFlush(database: Database, payload: string) {
  if (!/^[\w.:-]+$/.test(payload)) throw new Error('sync payloads are generated, never user input');
  return database.query(`begin; set local synchronous_commit = off; select pg_notify('${CHANGES_CHANNEL}', '${payload}'); commit`);
}
