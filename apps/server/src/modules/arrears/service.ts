import { and, count, desc, eq, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ArrearsKind } from '@benxi/shared';
import type { Db } from '../../db/client';
import { arrearsRecords, enterpriseCompliance, organizations, users } from '../../db/schema/index';
import { alias } from 'drizzle-orm/pg-core';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, fieldError, invalidState, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import { escapeLike } from '../../platform/sql';
import { scopeOf } from '../../platform/scope';

const enteredOrg = alias(organizations, 'entered_org');

/**
 * Which entries of the register a user reads and which they may remove: platform/scope.ts (ADR 014,
 * 019). An entry belongs to the unit that entered it; a unit removes its remit's entries (its own and
 * those of the units directly under it) and reads those and the entries of the units above it.
 */
const scopes = async (db: Db, user: AuthUser) => {
  const [read, remove] = await Promise.all([scopeOf(db, user, 'arrears_record'), scopeOf(db, user, 'arrears_record', 'act')]);
  return { read, remove };
};
type Scopes = Awaited<ReturnType<typeof scopes>>;

/** 欠薪及失信记录: the register hrss keeps; each entry names its source document and who entered it. */
export function createArrearsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function enterpriseByCode(creditCode: string) {
    const [org] = await db.select().from(organizations).where(and(eq(organizations.creditCode, creditCode), eq(organizations.type, 'enterprise')));
    if (!org) throw fieldError('creditCode', '未找到该统一社会信用代码对应的已认证企业');
    return org;
  }

  /** the entries with what the list shows; `removable`: the user may remove it (its scope's act rule) */
  const select = (scope: Scopes) =>
    db
      .select({
        r: arrearsRecords,
        enterpriseName: organizations.name,
        creditCode: organizations.creditCode,
        phone: users.phone,
        enteredOrgName: enteredOrg.name,
        removable: sql<boolean>`(${scope.remove})`.mapWith(Boolean),
      })
      .from(arrearsRecords)
      .innerJoin(organizations, eq(organizations.id, arrearsRecords.enterpriseOrgId))
      .innerJoin(users, eq(users.id, arrearsRecords.enteredBy))
      .innerJoin(enteredOrg, eq(enteredOrg.id, arrearsRecords.enteredByOrgId));

  type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
  const toDto = (x: Row) => ({
    id: x.r.id,
    enterpriseOrgId: x.r.enterpriseOrgId,
    enterpriseName: x.enterpriseName ?? '',
    creditCode: x.creditCode,
    kind: x.r.kind as ArrearsKind,
    regionCode: x.r.regionCode,
    occurredOn: x.r.occurredOn,
    removedOn: x.r.removedOn,
    sourceDocument: x.r.sourceDocument,
    note: x.r.note,
    enteredByPhone: x.phone,
    enteredByOrg: x.enteredOrgName ?? '',
    createdAt: x.r.createdAt.toISOString(),
    canRemove: !x.r.removedOn && x.removable,
  });

  return {
    async list(user: AuthUser, q: { keyword?: string; kind?: ArrearsKind; page: number; pageSize: number }) {
      const scope = await scopes(db, user);
      const where: SQL[] = [scope.read];
      if (q.kind) where.push(eq(arrearsRecords.kind, q.kind));
      if (q.keyword) where.push(or(ilike(organizations.name, `%${escapeLike(q.keyword)}%`), eq(organizations.creditCode, q.keyword))!);
      const cond = and(...where);
      const [rows, [total]] = await Promise.all([
        select(scope).where(cond).orderBy(desc(arrearsRecords.occurredOn), desc(arrearsRecords.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(arrearsRecords).innerJoin(organizations, eq(organizations.id, arrearsRecords.enterpriseOrgId)).where(cond),
      ]);
      return { items: rows.map(toDto), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    async create(user: AuthUser, input: { creditCode: string; kind: ArrearsKind; regionCode: string; occurredOn: string; sourceDocument: string; note?: string }, actor: Actor) {
      const org = await enterpriseByCode(input.creditCode);
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(arrearsRecords)
          .values({
            enterpriseOrgId: org.id,
            kind: input.kind,
            regionCode: input.regionCode,
            occurredOn: input.occurredOn,
            sourceDocument: input.sourceDocument,
            note: input.note ?? null,
            enteredBy: user.id,
            enteredByOrgId: user.orgId,
            createdAt: now,
          })
          .returning({ id: arrearsRecords.id });
        await writeAudit(tx, actor, now, { action: 'arrears.create', targetType: 'arrears_record', targetId: row!.id, after: { ...input, enterprise: org.name } });
        return row!.id;
      });
      const [r] = await select(await scopes(db, user)).where(eq(arrearsRecords.id, id));
      return toDto(r!);
    },

    /**
     * A listing ends (移出名单 / 清偿完毕) on a date; the entry itself is never deleted. Only the unit
     * that entered it or one above it may end it: one conditional UPDATE (still listed, owner in the
     * remover's remit) with its audit row, so of two removals at once exactly one takes effect.
     */
    async remove(user: AuthUser, id: string, removedOn: string, actor: Actor) {
      const scope = await scopes(db, user);
      const [before] = await select(scope).where(and(eq(arrearsRecords.id, id), scope.read));
      if (!before) throw notFound('记录');
      if (!before.removable) {
        throw new AppError('FORBIDDEN', `该记录由${before.enteredOrgName ?? '其他单位'}登记，只能由登记单位或其上级单位移出，请联系登记单位办理`);
      }
      if (before.r.removedOn) throw invalidState('该记录已移出');
      if (removedOn < before.r.occurredOn) throw fieldError('removedOn', '移出日期不能早于发生日期');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const done = await tx
          .update(arrearsRecords)
          .set({ removedOn })
          .where(
            and(
              eq(arrearsRecords.id, id),
              isNull(arrearsRecords.removedOn),
              scope.remove,
              lte(arrearsRecords.occurredOn, removedOn),
            ),
          )
          .returning({ id: arrearsRecords.id });
        if (done.length !== 1) throw invalidState('该记录已移出');
        await writeAudit(tx, actor, now, { action: 'arrears.remove', targetType: 'arrears_record', targetId: id, before: { removedOn: null }, after: { removedOn } });
      });
      const [r] = await select(scope).where(eq(arrearsRecords.id, id));
      return toDto(r!);
    },

    async getDuties(creditCode: string) {
      const org = await enterpriseByCode(creditCode);
      const [row] = await db.select().from(enterpriseCompliance).where(eq(enterpriseCompliance.orgId, org.id));
      return { enterpriseName: org.name ?? '', dutiesMet: row?.dutiesMet ?? false, updatedAt: row?.updatedAt.toISOString() ?? null };
    },

    async setDuties(user: AuthUser, creditCode: string, dutiesMet: boolean, actor: Actor) {
      const org = await enterpriseByCode(creditCode);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(enterpriseCompliance).where(eq(enterpriseCompliance.orgId, org.id));
        await tx
          .insert(enterpriseCompliance)
          .values({ orgId: org.id, dutiesMet, updatedBy: user.id, updatedAt: now })
          .onConflictDoUpdate({ target: enterpriseCompliance.orgId, set: { dutiesMet, updatedBy: user.id, updatedAt: now } });
        await writeAudit(tx, actor, now, { action: 'compliance.update', targetType: 'organization', targetId: org.id, before: { dutiesMet: before?.dutiesMet ?? false }, after: { dutiesMet } });
      });
      return { ok: true as const };
    },
  };
}

export type ArrearsService = ReturnType<typeof createArrearsService>;
