import { and, asc, count, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { cancellations, filings, returnConfirmations } from '../../db/schema/index';

/** The closure module's tables (ADR 018, 029): filings, cancellations, return_confirmations. */

export type FilingRow = typeof filings.$inferSelect;
export type CancellationRow = typeof cancellations.$inferSelect;
export type ReturnRow = typeof returnConfirmations.$inferSelect;

// ——— filings ———

export async function findFiling(tx: Tx, id: bigint, scope?: SQL): Promise<FilingRow | undefined> {
  const [r] = await tx.select().from(filings).where(and(eq(filings.id, id), scope)).limit(1);
  return r;
}

export async function latestFilingOfProject(tx: Tx, projectId: bigint, scope?: SQL): Promise<FilingRow | undefined> {
  const [r] = await tx.select().from(filings).where(and(eq(filings.projectId, projectId), scope)).orderBy(desc(filings.submittedAt), desc(filings.id)).limit(1);
  return r;
}

/** Inserts a filing; undefined when the project already has a live one (filings_live_project_uq). */
export async function insertFiling(tx: Tx, values: typeof filings.$inferInsert): Promise<bigint | undefined> {
  const [r] = await tx.insert(filings).values(values).onConflictDoNothing().returning({ id: filings.id });
  return r?.id;
}

/** The conditional move: only from `from`; answers the status it found, or undefined if another request moved it first. */
export async function moveFiling(tx: Tx, id: bigint, from: readonly string[], set: Partial<typeof filings.$inferInsert>): Promise<string | undefined> {
  const [r] = await tx
    .update(filings)
    .set(set)
    .where(and(eq(filings.id, id), inArray(filings.status, [...from])))
    .returning({ id: filings.id });
  return r ? from[0] : undefined;
}

export function filingListCondition(q: { scope: SQL; status?: string; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(filings.status, q.status));
  if (q.projectId !== undefined) where.push(eq(filings.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(filings.projectId, q.projectIds));
  return and(...where)!;
}

export async function listFilingPage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: FilingRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(filings.submittedAt), asc(filings.id)] : [desc(filings.submittedAt), desc(filings.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(filings).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(filings).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// ——— cancellations ———

export async function findCancellation(tx: Tx, id: bigint, scope?: SQL): Promise<CancellationRow | undefined> {
  const [r] = await tx.select().from(cancellations).where(and(eq(cancellations.id, id), scope)).limit(1);
  return r;
}

export async function latestCancellationOfProject(tx: Tx, projectId: bigint, scope?: SQL): Promise<CancellationRow | undefined> {
  const [r] = await tx
    .select()
    .from(cancellations)
    .where(and(eq(cancellations.projectId, projectId), scope))
    .orderBy(desc(cancellations.submittedAt), desc(cancellations.id))
    .limit(1);
  return r;
}

export async function insertCancellation(tx: Tx, values: typeof cancellations.$inferInsert): Promise<bigint | undefined> {
  const [r] = await tx.insert(cancellations).values(values).onConflictDoNothing().returning({ id: cancellations.id });
  return r?.id;
}

export async function moveCancellation(tx: Tx, id: bigint, from: readonly string[], set: Partial<typeof cancellations.$inferInsert>): Promise<string | undefined> {
  const [r] = await tx
    .update(cancellations)
    .set(set)
    .where(and(eq(cancellations.id, id), inArray(cancellations.status, [...from])))
    .returning({ id: cancellations.id });
  return r ? from[0] : undefined;
}

export function cancellationListCondition(q: { scope: SQL; status?: string; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(cancellations.status, q.status));
  if (q.projectId !== undefined) where.push(eq(cancellations.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(cancellations.projectId, q.projectIds));
  return and(...where)!;
}

export async function listCancellationPage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: CancellationRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(cancellations.submittedAt), asc(cancellations.id)] : [desc(cancellations.submittedAt), desc(cancellations.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(cancellations).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(cancellations).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// ——— return confirmations ———

export async function insertReturns(tx: Tx, values: (typeof returnConfirmations.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(returnConfirmations).values(values);
}

export async function returnsOfCancellations(tx: Tx, ids: bigint[], scope?: SQL): Promise<ReturnRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(returnConfirmations)
    .where(and(inArray(returnConfirmations.cancellationId, ids), scope))
    .orderBy(asc(returnConfirmations.id));
}

export async function findReturn(tx: Tx, id: bigint, scope?: SQL): Promise<ReturnRow | undefined> {
  const [r] = await tx.select().from(returnConfirmations).where(and(eq(returnConfirmations.id, id), scope)).limit(1);
  return r;
}

export async function moveReturn(tx: Tx, id: bigint, from: readonly string[], set: Partial<typeof returnConfirmations.$inferInsert>): Promise<boolean> {
  const r = await tx
    .update(returnConfirmations)
    .set(set)
    .where(and(eq(returnConfirmations.id, id), inArray(returnConfirmations.status, [...from])))
    .returning({ id: returnConfirmations.id });
  return r.length > 0;
}

export async function listReturnPage(tx: Tx, q: { scope: SQL; status?: string; projectIds?: SQLWrapper; limit: number; offset: number }): Promise<{ rows: ReturnRow[]; total: number }> {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(returnConfirmations.status, q.status));
  if (q.projectIds) where.push(inArray(returnConfirmations.projectId, q.projectIds));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(returnConfirmations)
      .where(cond)
      .orderBy(sql`${returnConfirmations.status} = 'returned'`, asc(returnConfirmations.issuedAt), asc(returnConfirmations.id))
      .limit(q.limit)
      .offset(q.offset),
    tx.select({ n: count() }).from(returnConfirmations).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The newest filing of each project (whether a 已驳回 one is the one to correct). */
export async function newestFilingPerProject(tx: Tx, projectIds: bigint[]): Promise<Map<string, bigint>> {
  if (projectIds.length === 0) return new Map();
  const rows = await tx
    .selectDistinctOn([filings.projectId], { projectId: filings.projectId, id: filings.id })
    .from(filings)
    .where(inArray(filings.projectId, projectIds))
    .orderBy(filings.projectId, desc(filings.submittedAt), desc(filings.id));
  return new Map(rows.map((r) => [r.projectId.toString(), r.id]));
}

/** The newest cancellation of each project. */
export async function newestCancellationPerProject(tx: Tx, projectIds: bigint[]): Promise<Map<string, bigint>> {
  if (projectIds.length === 0) return new Map();
  const rows = await tx
    .selectDistinctOn([cancellations.projectId], { projectId: cancellations.projectId, id: cancellations.id })
    .from(cancellations)
    .where(inArray(cancellations.projectId, projectIds))
    .orderBy(cancellations.projectId, desc(cancellations.submittedAt), desc(cancellations.id));
  return new Map(rows.map((r) => [r.projectId.toString(), r.id]));
}

/** The 确认书 numbers of cancellations. */
export async function documentNumbersOf(tx: Tx, ids: bigint[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: cancellations.id, no: cancellations.documentNo }).from(cancellations).where(inArray(cancellations.id, ids));
  return new Map(rows.map((r) => [r.id.toString(), r.no ?? '-']));
}
