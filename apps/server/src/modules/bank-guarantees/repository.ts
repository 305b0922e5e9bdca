import { and, asc, count, desc, eq, inArray, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { guaranteeApplications } from '../../db/schema/index';

/**
 * The guarantee_applications table (ADR 018, 022): online 银行保函办理. `scope` is the caller's
 * `scopeOf(…, 'guarantee_application', mode)`.
 */

export type GuaranteeApplicationRow = typeof guaranteeApplications.$inferSelect;

export async function findGuaranteeApplication(tx: Tx, id: bigint, scope?: SQL): Promise<GuaranteeApplicationRow | undefined> {
  const [row] = await tx.select().from(guaranteeApplications).where(and(eq(guaranteeApplications.id, id), scope)).limit(1);
  return row;
}

export async function guaranteeApplicationsById(tx: Tx, ids: bigint[]): Promise<GuaranteeApplicationRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(guaranteeApplications).where(inArray(guaranteeApplications.id, ids));
}

/** Inside a command's transaction: the row, locked until the commit. */
export async function lockGuaranteeApplication(tx: Tx, id: bigint): Promise<GuaranteeApplicationRow | undefined> {
  const [row] = await tx.select().from(guaranteeApplications).where(eq(guaranteeApplications.id, id)).for('update');
  return row;
}

export async function insertGuaranteeApplication(tx: Tx, values: typeof guaranteeApplications.$inferInsert): Promise<void> {
  await tx.insert(guaranteeApplications).values(values);
}

type Settable = Pick<
  GuaranteeApplicationRow,
  | 'status'
  | 'acceptedAt'
  | 'refusedAt'
  | 'refuseReason'
  | 'issuedAt'
  | 'guaranteeNo'
  | 'issuedOn'
  | 'validFrom'
  | 'validTo'
  | 'issuedAmountFen'
  | 'feeFen'
  | 'guaranteeId'
  | 'closedAt'
  | 'updatedAt'
>;

/** The conditional UPDATE out of one of `from`; how many rows moved (0: another command won). */
export async function moveGuaranteeApplication(tx: Tx, id: bigint, from: readonly string[], set: Partial<Settable>): Promise<number> {
  const moved = await tx
    .update(guaranteeApplications)
    .set(set)
    .where(and(eq(guaranteeApplications.id, id), inArray(guaranteeApplications.status, from as string[])))
    .returning({ id: guaranteeApplications.id });
  return moved.length;
}

/** Sets the register's id on an issued application (same transaction as the issue). */
export async function setGuaranteeId(tx: Tx, id: bigint, guaranteeId: bigint): Promise<void> {
  await tx.update(guaranteeApplications).set({ guaranteeId }).where(eq(guaranteeApplications.id, id));
}

export function guaranteeListCondition(q: { scope: SQL; statuses?: readonly string[]; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.statuses?.length) where.push(inArray(guaranteeApplications.status, q.statuses as string[]));
  if (q.projectId !== undefined) where.push(eq(guaranteeApplications.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(guaranteeApplications.projectId, q.projectIds));
  return and(...where)!;
}

export async function listGuaranteePage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: GuaranteeApplicationRow[]; total: number }> {
  const order = page.oldestFirst
    ? [asc(guaranteeApplications.submittedAt), asc(guaranteeApplications.id)]
    : [desc(guaranteeApplications.submittedAt), desc(guaranteeApplications.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(guaranteeApplications).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(guaranteeApplications).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}
