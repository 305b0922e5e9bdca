import { GUARANTEE_EXPIRING_DAYS, type GuaranteeStatus } from '@benxi/shared';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { guarantees, offlineGuarantees } from '../../db/schema/index';
import { escapeLike } from '../../platform/sql';

/**
 * The guarantees register (docs/decisions/018, 023). The rules — when a number may be registered,
 * the Chinese messages — stay in register.ts and the 保函管理 queries; this is their SQL.
 */

export type GuaranteeRow = typeof guarantees.$inferSelect;
export type NewGuaranteeRow = typeof guarantees.$inferInsert;

/**
 * Registrations of one 保函号 commit one at a time: a transaction-scoped advisory lock on the number's
 * key (ADR 023). The in-force check after it reads what an earlier holder committed (read committed:
 * each statement takes a new snapshot), so of two registrations at once the second sees the first.
 */
export async function lockGuaranteeNumber(tx: Tx, numberKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`guarantees.number:${numberKey}`}, 0))`);
}

/** In force on `today`: not released, not claimed, 期限 not ended. */
export const inForceOn = (today: string): SQL => and(isNull(guarantees.releasedAt), isNull(guarantees.claimedAt), gte(guarantees.validTo, today))!;

/** Whether a register row with this number key is in force on `today` (guarantees_number_idx). */
export async function numberKeyInForce(tx: Tx, numberKey: string, today: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: guarantees.id })
    .from(guarantees)
    .where(and(eq(guarantees.numberKey, numberKey), inForceOn(today)))
    .limit(1);
  return !!row;
}

/** Inserts a row; undefined when its source already has one (guarantees_source_uq). */
export async function insertGuarantee(tx: Tx, values: Omit<NewGuaranteeRow, 'id'>): Promise<bigint | undefined> {
  const [row] = await tx
    .insert(guarantees)
    .values(values)
    .onConflictDoNothing({ target: [guarantees.sourceType, guarantees.sourceId] })
    .returning({ id: guarantees.id });
  return row?.id;
}

/** `today + 30 days` as a SQL date, from a YYYY-MM-DD parameter. */
const expiringLimit = (today: string) => sql`(${today}::date + ${GUARANTEE_EXPIRING_DAYS}::int)`;

/**
 * 状态 in SQL on `today` (the same rule as the shared guaranteeStatusOn): 已理赔, 已释放, then by
 * valid_to. A value of the register's select lists; never stored.
 */
export const statusSql = (today: string): SQL<GuaranteeStatus> => sql<GuaranteeStatus>`case
  when ${guarantees.claimedAt} is not null then 'claimed'
  when ${guarantees.releasedAt} is not null then 'released'
  when ${guarantees.validTo} < ${today}::date then 'expired'
  when ${guarantees.validTo} <= ${expiringLimit(today)} then 'expiring'
  else 'valid' end`;

/** The filter "状态 = s" on `today`, written so that each branch is a plain range on the columns. */
export function statusIs(status: GuaranteeStatus, today: string): SQL {
  const live = sql`${guarantees.claimedAt} is null and ${guarantees.releasedAt} is null`;
  switch (status) {
    case 'claimed':
      return sql`${guarantees.claimedAt} is not null`;
    case 'released':
      return sql`${guarantees.claimedAt} is null and ${guarantees.releasedAt} is not null`;
    case 'expired':
      return sql`${live} and ${guarantees.validTo} < ${today}::date`;
    case 'expiring':
      return sql`${live} and ${guarantees.validTo} >= ${today}::date and ${guarantees.validTo} <= ${expiringLimit(today)}`;
    case 'valid':
      return sql`${live} and ${guarantees.validTo} > ${expiringLimit(today)}`;
  }
}

// ——— 保函管理: the register's list ———

/** The list's condition: the scope and the filters (保函号 contains, 类型, 状态 on `today`, 工程名称 via the projects module's subquery). */
/** A batch of the export, newest first. */
export async function guaranteeBatch(tx: Tx, cond: SQL, today: string, limit: number, offset: number): Promise<GuaranteeListRow[]> {
  return tx.select(listColumns(today)).from(guarantees).where(cond).orderBy(desc(guarantees.createdAt), desc(guarantees.id)).limit(limit).offset(offset);
}

export function guaranteeListCondition(q: { scope: SQL; today: string; number?: string; kind?: string; status?: GuaranteeStatus; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.number) where.push(ilike(guarantees.number, `%${escapeLike(q.number)}%`));
  if (q.kind) where.push(eq(guarantees.kind, q.kind));
  if (q.status) where.push(statusIs(q.status, q.today));
  if (q.projectId !== undefined) where.push(eq(guarantees.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(guarantees.projectId, q.projectIds));
  return and(...where)!;
}

export type GuaranteeListRow = GuaranteeRow & { status: GuaranteeStatus };

const listColumns = (today: string) => ({
  id: guarantees.id,
  kind: guarantees.kind,
  number: guarantees.number,
  numberKey: guarantees.numberKey,
  projectId: guarantees.projectId,
  enterpriseOrgId: guarantees.enterpriseOrgId,
  hrssOrgId: guarantees.hrssOrgId,
  authorityOrgId: guarantees.authorityOrgId,
  issuerOrgId: guarantees.issuerOrgId,
  issuerName: guarantees.issuerName,
  amountFen: guarantees.amountFen,
  feeFen: guarantees.feeFen,
  issuedOn: guarantees.issuedOn,
  validFrom: guarantees.validFrom,
  validTo: guarantees.validTo,
  releasedAt: guarantees.releasedAt,
  claimedAt: guarantees.claimedAt,
  claimedFen: guarantees.claimedFen,
  sourceType: guarantees.sourceType,
  sourceId: guarantees.sourceId,
  createdAt: guarantees.createdAt,
  status: statusSql(today),
});

/** A page under `cond`, newest first, each row with its 状态 on `today`. */
export async function listGuaranteePage(tx: Tx, cond: SQL, today: string, page: { limit: number; offset: number }): Promise<{ rows: GuaranteeListRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    tx.select(listColumns(today)).from(guarantees).where(cond).orderBy(desc(guarantees.createdAt), desc(guarantees.id)).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(guarantees).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One row by id within the scope, with its 状态 on `today`. */
export async function findGuarantee(tx: Tx, id: bigint, scope: SQL, today: string): Promise<GuaranteeListRow | undefined> {
  const [row] = await tx.select(listColumns(today)).from(guarantees).where(and(eq(guarantees.id, id), scope)).limit(1);
  return row;
}

// ——— 保单保函上传 ———

export type OfflineGuaranteeRow = typeof offlineGuarantees.$inferSelect;
export type NewOfflineGuaranteeRow = typeof offlineGuarantees.$inferInsert;

export async function insertOfflineGuarantee(tx: Tx, values: NewOfflineGuaranteeRow): Promise<void> {
  await tx.insert(offlineGuarantees).values(values);
}

/** One upload by id within the scope (the caller's `scopeOf(…, 'offline_guarantee', mode)`). */
export async function findOfflineGuarantee(tx: Tx, id: bigint, scope?: SQL): Promise<OfflineGuaranteeRow | undefined> {
  const [row] = await tx.select().from(offlineGuarantees).where(and(eq(offlineGuarantees.id, id), scope)).limit(1);
  return row;
}

/** Inside a command's transaction: the upload now, its row locked until the commit. */
export async function lockOfflineGuarantee(tx: Tx, id: bigint): Promise<OfflineGuaranteeRow | undefined> {
  const [row] = await tx.select().from(offlineGuarantees).where(eq(offlineGuarantees.id, id)).for('update');
  return row;
}

/** A decision's conditional UPDATE: only from one of `from`; how many rows moved (0 = lost the race). */
export async function moveOfflineGuarantee(
  tx: Tx,
  id: bigint,
  from: readonly string[],
  set: Partial<Pick<OfflineGuaranteeRow, 'status' | 'decidedAt' | 'decidedBy' | 'returnReason' | 'closedReason' | 'guaranteeId' | 'updatedAt'>>,
): Promise<number> {
  const moved = await tx
    .update(offlineGuarantees)
    .set(set)
    .where(and(eq(offlineGuarantees.id, id), inArray(offlineGuarantees.status, from as string[])))
    .returning({ id: offlineGuarantees.id });
  return moved.length;
}

/** Whether another upload with this number key is in one of `statuses` (a 待审核 one elsewhere). */
export async function offlineNumberIn(tx: Tx, numberKey: string, statuses: readonly string[]): Promise<boolean> {
  const [row] = await tx
    .select({ id: offlineGuarantees.id })
    .from(offlineGuarantees)
    .where(and(eq(offlineGuarantees.guaranteeNoKey, numberKey), inArray(offlineGuarantees.status, statuses as string[])))
    .limit(1);
  return !!row;
}

export function offlineListCondition(q: { scope: SQL; status?: string; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(offlineGuarantees.status, q.status));
  if (q.projectId !== undefined) where.push(eq(offlineGuarantees.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(offlineGuarantees.projectId, q.projectIds));
  return and(...where)!;
}

/** A page under `cond`; `oldestFirst` for the hrss queue. */
export async function listOfflinePage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: OfflineGuaranteeRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(offlineGuarantees.submittedAt), asc(offlineGuarantees.id)] : [desc(offlineGuarantees.submittedAt), desc(offlineGuarantees.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(offlineGuarantees).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(offlineGuarantees).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The project's uploads in `statuses`, newest first (the form's 待审核 / last 已退回 upload). */
export async function offlineOfProject(tx: Tx, projectId: bigint, scope: SQL, statuses: readonly string[]): Promise<OfflineGuaranteeRow[]> {
  return tx
    .select()
    .from(offlineGuarantees)
    .where(and(eq(offlineGuarantees.projectId, projectId), scope, inArray(offlineGuarantees.status, statuses as string[])))
    .orderBy(desc(offlineGuarantees.submittedAt), desc(offlineGuarantees.id));
}

/** Which of these uploads are within `scope` (one query for a page's allowedActions). */
export async function offlineIdsWithin(tx: Tx, ids: bigint[], scope: SQL): Promise<bigint[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: offlineGuarantees.id }).from(offlineGuarantees).where(and(inArray(offlineGuarantees.id, ids), scope));
  return rows.map((r) => r.id);
}

// ——— 注销 (issue 13): the project's guarantees and policies, released by an approved cancellation ———

/** Every guarantee and policy of the project not yet released (a claimed one too: what it still holds is released), oldest first. */
export async function liveGuaranteesOfProject(tx: Tx, projectId: bigint): Promise<GuaranteeRow[]> {
  return tx
    .select()
    .from(guarantees)
    .where(and(eq(guarantees.projectId, projectId), isNull(guarantees.releasedAt)))
    .orderBy(asc(guarantees.createdAt), asc(guarantees.id));
}

/** Sets 已释放 on the given guarantees (conditional: only those still live); answers the ids released. */
export async function releaseGuarantees(tx: Tx, ids: bigint[], at: Date): Promise<bigint[]> {
  if (ids.length === 0) return [];
  const done = await tx
    .update(guarantees)
    .set({ releasedAt: at })
    .where(and(inArray(guarantees.id, ids), isNull(guarantees.releasedAt)))
    .returning({ id: guarantees.id });
  return done.map((r) => r.id);
}

// ——— 保证金动用 (SPEC §9, ADR 032) ———

/** The project's register rows a use may draw on on `today`: not released, 期限 not ended (a claimed one still holds its rest). */
export async function guaranteesOfProjectOn(tx: Tx, projectId: bigint, today: string): Promise<GuaranteeRow[]> {
  return tx
    .select()
    .from(guarantees)
    .where(and(eq(guarantees.projectId, projectId), isNull(guarantees.releasedAt), gte(guarantees.validTo, today)))
    .orderBy(asc(guarantees.createdAt), asc(guarantees.id));
}

/** Adds a paid amount to a row's 已理赔 (claimed_fen) and marks it claimed; the amounts before and after, or undefined. */
export async function addClaim(tx: Tx, id: bigint, fen: bigint, at: Date): Promise<{ before: bigint; after: bigint } | undefined> {
  const res = (await tx.execute(sql`
    update guarantees set claimed_fen = claimed_fen + ${fen}, claimed_at = coalesce(claimed_at, ${at})
    where id = ${id} and claimed_fen + ${fen} <= amount_fen
    returning claimed_fen - ${fen} as before, claimed_fen as after`)) as unknown as { rows: { before: string; after: string }[] };
  const row = res.rows[0];
  return row ? { before: BigInt(row.before), after: BigInt(row.after) } : undefined;
}
