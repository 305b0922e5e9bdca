import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';
import { loginThrottle, organizations, users } from '../../db/schema/index';
import { escapeLike } from '../../platform/sql';

/**
 * The accounts: users, their organisations and the per-phone login throttle (docs/decisions/018).
 * Every function takes the transaction it runs in, or the database itself outside one. The back
 * office (modules/admin) reaches these tables only through the functions here, passed in its deps.
 */

export type UserRow = typeof users.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;
export type UserPatch = Partial<Pick<UserRow, 'passwordHash' | 'passwordChangedAt' | 'mustChangePassword' | 'lastLoginAt' | 'status'>>;

// ——— users ———

export async function findUserByPhone(tx: Tx, phone: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.phone, phone)).limit(1);
  return row;
}

export async function findUserById(tx: Tx, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

/** Returns whether a row was updated; `onlyIfStatus` makes it conditional on the status read before. */
export async function updateUser(tx: Tx, id: string, patch: UserPatch, onlyIfStatus?: string): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set(patch)
    .where(onlyIfStatus === undefined ? eq(users.id, id) : and(eq(users.id, id), eq(users.status, onlyIfStatus)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function insertUser(
  tx: Tx,
  u: { id?: string; phone: string; name?: string | null; role: string; orgId: string; passwordHash: string; mustChangePassword?: boolean; createdAt: Date; passwordChangedAt?: Date | null },
): Promise<string> {
  const [row] = await tx.insert(users).values(u).returning({ id: users.id });
  return row!.id;
}

/** A user with the name of its organisation and its throttle row: what the back office lists. */
export interface AccountRow {
  u: UserRow;
  orgName: string | null;
  t: ThrottleRow | null;
}

function accountFilter(q: { keyword?: string; role?: string; status?: string; id?: string }): SQL | undefined {
  const where: SQL[] = [];
  if (q.id) where.push(eq(users.id, q.id));
  if (q.role) where.push(eq(users.role, q.role));
  if (q.status) where.push(eq(users.status, q.status));
  if (q.keyword) {
    // the caller escapes LIKE wildcards (platform/sql.ts)
    const k = `%${q.keyword}%`;
    where.push(or(ilike(users.phone, k), ilike(users.name, k), ilike(organizations.name, k))!);
  }
  return where.length ? and(...where) : undefined;
}

/** One page of accounts, newest first, and the total. `keyword` is a LIKE-escaped substring. */
export async function listAccounts(
  tx: Tx,
  q: { keyword?: string; role?: string; status?: string; id?: string; limit: number; offset: number },
): Promise<{ rows: AccountRow[]; total: number }> {
  const cond = accountFilter(q);
  const [rows, [total]] = await Promise.all([
    tx
      .select({ u: users, orgName: organizations.name, t: loginThrottle })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.orgId))
      .leftJoin(loginThrottle, eq(loginThrottle.phone, users.phone))
      .where(cond)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(q.limit)
      .offset(q.offset),
    tx.select({ n: count() }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findAccount(tx: Tx, id: string): Promise<AccountRow | undefined> {
  const [row] = await tx
    .select({ u: users, orgName: organizations.name, t: loginThrottle })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .leftJoin(loginThrottle, eq(loginThrottle.phone, users.phone))
    .where(eq(users.id, id));
  return row;
}

/** Audit log labels: "phone name" (or the phone) of each user found. */
export async function userLabels(tx: Tx, ids: string[]): Promise<[string, string][]> {
  const found = await tx.select({ id: users.id, phone: users.phone, name: users.name }).from(users).where(inArray(users.id, ids));
  return found.map((u) => [u.id, u.name ? `${u.phone} ${u.name}` : u.phone]);
}

/** The phone of each user found (a certification's 申请人手机号). */
export async function userPhones(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await tx.select({ id: users.id, phone: users.phone }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.phone]));
}

// ——— organisations ———

export async function findOrganization(tx: Tx, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

/** Another organisation than `exceptId` (a parent must not be the unit itself). */
export async function findOtherOrganization(tx: Tx, id: string, exceptId: string): Promise<OrganizationRow | undefined> {
  const [row] = await tx.select().from(organizations).where(and(eq(organizations.id, id), ne(organizations.id, exceptId)));
  return row;
}

export async function organizationNamed(tx: Tx, name: string, type: string): Promise<{ id: string } | undefined> {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.name, name), eq(organizations.type, type)));
  return row;
}

export async function insertOrganization(
  tx: Tx,
  o: { id?: string; type: string; name?: string | null; regionCode?: string | null; parentId?: string | null; industryType?: string | null; certified?: boolean; createdAt: Date },
): Promise<string> {
  const [row] = await tx.insert(organizations).values(o).returning({ id: organizations.id });
  return row!.id;
}

export async function updateOrganization(tx: Tx, id: string, patch: { name?: string; enabled?: boolean; parentId?: string | null }): Promise<void> {
  await tx.update(organizations).set(patch).where(eq(organizations.id, id));
}

/** The organisation holding a 统一社会信用代码 (a certification must not take another's). */
export async function organizationWithCreditCode(tx: Tx, creditCode: string): Promise<{ id: string } | undefined> {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, creditCode)).limit(1);
  return row;
}

/** 认证审核通过: the enterprise takes the name and credit code it submitted (a unique violation is the caller's to name). */
export async function certifyOrganization(tx: Tx, id: string, c: { name: string; creditCode: string }): Promise<void> {
  await tx.update(organizations).set({ name: c.name, creditCode: c.creditCode, certified: true }).where(eq(organizations.id, id));
}

