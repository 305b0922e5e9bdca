import crypto from 'node:crypto';
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  canCertification,
  type CertificationStatus,
  type TCertification,
  type TCertificationRequest,
} from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import { certifications, files, organizations, users } from '../../db/schema/index';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, invalidState, notFound, uniqueViolation } from '../../platform/errors';
import type { AuthUser } from '../../platform/sessions';
import type { FileService } from '../files/service';
import { toFileRef } from '../files/service';
import { escapeLike } from '../../platform/sql';
import { recordEvent } from '../../platform/outbox';

type CertRow = typeof certifications.$inferSelect;

const licence = alias(files, 'licence');
const qualFile = alias(files, 'qual_file');

/** 业务编码: RZ + yyyyMMddHHmmss (Asia/Shanghai) + 6 random digits = RZ + 20 digits. */
export function newBizCode(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const stamp = local.slice(0, 19).replace(/\D/g, '');
  return `RZ${stamp}${crypto.randomInt(0, 1_000_000).toString().padStart(6, '0')}`;
}


export function createCertificationService(deps: { db: Db; clock: Clock; files: FileService }) {
  const { db, clock } = deps;

  function selectFull(tx: Tx) {
    return tx
      .select({ c: certifications, applicantPhone: users.phone, licence, qualFile })
      .from(certifications)
      .innerJoin(users, eq(users.id, certifications.applicantId))
      .leftJoin(licence, eq(licence.id, certifications.licenseFileId))
      .leftJoin(qualFile, eq(qualFile.id, certifications.qualificationFileId));
  }

  function toDto(r: {
    c: CertRow;
    applicantPhone: string;
    licence: typeof files.$inferSelect | null;
    qualFile: typeof files.$inferSelect | null;
  }): TCertification {
    const c = r.c;
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
    };
  }

  async function getById(tx: Tx, id: string): Promise<TCertification | null> {
    const [row] = await selectFull(tx).where(eq(certifications.id, id)).limit(1);
    return row ? toDto(row) : null;
  }

  /** approve and reject: one conditional UPDATE decides the race; the loser gets 409. */
  async function decide(
    admin: AuthUser,
    id: string,
    to: 'approved' | 'rejected',
    reason: string | null,
    actor: Actor,
  ): Promise<TCertification> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [before] = await tx.select().from(certifications).where(eq(certifications.id, id)).limit(1);
      if (!before) throw notFound('认证申请');
      if (!canCertification(to === 'approved' ? 'approve' : 'reject', before.status as CertificationStatus)) {
        throw invalidState('该认证申请已审核，不能重复审核');
      }
      const updated = await tx
        .update(certifications)
        .set({ status: to, rejectReason: reason, decidedAt: now, decidedBy: admin.id, updatedAt: now })
        .where(and(eq(certifications.id, id), eq(certifications.status, 'pending')))
        .returning({ id: certifications.id });
      if (updated.length !== 1) throw invalidState('该认证申请已审核，不能重复审核');
      if (to === 'approved') {
        try {
          await tx
            .update(organizations)
            .set({ name: before.enterpriseName, creditCode: before.creditCode, certified: true })
            .where(eq(organizations.id, before.orgId));
        } catch (err) {
          if (uniqueViolation(err)) throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已属于另一家已认证企业');
          throw err;
        }
      }
      await writeAudit(tx, actor, now, {
        action: to === 'approved' ? 'certification.approve' : 'certification.reject',
        targetType: 'certification',
        targetId: id,
        before: { status: before.status },
        after: { status: to, ...(reason ? { reason } : {}) },
      });
      await recordEvent(tx, now, { topic: `certification.${to}`, aggregateType: 'certification', aggregateId: id, payload: { contactPhone: before.contactPhone, enterpriseName: before.enterpriseName, reason } });
      return (await getById(tx, id))!;
    });
  }

  return {
    /** The enterprise's newest certification: what its certification page shows. */
    async current(user: AuthUser): Promise<TCertification | null> {
      const [row] = await selectFull(db)
        .where(eq(certifications.orgId, user.orgId))
        .orderBy(desc(certifications.submittedAt))
        .limit(1);
      return row ? toDto(row) : null;
    },

    async submit(user: AuthUser, input: TCertificationRequest, actor: Actor): Promise<TCertification> {
      const now = clock.now();
      try {
        return await db.transaction(async (tx) => {
          const [live] = await tx
            .select({ status: certifications.status })
            .from(certifications)
            .where(and(eq(certifications.orgId, user.orgId), or(eq(certifications.status, 'pending'), eq(certifications.status, 'approved'))))
            .limit(1);
          if (live) {
            throw invalidState(live.status === 'pending' ? '认证申请正在审核中，请耐心等待' : '企业已认证，无需重复提交');
          }
          const [holder] = await tx
            .select({ id: organizations.id })
            .from(organizations)
            .where(eq(organizations.creditCode, input.creditCode))
            .limit(1);
          if (holder && holder.id !== user.orgId) {
            throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他企业认证，如有疑问请联系平台运营人员');
          }
          await deps.files.ownFile(tx, user, input.licenseFileId!, 'licenseFileId');
          if (input.qualificationFileId) await deps.files.ownFile(tx, user, input.qualificationFileId, 'qualificationFileId');
          const [row] = await tx
            .insert(certifications)
            .values({
              bizCode: newBizCode(now),
              orgId: user.orgId,
              applicantId: user.id,
              status: 'pending',
              enterpriseName: input.enterpriseName,
              creditCode: input.creditCode,
              certType: input.certType,
              qualification: input.qualification,
              registeredRegion: input.registeredRegion,
              registeredAddress: input.registeredAddress,
              legalRepresentative: input.legalRepresentative,
              contactName: input.contactName,
              contactPhone: input.contactPhone,
              licenseFileId: input.licenseFileId!,
              qualificationFileId: input.qualificationFileId ?? null,
              submittedAt: now,
              updatedAt: now,
            })
            .returning({ id: certifications.id });
          await writeAudit(tx, actor, now, {
            action: 'certification.submit',
            targetType: 'certification',
            targetId: row!.id,
            after: { status: 'pending', enterpriseName: input.enterpriseName, creditCode: input.creditCode },
          });
          return (await getById(tx, row!.id))!;
        });
      } catch (err) {
        const constraint = uniqueViolation(err);
        if (constraint === 'certifications_live_code_uq') {
          throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已有企业在认证或已认证，如有疑问请联系平台运营人员');
        }
        if (constraint) throw invalidState('认证申请已提交，请勿重复提交');
        throw err;
      }
    },

    async list(query: { status?: CertificationStatus; keyword?: string; page: number; pageSize: number }) {
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
      return { items: rows.map(toDto), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },

    async get(id: string): Promise<TCertification> {
      const c = await getById(db, id);
      if (!c) throw notFound('认证申请');
      return c;
    },

    approve: (admin: AuthUser, id: string, actor: Actor) => decide(admin, id, 'approved', null, actor),
    reject: (admin: AuthUser, id: string, reason: string, actor: Actor) => decide(admin, id, 'rejected', reason, actor),
  };
}

export type CertificationService = ReturnType<typeof createCertificationService>;
