import { and, count, desc, eq, gte, ilike, inArray, lt, sql, type SQL, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { auditLog } from '../../db/schema/audit';

/**
 * The back office's own data: the audit log (read here; written by platform/audit.ts). The accounts
 * and dictionaries it administers, and the labels and uses of other modules' objects, are reached
 * through their modules' repositories, passed in its deps (docs/decisions/018, 020).
 */

export type AuditRow = typeof auditLog.$inferSelect;

/** `actorPhone` is a LIKE-escaped substring; `from` / `before` bound `at` (from inclusive, before exclusive). */
export async function listAuditRows(
  tx: Tx,
  q: { action?: string; actorPhone?: string; targetType?: string; targetId?: string; from?: Date; before?: Date; limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.action) where.push(eq(auditLog.action, q.action));
  // the phone of a user, or the appId of an open API client (SPEC §13)
  if (q.actorPhone) where.push(or(ilike(auditLog.actorPhone, `%${q.actorPhone}%`), ilike(auditLog.actorClient, `%${q.actorPhone}%`))!);
  if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.before) where.push(lt(auditLog.at, q.before));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    tx.select().from(auditLog).where(cond).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(q.limit).offset(q.offset),
    tx.select({ n: count() }).from(auditLog).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}
