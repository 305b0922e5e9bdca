import { z } from 'zod';
import { zChoice, zCreditCodeOf, zFileId, zFilterText, zPageQuery, zPhoneOf, zText } from './common';
import { CERT_TYPES, CERTIFICATION_STATUSES, QUALIFICATIONS, certificationWorkflow } from '../workflow/certification';

const text = zText;

/** The Chinese labels of the 认证信息 form's fields; every message names its field by them. */
export const certificationFieldLabels = {
  enterpriseName: '企业名称',
  creditCode: '统一社会信用代码',
  certType: '认证类型',
  qualification: '企业资质',
  registeredRegion: '企业注册地',
  registeredAddress: '注册地址',
  legalRepresentative: '法定代表人',
  contactName: '联系人',
  contactPhone: '联系电话',
  licenseFileId: '营业执照',
  qualificationFileId: '资质证书',
} as const;
const L = certificationFieldLabels;

/** 认证信息 form (SPEC §3). */
export const zCertificationRequest = z.object({
  enterpriseName: text(L.enterpriseName, 100),
  creditCode: zCreditCodeOf(L.creditCode),
  certType: zChoice(CERT_TYPES, L.certType),
  qualification: zChoice(QUALIFICATIONS, L.qualification),
  registeredRegion: text(L.registeredRegion, 50),
  registeredAddress: text(L.registeredAddress, 200),
  legalRepresentative: text(L.legalRepresentative, 50),
  contactName: text(L.contactName, 50),
  contactPhone: zPhoneOf(L.contactPhone),
  licenseFileId: zFileId(L.licenseFileId),
  qualificationFileId: zFileId(L.qualificationFileId).nullish(),
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
export const certificationRejectLabels = { reason: '驳回原因' } as const;
export const zRejectCertificationRequest = z.object({
  reason: text(certificationRejectLabels.reason, 500),
});
