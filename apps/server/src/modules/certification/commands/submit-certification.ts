import crypto from 'node:crypto';
import { CERTIFICATION_LIVE_STATUSES, certificationWorkflow, type TCertification, type TCertificationRequest } from '@benxi/shared';
import type { Actor } from '../../../platform/audit';
import { AppError, invalidState, uniqueViolation } from '../../../platform/errors';
import type { AuthUser } from '../../../platform/sessions';
import type { CertificationContext } from '../context';
import { toDto, withFiles, withPhones } from '../read';
import { findCertification, certificationInStatus, insertCertification } from '../repository';

/** 业务编码: RZ + yyyyMMddHHmmss (Asia/Shanghai) + 6 random digits = RZ + 20 digits. */
export function newBizCode(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const stamp = local.slice(0, 19).replace(/\D/g, '');
  return `RZ${stamp}${crypto.randomInt(0, 1_000_000).toString().padStart(6, '0')}`;
}

/** 提交企业认证 (first, or 重新申请认证 after a refusal): one live certification per enterprise and credit code. */
export async function submitCertification(ctx: CertificationContext, user: AuthUser, input: TCertificationRequest, actor: Actor): Promise<TCertification> {
  const now = ctx.clock.now();
  const status = certificationWorkflow.actions.submit.to;
  try {
    return await ctx.db.transaction(async (tx) => {
      const live = await certificationInStatus(tx, user.orgId, CERTIFICATION_LIVE_STATUSES);
      if (live) {
        throw invalidState(certificationWorkflow.can('approve', live.status as never) ? '认证申请正在审核中，请耐心等待' : '企业已认证，无需重复提交');
      }
      const holder = await ctx.accounts.organizationWithCreditCode(tx, input.creditCode);
      if (holder && holder.id !== user.orgId) {
        throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他企业认证，如有疑问请联系平台运营人员');
      }
      const id = crypto.randomUUID();
      await ctx.files.attach(tx, { ownerType: 'certification', ownerId: id, kind: 'license', fileIds: [input.licenseFileId!], uploaderOrgId: user.orgId, field: 'licenseFileId', label: '营业执照', at: now });
      if (input.qualificationFileId) {
        await ctx.files.attach(tx, { ownerType: 'certification', ownerId: id, kind: 'qualification', fileIds: [input.qualificationFileId], uploaderOrgId: user.orgId, field: 'qualificationFileId', label: '资质证书', at: now });
      }
      const insertedId = await insertCertification(tx, {
          id,
          bizCode: newBizCode(now),
          orgId: user.orgId,
          applicantId: user.id,
          status,
          enterpriseName: input.enterpriseName,
          creditCode: input.creditCode,
          certType: input.certType,
          qualification: input.qualification,
          registeredRegion: input.registeredRegion,
          registeredAddress: input.registeredAddress,
          legalRepresentative: input.legalRepresentative,
          contactName: input.contactName,
          contactPhone: input.contactPhone,
          submittedAt: now,
          updatedAt: now,
      });
      await ctx.audit(tx, actor, now, {
        action: certificationWorkflow.auditCode('submit'),
        targetType: 'certification',
        targetId: insertedId,
        after: { status, enterpriseName: input.enterpriseName, creditCode: input.creditCode },
      });
      const [full] = await withPhones(ctx, tx, [(await findCertification(tx, insertedId))!]);
      return toDto((await withFiles(tx, [full!]))[0]!, user, true);
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'certifications_live_code_uq') {
      throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已有企业在认证或已认证，如有疑问请联系平台运营人员');
    }
    if (constraint) throw invalidState('认证申请已提交，请勿重复提交');
    throw err;
  }
}
