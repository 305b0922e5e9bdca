import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { insuranceApplications, insuranceOrders, insuranceProducts, insurerAccounts } from '../../db/schema/index';

/**
 * The insurance module's tables (ADR 018, 024): the catalogue (products, collection accounts), the
 * enterprise's applications and their orders. `scope` is the caller's `scopeOf(…, 'insurance_order', mode)`.
 */

export type InsuranceProductRow = typeof insuranceProducts.$inferSelect;
export type InsurerAccountRow = typeof insurerAccounts.$inferSelect;
export type InsuranceApplicationRow = typeof insuranceApplications.$inferSelect;
export type InsuranceOrderRow = typeof insuranceOrders.$inferSelect;

// ------------------------------------------------------------------------------------------------
// The catalogue

export async function findProduct(tx: Tx, id: bigint): Promise<InsuranceProductRow | undefined> {
  const [row] = await tx.select().from(insuranceProducts).where(eq(insuranceProducts.id, id)).limit(1);
  return row;
}

export async function productsById(tx: Tx, ids: bigint[]): Promise<InsuranceProductRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(insuranceProducts).where(inArray(insuranceProducts.id, ids));
}

export async function listProducts(tx: Tx, q: { insurerOrgId?: string; withdrawn?: boolean; name?: string; limit: number; offset: number }): Promise<{ rows: InsuranceProductRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.insurerOrgId) where.push(eq(insuranceProducts.insurerOrgId, q.insurerOrgId));
  if (q.withdrawn === true) where.push(sql`${insuranceProducts.withdrawnAt} is not null`);
  if (q.withdrawn === false) where.push(isNull(insuranceProducts.withdrawnAt));
  if (q.name) where.push(sql`${insuranceProducts.name} ilike ${'%' + q.name.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    tx.select().from(insuranceProducts).where(cond).orderBy(asc(insuranceProducts.createdAt), asc(insuranceProducts.id)).limit(q.limit).offset(q.offset),
    tx.select({ n: count() }).from(insuranceProducts).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Products on sale (not withdrawn), every filter optional; the region matches the product's list or the city. */
export async function productsOnSale(tx: Tx, q: { regions?: string[]; productType?: string; applicantType?: string; qualification?: string }): Promise<InsuranceProductRow[]> {
  const where: SQL[] = [isNull(insuranceProducts.withdrawnAt)];
  if (q.regions?.length) where.push(sql`${insuranceProducts.regions} ?| ${sql`array[${sql.join(q.regions.map((r) => sql`${r}`), sql`, `)}]::text[]`}`);
  if (q.productType) where.push(eq(insuranceProducts.productType, q.productType));
  if (q.applicantType) where.push(sql`${insuranceProducts.applicantTypes} ? ${q.applicantType}`);
  if (q.qualification) where.push(sql`${insuranceProducts.qualifications} ? ${q.qualification}`);
  return tx.select().from(insuranceProducts).where(and(...where)).orderBy(asc(insuranceProducts.annualRatePpm), asc(insuranceProducts.id));
}

export async function productCountsByInsurer(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.select({ orgId: insuranceProducts.insurerOrgId, n: count() }).from(insuranceProducts).where(isNull(insuranceProducts.withdrawnAt)).groupBy(insuranceProducts.insurerOrgId);
  return new Map(rows.map((r) => [r.orgId, r.n]));
}

export async function insertProduct(tx: Tx, values: typeof insuranceProducts.$inferInsert): Promise<void> {
  await tx.insert(insuranceProducts).values(values);
}

export async function lockProduct(tx: Tx, id: bigint): Promise<InsuranceProductRow | undefined> {
  const [row] = await tx.select().from(insuranceProducts).where(eq(insuranceProducts.id, id)).for('update');
  return row;
}

export async function updateProduct(tx: Tx, id: bigint, set: Partial<typeof insuranceProducts.$inferInsert>): Promise<void> {
  await tx.update(insuranceProducts).set(set).where(eq(insuranceProducts.id, id));
}

export async function accountsOf(tx: Tx, orgIds: string[]): Promise<InsurerAccountRow[]> {
  if (orgIds.length === 0) return [];
  return tx.select().from(insurerAccounts).where(inArray(insurerAccounts.orgId, orgIds));
}

export async function upsertAccount(tx: Tx, values: typeof insurerAccounts.$inferInsert): Promise<void> {
  await tx
    .insert(insurerAccounts)
    .values(values)
    .onConflictDoUpdate({ target: insurerAccounts.orgId, set: { accountName: values.accountName, accountBank: values.accountBank, accountNo: values.accountNo, updatedAt: values.updatedAt } });
}

// ------------------------------------------------------------------------------------------------
// Applications and orders

export async function insertApplication(tx: Tx, values: typeof insuranceApplications.$inferInsert): Promise<void> {
  await tx.insert(insuranceApplications).values(values);
}

export async function applicationsById(tx: Tx, ids: bigint[]): Promise<InsuranceApplicationRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(insuranceApplications).where(inArray(insuranceApplications.id, [...new Set(ids)]));
}

/** The application, locked until the commit: 立即支付 and the closer of one application run one at a time. */
export async function lockApplication(tx: Tx, id: bigint): Promise<InsuranceApplicationRow | undefined> {
  const [row] = await tx.select().from(insuranceApplications).where(eq(insuranceApplications.id, id)).for('update');
  return row;
}

export async function insertOrders(tx: Tx, values: (typeof insuranceOrders.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(insuranceOrders).values(values);
}

export async function findOrder(tx: Tx, id: bigint, scope?: SQL): Promise<InsuranceOrderRow | undefined> {
  const [row] = await tx.select().from(insuranceOrders).where(and(eq(insuranceOrders.id, id), scope)).limit(1);
  return row;
}

export async function ordersById(tx: Tx, ids: bigint[]): Promise<InsuranceOrderRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(insuranceOrders).where(inArray(insuranceOrders.id, ids)).orderBy(asc(insuranceOrders.id));
}

export async function ordersOfApplication(tx: Tx, applicationId: bigint, lock = false): Promise<InsuranceOrderRow[]> {
  const q = tx.select().from(insuranceOrders).where(eq(insuranceOrders.applicationId, applicationId)).orderBy(asc(insuranceOrders.id));
  return lock ? q.for('update') : q;
}

export async function lockOrder(tx: Tx, id: bigint): Promise<InsuranceOrderRow | undefined> {
  const [row] = await tx.select().from(insuranceOrders).where(eq(insuranceOrders.id, id)).for('update');
  return row;
}

/** The conditional UPDATE out of one of `from`; how many rows moved (0: another command won). */
export async function moveOrder(tx: Tx, id: bigint, from: readonly string[], set: Partial<typeof insuranceOrders.$inferInsert>): Promise<number> {
  const moved = await tx
    .update(insuranceOrders)
    .set(set)
    .where(and(eq(insuranceOrders.id, id), inArray(insuranceOrders.status, from as string[])))
    .returning({ id: insuranceOrders.id });
  return moved.length;
}

export function orderListCondition(q: { scope: SQL; statuses?: readonly string[]; projectId?: bigint; applicationId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.statuses?.length) where.push(inArray(insuranceOrders.status, q.statuses as string[]));
  if (q.projectId !== undefined) where.push(eq(insuranceOrders.projectId, q.projectId));
  if (q.applicationId !== undefined) where.push(eq(insuranceOrders.applicationId, q.applicationId));
  if (q.projectIds) where.push(inArray(insuranceOrders.projectId, q.projectIds));
  return and(...where)!;
}

export async function listOrderPage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: InsuranceOrderRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(insuranceOrders.createdAt), asc(insuranceOrders.id)] : [desc(insuranceOrders.createdAt), desc(insuranceOrders.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(insuranceOrders).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(insuranceOrders).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}
