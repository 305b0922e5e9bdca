import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { warnings } from '../../db/schema/index';

/** 预警 (ADR 037): the one table of the warnings; written by sweep.ts only. */

export type WarningRow = typeof warnings.$inferSelect;
export type NewWarningRow = Omit<typeof warnings.$inferInsert, 'id' | 'clearedAt' | 'clearedReason'>;

/** The open warnings of these types (of these projects, when given). */
export async function openWarnings(tx: Tx, types: readonly string[], projectIds?: bigint[]): Promise<WarningRow[]> {
  return tx
    .select()
    .from(warnings)
    .where(and(isNull(warnings.clearedAt), inArray(warnings.type, [...types]), projectIds ? inArray(warnings.projectId, projectIds) : undefined));
}

/** Inserts a warning; undefined when the same one is already open (warnings_open_uq). */
export async function insertWarning(tx: Tx, row: NewWarningRow): Promise<bigint | undefined> {
  const [r] = await tx
    .insert(warnings)
    .values(row)
    .onConflictDoNothing({ target: [warnings.type, warnings.objectType, warnings.objectId], where: sql`cleared_at is null` })
    .returning({ id: warnings.id });
  return r?.id;
}

/** Inserts many (1,000 a statement); returns the ids of those inserted by `type|objectType|objectId` (an already open one is skipped). */
export async function insertWarnings(tx: Tx, rows: NewWarningRow[]): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for (let i = 0; i < rows.length; i += 1000) {
    const got = await tx
      .insert(warnings)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({ target: [warnings.type, warnings.objectType, warnings.objectId], where: sql`cleared_at is null` })
      .returning({ id: warnings.id, type: warnings.type, objectType: warnings.objectType, objectId: warnings.objectId });
    for (const r of got) out.set(`${r.type}|${r.objectType}|${r.objectId}`, r.id);
  }
  return out;
}

/** Clears open warnings by id; returns those it cleared. */
export async function clearWarnings(tx: Tx, ids: bigint[], at: Date, reason: string): Promise<bigint[]> {
  const out: bigint[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await tx
      .update(warnings)
      .set({ clearedAt: at, clearedReason: reason })
      .where(and(inArray(warnings.id, ids.slice(i, i + 5000)), isNull(warnings.clearedAt)))
      .returning({ id: warnings.id });
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/** Every open warning of a project cleared (注销 approval: clearAllForProject). */
export async function clearProjectWarnings(tx: Tx, projectId: bigint, at: Date, reason: string): Promise<bigint[]> {
  const rows = await tx
    .update(warnings)
    .set({ clearedAt: at, clearedReason: reason })
    .where(and(eq(warnings.projectId, projectId), isNull(warnings.clearedAt)))
    .returning({ id: warnings.id });
  return rows.map((r) => r.id);
}

export async function findWarning(tx: Tx, id: bigint): Promise<WarningRow | undefined> {
  const [r] = await tx.select().from(warnings).where(eq(warnings.id, id));
  return r;
}

export function warningListCondition(q: {
  scope: SQL;
  type?: string;
  state?: 'open' | 'cleared';
  projectId?: bigint;
  projectIds?: SQLWrapper;
  raisedFrom?: Date;
  raisedBefore?: Date;
}): SQL {
  return and(
    q.scope,
    q.type ? eq(warnings.type, q.type) : undefined,
    q.state === 'open' ? isNull(warnings.clearedAt) : q.state === 'cleared' ? isNotNull(warnings.clearedAt) : undefined,
    q.projectId !== undefined ? eq(warnings.projectId, q.projectId) : undefined,
    q.projectIds ? inArray(warnings.projectId, q.projectIds) : undefined,
    q.raisedFrom ? gte(warnings.raisedAt, q.raisedFrom) : undefined,
    q.raisedBefore ? lt(warnings.raisedAt, q.raisedBefore) : undefined,
  )!;
}

export async function listWarningPage(tx: Tx, cond: SQL, page: { limit: number; offset: number }): Promise<{ rows: WarningRow[]; total: number }> {
  const [rows, [t]] = await Promise.all([
    tx.select().from(warnings).where(cond).orderBy(desc(warnings.raisedAt), desc(warnings.id)).limit(page.limit).offset(page.offset),
    tx.select({ n: count() }).from(warnings).where(cond),
  ]);
  return { rows, total: t?.n ?? 0 };
}

export async function warningBatch(tx: Tx, cond: SQL, limit: number, offset: number): Promise<WarningRow[]> {
  return tx.select().from(warnings).where(cond).orderBy(desc(warnings.raisedAt), desc(warnings.id)).limit(limit).offset(offset);
}

/** Open warnings by type within a scope (the 首页's figures; the same condition as the list's). */
export async function openCountsByType(tx: Tx, scope: SQL): Promise<{ type: string; n: number }[]> {
  return tx
    .select({ type: warnings.type, n: count() })
    .from(warnings)
    .where(and(scope, isNull(warnings.clearedAt)))
    .groupBy(warnings.type)
    .orderBy(asc(warnings.type));
}
