import { z } from 'zod';
import { zCreditCode, zFilterText, zPageQuery, zPhone, zUuid, zText } from './common';
import { CERT_TYPES, CERTIFICATION_STATUSES, QUALIFICATIONS, certificationWorkflow } from '../workflow/certification';

const text = zText;

/** 认证信息 form (SPEC §3). */
export const zCertificationRequest = z.object({
  enterpriseName: text('企业名称', 100),
  creditCode: zCreditCode,
  certType: z.enum(CERT_TYPES, { error: '请选择认证类型' }),
  qualification: z.enum(QUALIFICATIONS, { error: '请选择企业资质' }),
  registeredRegion: text('企业注册地', 50),
  registeredAddress: text('注册地址', 200),
  legalRepresentative: text('法定代表人', 50),
  contactName: text('联系人', 50),
  contactPhone: zPhone,
  licenseFileId: zUuid.or(z.undefined()).refine((v) => v !== undefined, { error: '请上传营业执照' }),
  qualificationFileId: zUuid.nullish(),
});
export type TCertificationRequest = z.input<typeof zCertificationRequest>;

export const zFileRef = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });

export const zCertification = z.object({
  id: z.string(),
  bizCode: z.string(),
  status: z.enum(CERTIFICATION_STATUSES),
  enterpriseName: z.string(),
  creditCode: z.string(),
  certType: z.string(),
  qualification: z.string(),
  registeredRegion: z.string(),
  registeredAddress: z.string(),
  legalRepresentative: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  licenseFile: zFileRef.nullable(),
  qualificationFile: zFileRef.nullable(),
  rejectReason: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  applicantPhone: z.string(),
  /** what the acting user may do with it now, computed by the server from certificationWorkflow (ADR 017) */
  allowedActions: z.array(z.enum(certificationWorkflow.actionNames)),
});
export type TCertification = z.infer<typeof zCertification>;

export const zCurrentCertification = z.object({ certification: zCertification.nullable() });

export const zCertificationListQuery = zPageQuery.extend({
  status: z.enum(CERTIFICATION_STATUSES, { error: '状态只能是 pending、approved 或 rejected' }).optional(),
  keyword: zFilterText,
});
export const zRejectCertificationRequest = z.object({
  reason: text('驳回原因', 500),
});
