import type { ArrearsKind } from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, fieldError, invalidState, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import { scopeOf } from '../../platform/scope';
import { complianceOf, endListing, findArrearsEntry, insertArrearsEntry, listArrearsPage, upsertCompliance, type ArrearsEntry } from './repository';

/** The accounts' functions the register uses (auth/repository.ts, passed in by app.ts). */
export type ArrearsAccounts = Pick<typeof import('../auth/repository'), 'enterpriseWithCreditCode' | 'organizationCards' | 'organizationIdsMatching' | 'userPhones'>;

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
export function createArrearsService(deps: { db: Db; clock: Clock; accounts: ArrearsAccounts }) {
  const { db, clock, accounts } = deps;

  async function enterpriseByCode(creditCode: string) {
    const org = await accounts.enterpriseWithCreditCode(db, creditCode);
    if (!org) throw fieldError('creditCode', '未找到该统一社会信用代码对应的已认证企业');
    return org;
  }

  /** the entries with what the list shows (enterprise, person and unit: the accounts' data, one read each for the page) */
  async function withNames(tx: Tx, entries: ArrearsEntry[]) {
    const orgIds = [...new Set(entries.flatMap((x) => [x.r.enterpriseOrgId, x.r.enteredByOrgId]))];
    const [orgs, phones] = await Promise.all([accounts.organizationCards(tx, orgIds), accounts.userPhones(tx, [...new Set(entries.map((x) => x.r.enteredBy))])]);
    const org = new Map(orgs.map((o) => [o.id, o]));
    // as the joins did: an entry whose enterprise, unit or person is unknown is left out
    return entries.flatMap((x) => {
      const enterprise = org.get(x.r.enterpriseOrgId);
      const entered = org.get(x.r.enteredByOrgId);
      const phone = phones.get(x.r.enteredBy);
      if (!enterprise || !entered || phone === undefined) return [];
      return [{ ...x, enterpriseName: enterprise.name, creditCode: enterprise.creditCode, phone, enteredOrgName: entered.name }];
    });
  }

  type Row = Awaited<ReturnType<typeof withNames>>[number];
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

  /** One entry with its names (after a change: unscoped, as the user just acted on it). */
  async function entry(id: string, scope: Scopes) {
    const found = await findArrearsEntry(db, id, { remove: scope.remove });
    return toDto((await withNames(db, found ? [found] : []))[0]!);
  }

  return {
    async list(user: AuthUser, q: { keyword?: string; kind?: ArrearsKind; page: number; pageSize: number }) {
      const scope = await scopes(db, user);
      const page = await listArrearsPage(db, {
        read: scope.read,
        remove: scope.remove,
        kind: q.kind,
        enterpriseIds: q.keyword ? accounts.organizationIdsMatching(db, q.keyword) : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const rows = await withNames(db, page.rows);
      const total = page.total;
      return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
    },

    async create(user: AuthUser, input: { creditCode: string; kind: ArrearsKind; regionCode: string; occurredOn: string; sourceDocument: string; note?: string }, actor: Actor) {
      const org = await enterpriseByCode(input.creditCode);
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        const entryId = await insertArrearsEntry(tx, {
          enterpriseOrgId: org.id,
          kind: input.kind,
          regionCode: input.regionCode,
          occurredOn: input.occurredOn,
          sourceDocument: input.sourceDocument,
          note: input.note ?? null,
          enteredBy: user.id,
          enteredByOrgId: user.orgId,
          createdAt: now,
        });
        await writeAudit(tx, actor, now, { action: 'arrears.create', targetType: 'arrears_record', targetId: entryId, after: { ...input, enterprise: org.name } });
        return entryId;
      });
      return entry(id, await scopes(db, user));
    },

    /**
     * A listing ends (移出名单 / 清偿完毕) on a date; the entry itself is never deleted. Only the unit
     * that entered it or one above it may end it: one conditional UPDATE (still listed, owner in the
     * remover's remit) with its audit row, so of two removals at once exactly one takes effect.
     */
    async remove(user: AuthUser, id: string, removedOn: string, actor: Actor) {
      const scope = await scopes(db, user);
      const found = await findArrearsEntry(db, id, { remove: scope.remove, read: scope.read });
      const [before] = await withNames(db, found ? [found] : []);
      if (!before) throw notFound('记录');
      if (!before.removable) {
        throw new AppError('FORBIDDEN', `该记录由${before.enteredOrgName ?? '其他单位'}登记，只能由登记单位或其上级单位移出，请联系登记单位办理`);
      }
      if (before.r.removedOn) throw invalidState('该记录已移出');
      if (removedOn < before.r.occurredOn) throw fieldError('removedOn', '移出日期不能早于发生日期');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const done = await endListing(tx, id, removedOn, scope.remove);
        if (done !== 1) throw invalidState('该记录已移出');
        await writeAudit(tx, actor, now, { action: 'arrears.remove', targetType: 'arrears_record', targetId: id, before: { removedOn: null }, after: { removedOn } });
      });
      return entry(id, scope);
    },

    async getDuties(creditCode: string) {
      const org = await enterpriseByCode(creditCode);
      const row = await complianceOf(db, org.id);
      return { enterpriseName: org.name ?? '', dutiesMet: row?.dutiesMet ?? false, updatedAt: row?.updatedAt.toISOString() ?? null };
    },

    async setDuties(user: AuthUser, creditCode: string, dutiesMet: boolean, actor: Actor) {
      const org = await enterpriseByCode(creditCode);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const before = await complianceOf(tx, org.id);
        await upsertCompliance(tx, { orgId: org.id, dutiesMet, updatedBy: user.id, updatedAt: now });
        await writeAudit(tx, actor, now, { action: 'compliance.update', targetType: 'organization', targetId: org.id, before: { dutiesMet: before?.dutiesMet ?? false }, after: { dutiesMet } });
      });
      return { ok: true as const };
    },
  };
}

export type ArrearsService = ReturnType<typeof createArrearsService>;
