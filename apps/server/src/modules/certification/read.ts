import { certificationWorkflow, type CertificationCondition, type CertificationStatus, type TCertification } from '@benxi/shared';
import type { Tx } from '../../db/client';
import { notFound } from '../../platform/errors';
import { parseResourceId, scopeOf } from '../../platform/scope';
import type { AuthUser } from '../../platform/sessions';
import { attachedFiles, toFileRef, type FileRow } from '../files/attachments';
import type { CertificationContext } from './context';
import { findCertification, listCertificationPage, newestCertification, type CertificationRow as CertRow } from './repository';

/** The rows with the applicant's phone (the accounts' data, one read for the page); `withFiles` adds their 营业执照 and 资质证书. */
export async function withPhones(ctx: Pick<CertificationContext, 'accounts'>, tx: Tx, rows: CertRow[]): Promise<BaseRow[]> {
  const phones = await ctx.accounts.userPhones(tx, [...new Set(rows.map((c) => c.applicantId))]);
  return rows.flatMap((c) => {
    const applicantPhone = phones.get(c.applicantId);
    return applicantPhone === undefined ? [] : [{ c, applicantPhone }];
  });
}

type BaseRow = { c: CertRow; applicantPhone: string };
type FullRow = BaseRow & { licence: FileRow | null; qualFile: FileRow | null };

/** The rows with their attached files (two kinds, one query for the page). */
export async function withFiles(tx: Tx, rows: BaseRow[]): Promise<FullRow[]> {
  const attached = await attachedFiles(tx, 'certification', rows.map((r) => r.c.id));
  return rows.map((r) => {
    const a = attached.get(r.c.id);
    return { ...r, licence: a?.get('license')?.[0] ?? null, qualFile: a?.get('qualification')?.[0] ?? null };
  });
}

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

/** A certification by id as the reviewer sees it, within the user's scope (the enterprise reads only its newest: `current`). */
export async function getById(ctx: Pick<CertificationContext, 'accounts'>, tx: Tx, user: AuthUser, id: string): Promise<TCertification | null> {
  const key = parseResourceId('certification', id);
  if (key === null) return null;
  const found = await findCertification(tx, key as string, await scopeOf(tx, user, 'certification'));
  const [row] = found ? await withPhones(ctx, tx, [found]) : [];
  return row ? toDto((await withFiles(tx, [row]))[0]!, user, false) : null;
}

/** The enterprise's newest certification: what its certification page shows. */
export async function currentCertification(ctx: CertificationContext, user: AuthUser): Promise<TCertification | null> {
  const found = await newestCertification(ctx.db, await scopeOf(ctx.db, user, 'certification'));
  const [row] = found ? await withPhones(ctx, ctx.db, [found]) : [];
  return row ? toDto((await withFiles(ctx.db, [row]))[0]!, user, true) : null;
}

export async function listCertifications(
  ctx: CertificationContext,
  user: AuthUser,
  query: { status?: CertificationStatus; keyword?: string; page: number; pageSize: number },
) {
  const { db } = ctx;
  const page = await listCertificationPage(db, {
    scope: await scopeOf(db, user, 'certification'),
    status: query.status,
    keyword: query.keyword,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const rows = await withPhones(ctx, db, page.rows);
  const total = page.total;
  return { items: (await withFiles(db, rows)).map((r) => toDto(r, user, false)), total, page: query.page, pageSize: query.pageSize };
}

export async function getCertification(ctx: CertificationContext, user: AuthUser, id: string): Promise<TCertification> {
  const c = await getById(ctx, ctx.db, user, id);
  if (!c) throw notFound('认证申请');
  return c;
}
