import { and, asc, count, desc, eq, inArray, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { depositUses, depositUseTransfers } from '../../db/schema/index';

/**
 * The deposit_uses and deposit_use_transfers tables (ADR 018, 032). `scope` is the caller's
 * `scopeOf(…, 'deposit_use', mode)`. The rules (amount ≤ covered, the workflow checks, the messages)
 * stay in the commands.
 */

export type DepositUseRow = typeof depositUses.$inferSelect;
export type UseTransferRow = typeof depositUseTransfers.$inferSelect;

export async function findUse(tx: Tx, id: bigint, scope?: SQL): Promise<DepositUseRow | undefined> {
  const [row] = await tx.select().from(depositUses).where(and(eq(depositUses.id, id), scope)).limit(1);
  return row;
}

export async function usesById(tx: Tx, ids: bigint[]): Promise<DepositUseRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(depositUses).where(inArray(depositUses.id, ids)).orderBy(desc(depositUses.createdAt), desc(depositUses.id));
}

/** Inside a command's transaction: the row, locked until the commit. */
export async function lockUse(tx: Tx, id: bigint): Promise<DepositUseRow | undefined> {
  const [row] = await tx.select().from(depositUses).where(eq(depositUses.id, id)).for('update');
  return row;
}

export async function insertUse(tx: Tx, values: typeof depositUses.$inferInsert): Promise<void> {
  await tx.insert(depositUses).values(values);
}

export async function insertTransfers(tx: Tx, values: (typeof depositUseTransfers.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(depositUseTransfers).values(values);
}

/** What the project's uses drew on each instrument, in 分, keyed `${type}:${id}`. */
export async function usedByInstrument(tx: Tx, projectId: bigint): Promise<Map<string, bigint>> {
  const rows = await tx
    .select({ type: depositUses.instrumentType, id: depositUses.instrumentId, sum: sql<string>`sum(${depositUses.amountFen})::text` })
    .from(depositUses)
    .where(eq(depositUses.projectId, projectId))
    .groupBy(depositUses.instrumentType, depositUses.instrumentId);
  return new Map(rows.map((r) => [`${r.type}:${r.id}`, BigInt(r.sum)]));
}

/** The conditional UPDATE of a use; how many rows moved. */
export async function moveUse(
  tx: Tx,
  id: bigint,
  where: { status?: readonly string[]; replenishStatus?: readonly string[] },
  set: Partial<Pick<DepositUseRow, 'status' | 'paidFen' | 'paidAt' | 'replenishStatus' | 'replenishConfirmedAt' | 'updatedAt'>>,
): Promise<number> {
  const cond: SQL[] = [eq(depositUses.id, id)];
  if (where.status) cond.push(inArray(depositUses.status, where.status as string[]));
  if (where.replenishStatus) cond.push(inArray(depositUses.replenishStatus, where.replenishStatus as string[]));
  const moved = await tx.update(depositUses).set(set).where(and(...cond)).returning({ id: depositUses.id });
  return moved.length;
}

/** Another use of the project still waiting to be replenished. */
export async function otherPendingReplenishment(tx: Tx, projectId: bigint, exceptId: bigint): Promise<boolean> {
  const [row] = await tx
    .select({ id: depositUses.id })
    .from(depositUses)
    .where(and(eq(depositUses.projectId, projectId), eq(depositUses.replenishStatus, 'pending'), ne(depositUses.id, exceptId)))
    .limit(1);
  return !!row;
}

export function useListCondition(q: { scope: SQL; status?: string; replenishStatus?: string; noticeNo?: string; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(depositUses.status, q.status));
  if (q.replenishStatus) where.push(eq(depositUses.replenishStatus, q.replenishStatus));
  if (q.noticeNo) where.push(/^\d{1,19}$/.test(q.noticeNo) ? eq(depositUses.id, BigInt(q.noticeNo)) : sql`false`);
  if (q.projectIds) where.push(inArray(depositUses.projectId, q.projectIds));
  return and(...where)!;
}

export async function listUsePage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: DepositUseRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(depositUses.createdAt), asc(depositUses.id)] : [desc(depositUses.createdAt), desc(depositUses.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(depositUses).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(depositUses).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// ——— transfers ———

export async function transfersOf(tx: Tx, useIds: bigint[]): Promise<UseTransferRow[]> {
  if (useIds.length === 0) return [];
  return tx.select().from(depositUseTransfers).where(inArray(depositUseTransfers.useId, useIds)).orderBy(asc(depositUseTransfers.useId), asc(depositUseTransfers.seq));
}

/** The conditional UPDATE of one transfer of a use out of `from`; the row after, or undefined. */
export async function moveTransfer(
  tx: Tx,
  useId: bigint,
  transferId: bigint,
  from: readonly string[],
  set: Partial<Pick<UseTransferRow, 'status' | 'reference' | 'failReason' | 'paidOn' | 'bankName' | 'cardNo' | 'updatedAt'>>,
): Promise<UseTransferRow | undefined> {
  const [row] = await tx
    .update(depositUseTransfers)
    .set(set)
    .where(and(eq(depositUseTransfers.id, transferId), eq(depositUseTransfers.useId, useId), inArray(depositUseTransfers.status, from as string[])))
    .returning();
  return row;
}

/** How many of a use's transfers are in each state. */
export async function transferCounts(tx: Tx, useId: bigint): Promise<Record<string, number>> {
  const rows = await tx.select({ s: depositUseTransfers.status, n: count() }).from(depositUseTransfers).where(eq(depositUseTransfers.useId, useId)).groupBy(depositUseTransfers.status);
  return Object.fromEntries(rows.map((r) => [r.s, r.n]));
}