/** The enterprise (an organisation of type enterprise) with this 统一社会信用代码. */
export async function enterpriseWithCreditCode(tx: Tx, creditCode: string): Promise<OrganizationRow | undefined> {
  const [org] = await tx.select().from(organizations).where(and(eq(organizations.creditCode, creditCode), eq(organizations.type, 'enterprise')));
  return org;
}

/** Name and credit code of the organisations asked for (the register's list). */
export async function organizationCards(tx: Tx, ids: string[]): Promise<{ id: string; name: string | null; creditCode: string | null }[]> {
  if (ids.length === 0) return [];
  return tx.select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode }).from(organizations).where(inArray(organizations.id, ids));
}

/**
 * The ids of the organisations whose name contains `keyword` or whose credit code is `keyword`, as a
 * subquery (not run here): the caller's list filters on it in one statement.
 */
export function organizationIdsMatching(tx: Tx, keyword: string) {
  return tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(or(ilike(organizations.name, `%${escapeLike(keyword)}%`), eq(organizations.creditCode, keyword)));
}

const parentOrg = alias(organizations, 'parent_org');

export interface OrganizationListRow {
  o: OrganizationRow;
  parentName: string | null;
  n: number | null;
}

/** One page of organisations with their parent's name and their number of users. `keyword` is LIKE-escaped. */
export async function listOrganizations(
  tx: Tx,
  q: { type?: string; keyword?: string; id?: string; limit: number; offset: number },
): Promise<{ rows: OrganizationListRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.id) where.push(eq(organizations.id, q.id));
  if (q.type) where.push(eq(organizations.type, q.type));
  if (q.keyword) where.push(or(ilike(organizations.name, `%${q.keyword}%`), ilike(organizations.creditCode, `%${q.keyword}%`))!);
  const cond = where.length ? and(...where) : undefined;
  const userCount = tx.$with('user_count').as(tx.select({ orgId: users.orgId, n: count().as('n') }).from(users).groupBy(users.orgId));
  const [rows, [total]] = await Promise.all([
    tx
      .with(userCount)
      .select({ o: organizations, parentName: parentOrg.name, n: userCount.n })
      .from(organizations)
      .leftJoin(parentOrg, eq(parentOrg.id, organizations.parentId))
      .leftJoin(userCount, eq(userCount.orgId, organizations.id))
      .where(cond)
      .orderBy(asc(organizations.type), asc(organizations.regionCode), desc(organizations.createdAt))
      .limit(q.limit)
      .offset(q.offset),
    tx.select({ n: count() }).from(organizations).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The whole rows of the organisations asked for (the organisation cache's read, organization-cache.ts). */
export async function organizationRowsByIds(tx: Tx, ids: string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(organizations).where(ids.length === 1 ? eq(organizations.id, ids[0]!) : inArray(organizations.id, ids));
}

/** Name and whether enabled, of the organisations asked for (dictionaries' 监管单位 lists). */
export async function organizationsByIds(tx: Tx, ids: string[]): Promise<{ id: string; name: string | null; enabled: boolean }[]> {
  if (ids.length === 0) return [];
  return tx.select({ id: organizations.id, name: organizations.name, enabled: organizations.enabled }).from(organizations).where(inArray(organizations.id, ids));
}

// ——— the login throttle (per phone, ADR 003/014) ———

export interface LockoutPolicy {
  threshold: number;
  lockMs: number;
}

/**
 * Reserves one password attempt for a phone before the hash runs. The reservation counts as a
 * failure until the password proves right, so N parallel wrong passwords lock after exactly
 * `threshold` counted failures: the rest find no attempt left. Returns the attempt's number, or
 * null when the phone is locked (or its last attempts are still being checked).
 */
export async function reserveAttempt(tx: Tx, phone: string, now: Date, policy: LockoutPolicy): Promise<number | null> {
  const result = (await tx.execute(sql`
    insert into login_throttle (phone, failed_count, locked_until, updated_at)
    values (${phone}, 1, null, ${now})
    on conflict (phone) do update set
      failed_count = case when login_throttle.locked_until is not null then 1 else login_throttle.failed_count + 1 end,
      locked_until = null,
      updated_at = ${now}
    where (login_throttle.locked_until is null and login_throttle.failed_count < ${policy.threshold})
       or login_throttle.locked_until <= ${now}
    returning failed_count`)) as unknown as { rows: { failed_count: number }[] };
  const row = result.rows[0];
  return row ? Number(row.failed_count) : null;
}

export async function lockedUntil(tx: Tx, phone: string): Promise<Date | null> {
  const [row] = await tx.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.phone, phone));
  return row?.lockedUntil ?? null;
}

export async function throttleOf(tx: Tx, phone: string): Promise<ThrottleRow | undefined> {
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.phone, phone));
  return row;
}

export async function lock(tx: Tx, phone: string, until: Date): Promise<void> {
  await tx.update(loginThrottle).set({ lockedUntil: until, updatedAt: sql`now()` }).where(eq(loginThrottle.phone, phone));
}

/** A right password (or an unlock, or a reset) ends the run of consecutive failures. */
export async function clearFailures(tx: Tx, phone: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.phone, phone));
}

/** The enabled organisations of these types, by type then name (承保出单机构: the banks and insurers). */
export async function enabledOrganizationsOfTypes(tx: Tx, types: string[]): Promise<{ id: string; name: string | null; type: string }[]> {
  return tx
    .select({ id: organizations.id, name: organizations.name, type: organizations.type })
    .from(organizations)
    .where(and(inArray(organizations.type, types), eq(organizations.enabled, true)))
    .orderBy(asc(organizations.type), asc(organizations.name));
}
