import { and, asc, count, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { quotaApplications } from '../../db/schema/index';

/**
 * The quota_applications table (docs/decisions/018). `scope` is the caller's
 * `scopeOf(…, 'quota_application', mode)` condition. Projects, units, regions and the enterprise's
 * record are other modules' data, read through the functions in the quota context.
 */

export type QuotaRow = typeof quotaApplications.$inferSelect;
export type NewQuotaRow = typeof quotaApplications.$inferInsert;

/** One application by id within the scope. */
export async function findQuotaApplication(tx: Tx, id: bigint, scope?: SQL): Promise<QuotaRow | undefined> {
  const [q] = await tx.select().from(quotaApplications).where(and(eq(quotaApplications.id, id), scope)).limit(1);
  return q;
}

/** One application by id within the scope, without a limit (修改后重新提交's previous application). */
export async function quotaApplicationWhere(tx: Tx, id: bigint, scope: SQL): Promise<QuotaRow | undefined> {
  const [prev] = await tx
    .select()
    .from(quotaApplications)
    .where(and(eq(quotaApplications.id, id), scope));
  return prev;
}

/** The id of the project's newest application. */
export async function latestQuotaIdOfProject(tx: Tx, projectId: bigint): Promise<bigint | undefined> {
  const [latest] = await tx
    .select({ id: quotaApplications.id })
    .from(quotaApplications)
    .where(eq(quotaApplications.projectId, projectId))
    .orderBy(desc(quotaApplications.submittedAt), desc(quotaApplications.id))
    .limit(1);
  return latest?.id;
}

/** Every application of the projects, newest first (whether a 已驳回 one is the latest). */
export async function quotaSiblings(tx: Tx, projectIds: bigint[]): Promise<{ projectId: bigint; id: bigint; status: string }[]> {
  return tx
    .select({ projectId: quotaApplications.projectId, id: quotaApplications.id, status: quotaApplications.status })
    .from(quotaApplications)
    .where(inArray(quotaApplications.projectId, projectIds))
    .orderBy(desc(quotaApplications.submittedAt), desc(quotaApplications.id));
}

/** The current (newest) application of each project (quota_project_idx). */
export async function newestQuotaPerProject(tx: Tx, projectIds: bigint[]): Promise<{ projectId: bigint; id: bigint }[]> {
  return tx
    .selectDistinctOn([quotaApplications.projectId], { projectId: quotaApplications.projectId, id: quotaApplications.id })
    .from(quotaApplications)
    .where(inArray(quotaApplications.projectId, projectIds))
    .orderBy(quotaApplications.projectId, desc(quotaApplications.submittedAt), desc(quotaApplications.id));
}

/**
 * The list's condition: the scope, the status, the project, and `projectIds` (a subquery of the
 * projects module's, e.g. `projectIdsMatching`) when the list filters on the project's name or region.
 */
export function quotaListCondition(q: { scope: SQL; status?: string; projectId?: bigint; projectIds?: SQLWrapper }): SQL {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(quotaApplications.status, q.status));
  if (q.projectId !== undefined) where.push(eq(quotaApplications.projectId, q.projectId));
  if (q.projectIds) where.push(inArray(quotaApplications.projectId, q.projectIds));
  return and(...where)!;
}

/** A page under `cond`; `oldestFirst` for a reviewer's queue. */
export async function listQuotaPage(tx: Tx, cond: SQL, page: { oldestFirst?: boolean; limit: number; offset: number }): Promise<{ rows: QuotaRow[]; total: number }> {
  const order = page.oldestFirst ? [asc(quotaApplications.submittedAt), asc(quotaApplications.id)] : [desc(quotaApplications.submittedAt), desc(quotaApplications.id)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(quotaApplications).where(cond).orderBy(...order).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(quotaApplications).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** A batch of the export, newest first. */
export async function quotaBatch(tx: Tx, cond: SQL, limit: number, offset: number): Promise<QuotaRow[]> {
  return tx
    .select()
    .from(quotaApplications)
    .where(cond)
    .orderBy(desc(quotaApplications.submittedAt), desc(quotaApplications.id))
    .limit(limit)
    .offset(offset);
}

export async function insertQuotaApplication(tx: Tx, values: NewQuotaRow): Promise<void> {
  await tx.insert(quotaApplications).values(values);
}

/** The application by id, unscoped (the row just written, for its DTO). */
export async function quotaApplicationsById(tx: Tx, id: bigint): Promise<QuotaRow[]> {
  return tx.select().from(quotaApplications).where(eq(quotaApplications.id, id));
}

/** A decision's conditional UPDATE: only from one of `from`; returns how many rows moved (0 = lost the race). */
export async function moveQuotaApplication(
  tx: Tx,
  id: bigint,
  from: readonly string[],
  set: Partial<Pick<QuotaRow, 'status' | 'approvedFen' | 'justificationAccepted' | 'reviewComment' | 'rejectReason' | 'decidedAt' | 'decidedBy' | 'updatedAt'>>,
): Promise<string | undefined> {
  // the CTE locks the row and reads the status it had (the real before of the audit row); the UPDATE
  // changes it only while it is still one of `from`: one round trip, exactly one of two racers wins
  const b = tx.$with('b').as(
    tx.select({ id: quotaApplications.id, before: sql<string>`${quotaApplications.status}`.as('before_status') }).from(quotaApplications).where(eq(quotaApplications.id, id)).for('update'),
  );
  const [moved] = await tx
    .with(b)
    .update(quotaApplications)
    .set(set)
    .from(b)
    .where(and(eq(quotaApplications.id, b.id), inArray(quotaApplications.status, from as string[])))
    .returning({ before: b.before });
  return moved?.before;
}

/** The project of each application asked for (the back office's audit labels name the project). */
export async function projectsOfApplications(tx: Tx, ids: bigint[]): Promise<{ id: bigint; projectId: bigint }[]> {
  if (ids.length === 0) return [];
  return tx.select({ id: quotaApplications.id, projectId: quotaApplications.projectId }).from(quotaApplications).where(inArray(quotaApplications.id, ids));
}

/** The project's approved (已完成) application, if any: what the payment workflows collect (quota_live_project_uq: at most one). */
export async function approvedQuotaOfProject(tx: Tx, projectId: bigint): Promise<QuotaRow | undefined> {
  const [row] = await tx
    .select()
    .from(quotaApplications)
    .where(and(eq(quotaApplications.projectId, projectId), eq(quotaApplications.status, 'approved')))
    .limit(1);
  return row;
}
