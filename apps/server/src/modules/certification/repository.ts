import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { CertificationStatus } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { certifications } from '../../db/schema/index';
import { escapeLike } from '../../platform/sql';

/**
 * The certifications table (docs/decisions/018). `scope` is the caller's `scopeOf(…, 'certification')`
 * condition; the applicant's phone and the organisation are the accounts' data (auth/repository.ts,
 * passed in the context).
 */

export type CertificationRow = typeof certifications.$inferSelect;
export type NewCertificationRow = typeof certifications.$inferInsert;

/** One certification by id within the scope; `forUpdate` locks the row. */
export async function findCertification(tx: Tx, id: string, scope?: SQL, opts: { forUpdate?: boolean } = {}): Promise<CertificationRow | undefined> {
  const q = tx.select().from(certifications).where(and(eq(certifications.id, id), scope)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The newest certification within the scope (the enterprise's current one). */
export async function newestCertification(tx: Tx, scope: SQL): Promise<CertificationRow | undefined> {
  const [row] = await tx.select().from(certifications).where(scope).orderBy(desc(certifications.submittedAt)).limit(1);
  return row;
}

/** A page, newest first, and the total, within the scope; the keyword matches 企业名称, 统一社会信用代码 or 业务编码. */
export async function listCertificationPage(
  tx: Tx,
  q: { scope: SQL; status?: CertificationStatus; keyword?: string; limit: number; offset: number },
): Promise<{ rows: CertificationRow[]; total: number }> {
  const where: SQL[] = [q.scope];
  if (q.status) where.push(eq(certifications.status, q.status));
  if (q.keyword) {
    const k = `%${escapeLike(q.keyword)}%`;
    where.push(or(ilike(certifications.enterpriseName, k), ilike(certifications.creditCode, k), ilike(certifications.bizCode, k))!);
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    tx.select().from(certifications).where(cond).orderBy(desc(certifications.submittedAt), desc(certifications.id)).limit(q.limit).offset(q.offset),
    tx.select({ n: count() }).from(certifications).where(cond),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The status of one of the organisation's certifications in one of `statuses`, if any. */
export async function certificationInStatus(tx: Tx, orgId: string, statuses: readonly string[]): Promise<{ status: string } | undefined> {
  const [row] = await tx
    .select({ status: certifications.status })
    .from(certifications)
    .where(and(eq(certifications.orgId, orgId), inArray(certifications.status, statuses as string[])))
    .limit(1);
  return row;
}

export async function insertCertification(tx: Tx, values: NewCertificationRow): Promise<string> {
  const [row] = await tx.insert(certifications).values(values).returning({ id: certifications.id });
  return row!.id;
}

/** The conditional UPDATE of a decision: only from one of `from`; returns how many rows moved (0 = lost the race). */
export async function decideCertificationRow(
  tx: Tx,
  id: string,
  from: readonly string[],
  set: { status: string; rejectReason: string | null; decidedAt: Date; decidedBy: string; updatedAt: Date },
): Promise<number> {
  const updated = await tx
    .update(certifications)
    .set(set)
    .where(and(eq(certifications.id, id), inArray(certifications.status, from as string[])))
    .returning({ id: certifications.id });
  return updated.length;
}

// ——— for the back office (admin, passed in its deps) ———

/** Audit log labels of certifications: their 业务编号. */
export async function certificationLabels(tx: Tx, ids: string[]): Promise<[string, string][]> {
  if (ids.length === 0) return [];
  const found = await tx.select({ id: certifications.id, bizCode: certifications.bizCode }).from(certifications).where(inArray(certifications.id, ids));
  return found.map((c) => [c.id, c.bizCode]);
}

/** Whether any certification names this 企业资质 (stored as its label). */
export async function certificationUsesQualification(tx: Tx, label: string): Promise<boolean> {
  const [hit] = await tx.select({ one: sql`1` }).from(certifications).where(eq(certifications.qualification, label)).limit(1);
  return !!hit;
}
