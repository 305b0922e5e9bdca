import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '@benxi/shared';
import type { Db, Tx } from '../db/client';
import { organizations, sessions, users } from '../db/schema/index';
import type { ChangeFeed } from './changes';

export const SESSION_COOKIE = 'bx_session';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** The user a request acts as, loaded with its session. */
export interface AuthUser {
  id: string;
  phone: string;
  name: string | null;
  role: Role;
  orgId: string;
  orgType: string;
  orgName: string | null;
  orgCertified: boolean;
  orgRegionCode: string | null;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
  sessionExpiresAt: Date;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

export async function createSession(
  tx: Tx,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  await tx.insert(sessions).values({
    id: sha256(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export type SessionLookup =
  | { kind: 'ok'; user: AuthUser }
  | { kind: 'expired' }
  | { kind: 'none' };

/**
 * The session lookup, as a prepared statement built once: drizzle's query building was ~15% of the
 * CPU of `GET /api/me` under load (bench/run.ts --profile).
 */
function sessionQuery(db: Db) {
  return db
    .select({
      s: sessions,
      u: {
        id: users.id,
        phone: users.phone,
        name: users.name,
        role: users.role,
        status: users.status,
        mustChangePassword: users.mustChangePassword,
      },
      o: {
        id: organizations.id,
        type: organizations.type,
        name: organizations.name,
        certified: organizations.certified,
        regionCode: organizations.regionCode,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('load_session');
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

export interface SessionStore {
  load(token: string, now: Date, policy: SessionPolicy): Promise<SessionLookup>;
}

/**
 * Sessions of this process, kept in memory while the change feed is live (docs/decisions/011): a
 * request then costs no database round trip. Whatever ends or changes a session, its user or its
 * organisation — in this process or another — arrives through the feed and drops the entry before
 * the next request; if the feed is lost everything is dropped and nothing is kept until it is back.
 * An entry is also re-read after `maxAgeMs`, and before anything is decided on it that only the
 * database can confirm (an idle timeout, an inactive user).
 */
export function createSessionStore(db: Db, feed: ChangeFeed | null, opts: { maxAgeMs?: number; maxEntries?: number } = {}): SessionStore {
  const maxAge = opts.maxAgeMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 20_000;
  const query = sessionQuery(db);
  const kept = new Map<string, { row: SessionRow; at: number }>();
  // the SHA-256 of the tokens of kept sessions, so that a request to a kept session hashes nothing
  const ids = new Map<string, string>();
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = sha256(token);
      if (ids.size >= maxEntries) ids.clear();
      ids.set(token, id);
    }
    return id;
  };

  feed?.subscribe((kind, id) => {
    if (kind === 'session') kept.delete(id);
    else if (kind === 'user') {
      for (const [k, v] of kept) if (v.row.u.id === id) kept.delete(k);
    } else if (kind === 'org') {
      for (const [k, v] of kept) if (v.row.o.id === id) kept.delete(k);
    } else if (kind === '*') kept.clear();
  });

  async function read(id: string): Promise<SessionRow | undefined> {
    const epoch = feed?.epoch;
    const [row] = await query.execute({ id });
    // keep it only if nothing changed while it was being read (a change could be older than this row)
    if (row && feed?.live && feed.epoch === epoch) {
      if (kept.size >= maxEntries) kept.delete(kept.keys().next().value!);
      kept.set(id, { row, at: Date.now() });
    }
    return row;
  }

  const ends = (r: SessionRow, now: Date, policy: SessionPolicy) =>
    now.getTime() - r.s.lastSeenAt.getTime() > policy.idleMs || now >= r.s.expiresAt || r.u.status !== 'active';

  return {
    async load(token, now, policy) {
      const id = feed?.live ? idOf(token) : sha256(token);
      const hit = feed?.live ? kept.get(id) : undefined;
      let row = hit && Date.now() - hit.at < maxAge ? hit.row : await read(id);
      if (!row) return { kind: 'none' };
      if (ends(row, now, policy) && row === hit?.row) {
        // another process may have seen the user more recently: decide on the database's word
        kept.delete(id);
        row = await read(id);
        if (!row) return { kind: 'none' };
      }
      if (ends(row, now, policy)) {
        kept.delete(id);
        await db.delete(sessions).where(eq(sessions.id, id));
        return { kind: 'expired' };
      }
      if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
        row.s.lastSeenAt = now;
      }
      return {
        kind: 'ok',
        user: {
          id: row.u.id,
          phone: row.u.phone,
          name: row.u.name,
          role: row.u.role as Role,
          orgId: row.o.id,
          orgType: row.o.type,
          orgName: row.o.name,
          orgCertified: row.o.certified,
          orgRegionCode: row.o.regionCode,
          mustChangePassword: row.u.mustChangePassword,
          sessionId: id,
          csrfToken: row.s.csrfToken,
          sessionExpiresAt: row.s.expiresAt,
        },
      };
    },
  };
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Password change, reset, lock and disable end every session of the user. */
export async function deleteUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId)));
}

/**
 * Deletes the sessions past their absolute expiry (`expired`) or unused since before `idleSince`
 * (`idle`): the daily 清理过期会话 (modules/maintenance/purge-sessions.ts). Each deletion reaches the
 * other processes through the change feed like a logout.
 */
export async function purgeSessions(tx: Tx, now: Date, idleSince: Date): Promise<{ expired: number; idle: number }> {
  const res = (await tx.execute(sql`
    with gone as (
      delete from sessions
      where expires_at <= ${now} or last_seen_at < ${idleSince}
      returning expires_at <= ${now} as expired
    )
    select count(*) filter (where expired)::int as expired, count(*) filter (where not expired)::int as idle from gone`)) as unknown as {
    rows: { expired: number; idle: number }[];
  };
  const { expired = 0, idle = 0 } = res.rows[0] ?? {};
  return { expired, idle };
}
