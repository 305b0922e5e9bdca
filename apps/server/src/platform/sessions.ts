import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '@benxi/shared';
import type { Db, Tx } from '../db/client';
import { organizations, sessions, users } from '../db/schema/index';

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
 * The session lookup of every request, as a prepared statement built once per database: drizzle's
 * query building was ~15% of the CPU of `GET /api/me` under load (bench/run.ts --profile).
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
const prepared = new WeakMap<Db, ReturnType<typeof sessionQuery>>();

/** One query per request; last_seen_at is refreshed at most once a minute to spare writes. */
export async function loadSession(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<SessionLookup> {
  const id = sha256(token);
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = sessionQuery(db)));
  const rows = await query.execute({ id });
  const row = rows[0];
  if (!row) return { kind: 'none' };
  const idleExpired = now.getTime() - row.s.lastSeenAt.getTime() > policy.idleMs;
  if (idleExpired || now >= row.s.expiresAt || row.u.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { kind: 'expired' };
  }
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
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
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Password change, reset, lock and disable end every session of the user. */
export async function deleteUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId)));
}
