import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { certificationWorkflow, type CertificationCondition, type CertificationStatus, type TCertification } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { certifications, files, users } from '../../db/schema/index';
import { notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import { escapeLike } from '../../platform/sql';
import { toFileRef } from '../files/service';
import type { CertificationContext } from './context';

type CertRow = typeof certifications.$inferSelect;

const licence = alias(files, 'licence');
const qualFile = alias(files, 'qual_file');

export function selectFull(tx: Tx) {
  return tx
    .select({ c: certifications, applicantPhone: users.phone, licence, qualFile })
    .from(certifications)
    .innerJoin(users, eq(users.id, certifications.applicantId))
    .leftJoin(licence, eq(licence.id, certifications.licenseFileId))
    .leftJoin(qualFile, eq(qualFile.id, certifications.qualificationFileId));
}

type FullRow = { c: CertRow; applicantPhone: string; licence: typeof files.$inferSelect | null; qualFile: typeof files.$inferSelect | null };

/**
 * The DTO for the acting user; `latest` says whether this is the enterprise's newest certification
 * (only that one may be followed by a new application).
 */
export function toDto(r: FullRow, user: AuthUser, latest: boolean): TCertification {
  const c = r.c;
  const holds = (cond: CertificationCondition) => (cond === 'owner' ? c.orgId === user.orgId : latest);
  return {
    id: c.id,
    bizCode: c.bizCode,
    status: c.status as CertificationStatus,
    enterpriseName: c.enterpriseName,
    creditCode: c.creditCode,
    certType: c.certType,
    qualification: c.qualification,
    registeredRegion: c.registeredRegion,
    registeredAddress: c.registeredAddress,
    legalRepresentative: c.legalRepresentative,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    licenseFile: r.licence ? toFileRef(r.licence) : null,
    qualificationFile: r.qualFile ? toFileRef(r.qualFile) : null,
    rejectReason: c.rejectReason,
    submittedAt: c.submittedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    applicantPhone: r.applicantPhone,
    allowedActions: certificationWorkflow.allowedActions(c.status as CertificationStatus, user.role, holds),
  };
}

/** A certification by id as the reviewer sees it (the enterprise reads only its newest: `current`). */
export async function getById(tx: Tx, user: AuthUser, id: string): Promise<TCertification | null> {
  const [row] = await selectFull(tx).where(eq(certifications.id, id)).limit(1);
  return row ? toDto(row, user, false) : null;
}

/** The enterprise's newest certification: what its certification page shows. */
export async function currentCertification(ctx: CertificationContext, user: AuthUser): Promise<TCertification | null> {
  const [row] = await selectFull(ctx.db).where(eq(certifications.orgId, user.orgId)).orderBy(desc(certifications.submittedAt)).limit(1);
  return row ? toDto(row, user, true) : null;
}

export async function listCertifications(
  ctx: CertificationContext,
  user: AuthUser,
  query: { status?: CertificationStatus; keyword?: string; page: number; pageSize: number },
) {
  const { db } = ctx;
  const where: SQL[] = [];
  if (query.status) where.push(eq(certifications.status, query.status));
  if (query.keyword) {
    const k = `%${escapeLike(query.keyword)}%`;
    where.push(or(ilike(certifications.enterpriseName, k), ilike(certifications.creditCode, k), ilike(certifications.bizCode, k))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    selectFull(db)
      .where(cond)
      .orderBy(desc(certifications.submittedAt), desc(certifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(certifications).where(cond),
  ]);
  return { items: rows.map((r) => toDto(r, user, false)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getCertification(ctx: CertificationContext, user: AuthUser, id: string): Promise<TCertification> {
  const c = await getById(ctx.db, user, id);
  if (!c) throw notFound('认证申请');
  return c;
}
