import type { Role } from '@benxi/shared';
import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { invalidState, notFound } from '../../platform/errors';
import { deleteUserSessions } from '../../platform/sessions';
import { escapeLike } from '../../platform/sql';
import type * as AccountsRepository from '../auth/repository';
import * as repo from './repository';

/** The accounts' data functions (modules/auth/repository.ts), passed in by app.ts. */
export type Accounts = typeof AccountsRepository;

/** The audit log names the objects of other modules through their repositories' label reads, passed in by app.ts. */
export interface AuditLabelReads {
  projects: Pick<typeof import('../projects/repository'), 'projectLabels'>;
  quota: Pick<typeof import('../quota/repository'), 'projectsOfApplications'>;
  certifications: Pick<typeof import('../certification/repository'), 'certificationLabels'>;
  files: Pick<typeof import('../files/repository'), 'fileLabels'>;
}

/** Dates in filters are Beijing calendar days. */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_MAX = 9_223_372_036_854_775_807n;
const uuids = (ids: string[]) => ids.filter((id) => UUID_RE.test(id));
const bigints = (ids: string[]) => ids.filter((id) => /^\d{1,19}$/.test(id) && BigInt(id) <= BIGINT_MAX).map((id) => BigInt(id));

/** Shown for an enterprise organization that has no (certified) name yet. */
export const UNNAMED_ORG_LABEL = '（未认证企业）';

export function createAdminService(deps: { db: Db; clock: Clock; accounts: Accounts; labels: AuditLabelReads; apiClients?: { clientLabels(tx: Db, ids: string[]): Promise<[string, string][]> } }) {
  const { db, clock, accounts, labels: reads } = deps;

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
    const load = (type: string, found: [string, string | null][]) => {
      for (const [id, label] of found) put(type, id, label);
    };
    const loaders: Record<string, (ids: string[]) => Promise<void>> = {
      project: async (ids) => {
        const keys = bigints(ids);
        if (keys.length) load('project', await reads.projects.projectLabels(db, keys));
      },
      organization: async (ids) => {
        const keys = uuids(ids);
        if (keys.length) load('organization', (await accounts.organizationsByIds(db, keys)).map((o) => [o.id, o.name ?? UNNAMED_ORG_LABEL]));
      },
      user: async (ids) => {
        const keys = uuids(ids);
        if (keys.length) load('user', await accounts.userLabels(db, keys));
      },
      quota_application: async (ids) => {
        const keys = bigints(ids);
        if (!keys.length) return;
        // an application is named by its project (or its batch number)
        const apps = await reads.quota.projectsOfApplications(db, keys);
        const names = new Map(await reads.projects.projectLabels(db, [...new Set(apps.map((a) => a.projectId))]));
        load('quota_application', apps.map((a) => [a.id.toString(), names.get(a.projectId.toString()) || a.id.toString()]));
      },
      certification: async (ids) => {
        const keys = uuids(ids);
        if (keys.length) load('certification', await reads.certifications.certificationLabels(db, keys));
      },
      file: async (ids) => {
        const keys = uuids(ids);
        if (keys.length) load('file', await reads.files.fileLabels(db, keys));
      },
      // 开放接口客户端: its appId (modules/open's table, read through its repository)
      api_client: async (ids) => {
        const keys = uuids(ids);
        if (keys.length && deps.apiClients) load('api_client', await deps.apiClients.clientLabels(db, keys));
      },
    };
    await Promise.all([...byType].filter(([type]) => Object.hasOwn(loaders, type)).map(([type, ids]) => loaders[type]!(ids)));
    return labels;
  }

  async function userRow(id: string) {
    const now = clock.now();
    const r = await accounts.findAccount(db, id);
    return r ? toUserDto(r, now) : null;
  }

  function toUserDto(r: AccountsRepository.AccountRow, now: Date) {
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
      const before = await accounts.findUserById(tx, id);
      if (!before) throw notFound('用户');
      if (before.id === actor.id) throw invalidState('不能停用自己的账户');
      if (before.status === status) throw invalidState(status === 'disabled' ? '该账户已是停用状态' : '该账户已是正常状态');
      await accounts.updateUser(tx, id, { status }, before.status);
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
      const now = clock.now();
      const { rows, total } = await accounts.listAccounts(db, {
        role: q.role,
        status: q.status,
        keyword: q.keyword ? escapeLike(q.keyword) : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { items: rows.map((r) => toUserDto(r, now)), total, page: q.page, pageSize: q.pageSize };
    },

    async unlock(id: string, actor: Actor) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const u = await accounts.findUserById(tx, id);
        if (!u) throw notFound('用户');
        const t = await accounts.throttleOf(tx, u.phone);
        if (!t || !t.lockedUntil || t.lockedUntil <= now) throw invalidState('该账户未被锁定');
        await accounts.clearFailures(tx, u.phone);
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
      const { rows, total } = await repo.listAuditRows(db, {
        action: q.action,
        actorPhone: q.actor ? escapeLike(q.actor) : undefined,
        targetType: q.targetType,
        targetId: q.targetId,
        from: q.from ? dayStart(q.from) : undefined,
        before: q.to ? new Date(dayStart(q.to).getTime() + 86_400_000) : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const labels = await auditTargetLabels(rows);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          at: r.at.toISOString(),
          actorPhone: r.actorPhone,
          actorRole: r.actorRole,
          actorClient: r.actorClient,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          targetLabel: (r.targetId != null ? labels.get(`${r.targetType}:${r.targetId}`) : undefined) ?? null,
          before: r.before,
          after: r.after,
          ip: r.ip,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
