import { and, asc, count, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { cashArrivals, cashDeposits } from '../../db/schema/index';

/**
 * The cash_deposits and cash_arrivals tables (ADR 018, 022). `scope` is the caller's
 * `scopeOf(…, 'cash_deposit', mode)`. The rules (payer name, the voucher counted once, 超额) stay in
 * the commands.
 */

export type CashDepositRow = typeof cashDeposits.$inferSelect;
export type CashArrivalRow = typeof cashArrivals.$inferSelect;

export async function findCashDeposit(tx: Tx, id: bigint, scope?: SQL): Promise<CashDepositRow | undefined> {
  const [row] = await tx.select().from(cashDeposits).where(and(eq(cashDeposits.id, id), scope)).limit(1);
  return row;
}

export async function cashDepositsById(tx: Tx, ids: bigint[]): Promise<CashDepositRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(cashDeposits).where(inArray(cashDeposits.id, ids));
}

/** Inside a command's transaction: the row, locked until the commit. */
export async function lockCashDeposit(tx: Tx, id: bigint): Promise<CashDepositRow | undefined> {
  const [row] = await tx.select().from(cashDeposits).where(eq(cashDeposits.id, id)).for('update');
  return row;
}

export async function insertCashDeposit(tx: Tx, values: typeof cashDeposits.$inferInsert): Promise<void> {
  await tx.insert(cashDeposits).values(values);
}

/** The conditional UPDATE of a deposit out of one of `from`; how many rows moved. */
export async function moveCashDeposit(
  tx: Tx,
  id: bigint,
  from: readonly string[],
  set: Partial<Pick<CashDepositRow, 'status' | 'paidFen' | 'accountNo' | 'coveredAt' | 'closedAt' | 'updatedAt'>>,
): Promise<number> {
  const moved = await tx
    .update(cashDeposits)
    .set(set)
    .where(and(eq(cashDeposits.id, id), inArray(cashDeposits.status, from as string[])))
    .returning({ id: cashDeposits.id });
  return moved.length;
}

/** A page under `cond`, newest first (or oldest first for the bank's 待办). */
export async function listCashDepositPage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: CashDepositRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(cashDeposits.submittedAt), asc(cashDeposits.id)] : [desc(cashDeposits.submittedAt), desc(cashDeposits.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(cashDeposits).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(cashDeposits).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export function cashDepositListCondition(q: { scope: SQL; statuses?: readonly string[]; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.statuses?.length) where.push(inArray(cashDeposits.status, q.statuses as string[]));
  if (q.projectId !== undefined) where.push(eq(cashDeposits.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(cashDeposits.projectId, q.projectIds));
  return and(...where)!;
}

// ——— arrivals ———

export async function arrivalsOf(tx: Tx, cashDepositIds: bigint[]): Promise<CashArrivalRow[]> {
  if (cashDepositIds.length === 0) return [];
  return tx
    .select()
    .from(cashArrivals)
    .where(inArray(cashArrivals.cashDepositId, cashDepositIds))
    .orderBy(asc(cashArrivals.arrivedOn), asc(cashArrivals.confirmedAt), asc(cashArrivals.id));
}

/** The arrival already confirmed with this voucher (the same file, or the same 凭证号), if any. */
export async function arrivalWithVoucher(tx: Tx, cashDepositId: bigint, sha256: string, voucherNo: string | null): Promise<CashArrivalRow | undefined> {
  const same = voucherNo === null ? eq(cashArrivals.voucherSha256, sha256) : sql`(${cashArrivals.voucherSha256} = ${sha256} or ${cashArrivals.voucherNo} = ${voucherNo})`;
  const [row] = await tx
    .select()
    .from(cashArrivals)
    .where(and(eq(cashArrivals.cashDepositId, cashDepositId), same))
    .limit(1);
  return row;
}

export async function insertArrival(tx: Tx, values: typeof cashArrivals.$inferInsert): Promise<void> {
  await tx.insert(cashArrivals).values(values);
}

/** The sum of a deposit's arrivals, in 分. */
export async function arrivedFen(tx: Tx, cashDepositId: bigint): Promise<bigint> {
  const [row] = await tx
    .select({ sum: sql<string>`coalesce(sum(${cashArrivals.amountFen}), 0)::text` })
    .from(cashArrivals)
    .where(eq(cashArrivals.cashDepositId, cashDepositId));
  return BigInt(row?.sum ?? '0');
}

/** The 现金存缴 of a project that hold money (arrived or partly arrived): what a cancellation returns (issue 13). */
export async function cashHeldOfProject(tx: Tx, projectId: bigint): Promise<CashDepositRow[]> {
  return tx
    .select()
    .from(cashDeposits)
    .where(and(eq(cashDeposits.projectId, projectId), sql`${cashDeposits.paidFen} > 0`))
    .orderBy(asc(cashDeposits.id));
}

// ——— 保证金动用 (SPEC §9, ADR 032) ———

/** The project's cash deposits in one of `statuses` (a use draws on the arrived ones). */
export async function cashDepositsOfProject(tx: Tx, projectId: bigint, statuses: readonly string[]): Promise<CashDepositRow[]> {
  return tx
    .select()
    .from(cashDeposits)
    .where(and(eq(cashDeposits.projectId, projectId), inArray(cashDeposits.status, statuses as string[])))
    .orderBy(asc(cashDeposits.submittedAt), asc(cashDeposits.id));
}

/** The cash deposits replenishing some uses. */
export async function replenishmentsOf(tx: Tx, useIds: bigint[]): Promise<CashDepositRow[]> {
  if (useIds.length === 0) return [];
  return tx.select().from(cashDeposits).where(inArray(cashDeposits.replenishUseId, useIds)).orderBy(asc(cashDeposits.submittedAt));
}
