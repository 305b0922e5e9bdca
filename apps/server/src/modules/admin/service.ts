import { and, count, desc, eq, gte, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Role } from '@benxi/shared';
import type { Db } from '../../db/client';
import { auditLog, certifications, files, loginThrottle, organizations, projects, quotaApplications, users } from '../../db/schema/index';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { invalidState, notFound } from '../../platform/errors';
import { deleteUserSessions } from '../../platform/sessions';
import { escapeLike } from '../../platform/sql';

/** Dates in filters are Beijing calendar days. */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_MAX = 9_223_372_036_854_775_807n;
const uuids = (ids: string[]) => ids.filter((id) => UUID_RE.test(id));
const bigints = (ids: string[]) => ids.filter((id) => /^\d{1,19}$/.test(id) && BigInt(id) <= BIGINT_MAX).map((id) => BigInt(id));

/** Shown for an enterprise organization that has no (certified) name yet. */
export const UNNAMED_ORG_LABEL = '（未认证企业）';

export function createAdminService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /**
   * Human names of the objects of one page of audit rows, keyed "targetType:targetId": one query per
   * target type present on the page, never one per row. Unknown types and deleted targets get none.
   */
  async function auditTargetLabels(rows: { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
    const byType = new Map<string, string[]>();
    for (const r of rows) {
      if (r.targetId == null) continue;
      const ids = byType.get(r.targetType) ?? [];
      if (!ids.includes(r.targetId)) ids.push(r.targetId);
      byType.set(r.targetType, ids);
    }
    const labels = new Map<string, string>();
    const put = (type: string, id: string, label: string | null | undefined) => {
      if (label) labels.set(`${type}:${id}`, label);
    };
    const loaders: Record<string, (ids: string[]) => Promise<void>> = {
      project: async (ids) => {
        const keys = bigints(ids);
        if (!keys.length) return;
        const found = await db.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, keys));
        for (const p of found) put('project', p.id.toString(), p.name);
      },
      organization: async (ids) => {
        const keys = uuids(ids);
        if (!keys.length) return;
        const found = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, keys));
        for (const o of found) put('organization', o.id, o.name ?? UNNAMED_ORG_LABEL);
      },
      user: async (ids) => {
        const keys = uuids(ids);
        if (!keys.length) return;
        const found = await db.select({ id: users.id, phone: users.phone, name: users.name }).from(users).where(inArray(users.id, keys));
        for (const u of found) put('user', u.id, u.name ? `${u.phone} ${u.name}` : u.phone);
      },
      quota_application: async (ids) => {
        const keys = bigints(ids);
        if (!keys.length) return;
        const found = await db
          .select({ id: quotaApplications.id, projectName: projects.name })
          .from(quotaApplications)
          .innerJoin(projects, eq(projects.id, quotaApplications.projectId))
          .where(inArray(quotaApplications.id, keys));
        for (const q of found) put('quota_application', q.id.toString(), q.projectName || q.id.toString());
      },
      certification: async (ids) => {
        const keys = uuids(ids);
        if (!keys.length) return;
        const found = await db.select({ id: certifications.id, bizCode: certifications.bizCode }).from(certifications).where(inArray(certifications.id, keys));
        for (const c of found) put('certification', c.id, c.bizCode);
      },
      file: async (ids) => {
        const keys = uuids(ids);
        if (!keys.length) return;
        const found = await db.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, keys));
        for (const f of found) put('file', f.id, f.name);
      },
    };
    await Promise.all([...byType].filter(([type]) => Object.hasOwn(loaders, type)).map(([type, ids]) => loaders[type]!(ids)));
    return labels;
  }

  async function userRow(id: string) {
    const now = clock.now();
    const [r] = await db
      .select({ u: users, orgName: organizations.name, t: loginThrottle })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .leftJoin(loginThrottle, eq(loginThrottle.phone, users.phone))
      .where(eq(users.id, id));
    return r ? toUserDto(r, now) : null;
  }

  function toUserDto(
    r: { u: typeof users.$inferSelect; orgName: string | null; t: typeof loginThrottle.$inferSelect | null },
    now: Date,
  ) {
    const locked = r.t?.lockedUntil && r.t.lockedUntil > now ? r.t.lockedUntil : null;
    const expiredLock = r.t?.lockedUntil && r.t.lockedUntil <= now;
    return {
      id: r.u.id,
      phone: r.u.phone,
      name: r.u.name,
      role: r.u.role as Role,
      orgName: r.orgName,
      status: r.u.status as 'active' | 'disabled',
      lockedUntil: locked ? locked.toISOString() : null,
      failedLogins: expiredLock ? 0 : (r.t?.failedCount ?? 0),
      createdAt: r.u.createdAt.toISOString(),
      lastLoginAt: r.u.lastLoginAt?.toISOString() ?? null,
    };
  }

  async function setStatus(id: string, status: 'active' | 'disabled', actor: Actor) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(eq(users.id, id));
      if (!before) throw notFound('用户');
      if (before.id === actor.id) throw invalidState('不能停用自己的账户');
      if (before.status === status) throw invalidState(status === 'disabled' ? '该账户已是停用状态' : '该账户已是正常状态');
      await tx.update(users).set({ status }).where(and(eq(users.id, id), eq(users.status, before.status)));
      if (status === 'disabled') await deleteUserSessions(tx, id);
      await writeAudit(tx, actor, now, {
        action: status === 'disabled' ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: id,
        before: { status: before.status },
        after: { status },
      });
    });
    return (await userRow(id))!;
  }

  return {
    async listUsers(q: { keyword?: string; role?: Role; status?: 'active' | 'disabled'; page: number; pageSize: number }) {
      const where: SQL[] = [];
      if (q.role) where.push(eq(users.role, q.role));
      if (q.status) where.push(eq(users.status, q.status));
      if (q.keyword) {
        const k = `%${escapeLike(q.keyword)}%`;
        where.push(or(ilike(users.phone, k), ilike(users.name, k), ilike(organizations.name, k))!);
      }
      const cond = where.length ? and(...where) : undefined;
      const now = clock.now();
      const [rows, [total]] = await Promise.all([
        db
          .select({ u: users, orgName: organizations.name, t: loginThrottle })
          .from(users)
          .innerJoin(organizations, eq(organizations.id, users.orgId))
          .leftJoin(loginThrottle, eq(loginThrottle.phone, users.phone))
          .where(cond)
          .orderBy(desc(users.createdAt), desc(users.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(cond),
      ]);
      return { items: rows.map((r) => toUserDto(r, now)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async unlock(id: string, actor: Actor) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [u] = await tx.select().from(users).where(eq(users.id, id));
        if (!u) throw notFound('用户');
        const [t] = await tx.select().from(loginThrottle).where(eq(loginThrottle.phone, u.phone));
        if (!t || !t.lockedUntil || t.lockedUntil <= now) throw invalidState('该账户未被锁定');
        await tx.delete(loginThrottle).where(eq(loginThrottle.phone, u.phone));
        await writeAudit(tx, actor, now, {
          action: 'user.unlock',
          targetType: 'user',
          targetId: id,
          before: { lockedUntil: t.lockedUntil.toISOString(), failedLogins: t.failedCount },
          after: { lockedUntil: null },
        });
      });
      return (await userRow(id))!;
    },

    disable: (id: string, actor: Actor) => setStatus(id, 'disabled', actor),
    enable: (id: string, actor: Actor) => setStatus(id, 'active', actor),

    async listAudit(q: {
      action?: string;
      actor?: string;
      targetType?: string;
      targetId?: string;
      from?: string;
      to?: string;
      page: number;
      pageSize: number;
    }) {
      const where: SQL[] = [];
      if (q.action) where.push(eq(auditLog.action, q.action));
      if (q.actor) where.push(ilike(auditLog.actorPhone, `%${escapeLike(q.actor)}%`));
      if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
      if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
      if (q.from) where.push(gte(auditLog.at, dayStart(q.from)));
      if (q.to) where.push(lt(auditLog.at, new Date(dayStart(q.to).getTime() + 86_400_000)));
      const cond = where.length ? and(...where) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(cond)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(auditLog).where(cond),
      ]);
      const labels = await auditTargetLabels(rows);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          at: r.at.toISOString(),
          actorPhone: r.actorPhone,
          actorRole: r.actorRole,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          targetLabel: (r.targetId != null ? labels.get(`${r.targetType}:${r.targetId}`) : undefined) ?? null,
          before: r.before,
          after: r.after,
          ip: r.ip,
        })),
        total: total?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
