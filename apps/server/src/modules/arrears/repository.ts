import { and, count, desc, eq, inArray, isNull, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { arrearsRecords, enterpriseCompliance } from '../../db/schema/index';

/**
 * The arrears register and the enterprises' compliance (docs/decisions/018). The enterprise, the unit
 * that entered an entry and the person are the accounts' data (auth/repository.ts, passed in deps);
 * the quota module reads an enterprise's record through `arrearsEntriesOf` and `complianceOf`.
 * `read` / `remove` are the caller's `scopeOf(…, 'arrears_record')` conditions.
 */

export type ArrearsRow = typeof arrearsRecords.$inferSelect;
export type NewArrearsRow = typeof arrearsRecords.$inferInsert;
export type ComplianceRow = typeof enterpriseCompliance.$inferSelect;

/** An entry with whether the user may remove it (the `remove` scope, evaluated on the row). */
export type ArrearsEntry = { r: ArrearsRow; removable: boolean };

const entries = (tx: Tx, remove: SQL) =>
  tx.select({ r: arrearsRecords, removable: sql<boolean>`(${remove})`.mapWith(Boolean) }).from(arrearsRecords);

/** Every entry of the enterprise in the register (removed ones too). */
export async function arrearsEntriesOf(tx: Tx, enterpriseOrgId: string): Promise<ArrearsRow[]> {
  return tx.select().from(arrearsRecords).where(eq(arrearsRecords.enterpriseOrgId, enterpriseOrgId));
}

/** A page, by 发生日期 then entry time (newest first), and the total; `enterpriseIds`: a subquery of the enterprises to keep. */
export async function listArrearsPage(
  tx: Tx,
  q: { read: SQL; remove: SQL; kind?: string; enterpriseIds?: SQLWrapper; limit: number; offset: number },
): Promise<{ rows: ArrearsEntry[]; total: number }> {
  const where: SQL[] = [q.read];
  if (q.kind) where.push(eq(arrearsRecords.kind, q.kind));
  if (q.enterpriseIds) where.push(inArray(arrearsRecords.enterpriseOrgId, q.enterpriseIds));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    entries(tx, q.remove).where(cond).orderBy(desc(arrearsRecords.occurredOn), desc(arrearsRecords.createdAt)).limit(q.limit).offset(q.offset),
    tx.select({ n: count() }).from(arrearsRecords).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One entry by id (within `read` when given). */
export async function findArrearsEntry(tx: Tx, id: string, scope: { remove: SQL; read?: SQL }): Promise<ArrearsEntry | undefined> {
  const [row] = await entries(tx, scope.remove).where(scope.read ? and(eq(arrearsRecords.id, id), scope.read) : eq(arrearsRecords.id, id));
  return row;
}

export async function insertArrearsEntry(tx: Tx, values: NewArrearsRow): Promise<string> {
  const [row] = await tx.insert(arrearsRecords).values(values).returning({ id: arrearsRecords.id });
  return row!.id;
}

/**
 * 移出名单 / 清偿完毕: one conditional UPDATE (still listed, in the `remove` scope, not before it
 * occurred); returns how many rows it changed (0 = someone else removed it first).
 */
export async function endListing(tx: Tx, id: string, removedOn: string, remove: SQL): Promise<number> {
  const done = await tx
    .update(arrearsRecords)
    .set({ removedOn })
    .where(and(eq(arrearsRecords.id, id), isNull(arrearsRecords.removedOn), remove, lte(arrearsRecords.occurredOn, removedOn)))
    .returning({ id: arrearsRecords.id });
  return done.length;
}

export async function complianceOf(tx: Tx, orgId: string): Promise<ComplianceRow | undefined> {
  const [row] = await tx.select().from(enterpriseCompliance).where(eq(enterpriseCompliance.orgId, orgId));
  return row;
}

export async function upsertCompliance(tx: Tx, c: { orgId: string; dutiesMet: boolean; updatedBy: string; updatedAt: Date }): Promise<void> {
  await tx
    .insert(enterpriseCompliance)
    .values(c)
    .onConflictDoUpdate({ target: enterpriseCompliance.orgId, set: { dutiesMet: c.dutiesMet, updatedBy: c.updatedBy, updatedAt: c.updatedAt } });
}
