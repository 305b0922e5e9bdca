import { and, count, desc, eq, gte, ilike, inArray, lt, sql, type SQL, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { auditLog, certifications, files, projects, quotaApplications } from '../../db/schema/index';

/**
 * The back office's own data: the audit log (read here; written by platform/audit.ts). The accounts
 * and dictionaries it administers are reached through their modules' repositories, passed in its
 * deps (docs/decisions/018).
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

/*
 * ——— Reads of modules not converted yet (projects, quota, certification, files) ———
 * converted in a later pass: issue 10 item 4. Each function moves to its owner's repository.ts and
 * is passed to the admin services in their deps, like the accounts' and dictionaries' functions.
 */

/** Audit log labels of projects: their names. */
export async function projectLabels(tx: Tx, ids: bigint[]): Promise<[string, string][]> {
  const found = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, ids));
  return found.map((p) => [p.id.toString(), p.name]);
}

/** Audit log labels of 定额申请: their project's name (or the batch number). */
export async function quotaApplicationLabels(tx: Tx, ids: bigint[]): Promise<[string, string][]> {
  const found = await tx
    .select({ id: quotaApplications.id, projectName: projects.name })
    .from(quotaApplications)
    .innerJoin(projects, eq(projects.id, quotaApplications.projectId))
    .where(inArray(quotaApplications.id, ids));
  return found.map((q) => [q.id.toString(), q.projectName || q.id.toString()]);
}

/** Audit log labels of certifications: their 业务编号. */
export async function certificationLabels(tx: Tx, ids: string[]): Promise<[string, string][]> {
  const found = await tx.select({ id: certifications.id, bizCode: certifications.bizCode }).from(certifications).where(inArray(certifications.id, ids));
  return found.map((c) => [c.id, c.bizCode]);
}

/** Audit log labels of files: their original names. */
export async function fileLabels(tx: Tx, ids: string[]): Promise<[string, string][]> {
  const found = await tx.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, ids));
  return found.map((f) => [f.id, f.name]);
}

/** Whether any project uses a code of 行业主管类型 / 工程类型 / 项目种类. */
export async function projectUsesDictCode(tx: Tx, dictType: 'industry_type' | 'project_type' | 'project_category', code: string): Promise<boolean> {
  const col = dictType === 'industry_type' ? projects.industryType : dictType === 'project_type' ? projects.projectType : projects.category;
  const [hit] = await tx.select({ one: sql`1` }).from(projects).where(eq(col, code)).limit(1);
  return !!hit;
}

/** Whether any certification names this 企业资质 (stored as its label). */
export async function certificationUsesQualification(tx: Tx, label: string): Promise<boolean> {
  const [hit] = await tx.select({ one: sql`1` }).from(certifications).where(eq(certifications.qualification, label)).limit(1);
  return !!hit;
}
