import { z } from 'zod';
import { zDate, zFilterText, zMoney, zPageQuery, zPhone, zSnowflakeId, zText } from './common';
import { zRegionCode } from './project';
import { APPLY_TYPES, ARREARS_KINDS, PAY_METHODS, PREPAY_MODES, QUOTA_STATUSES } from '../workflow/quota';

const text = zText;

/** 预缴值 as a percentage with up to 4 decimals, e.g. "2" or "0.75". */
export const zPercent = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,3}(\.\d{1,4})?$/.test(v) && Number(v) > 0 && Number(v) <= 100, { error: '比例应为0–100之间的数，最多4位小数' });

export const zQuotaRequest = z
  .object({
    projectId: zSnowflakeId('工程编号格式不正确'),
    previousId: zSnowflakeId('申请批次号格式不正确').optional(),
    contractAmount: zMoney,
    prepayMode: z.enum(PREPAY_MODES, { error: '请选择预缴方式' }),
    prepayRatio: zPercent.optional(),
    appliedAmount: zMoney.optional(),
    applyType: z.enum(APPLY_TYPES, { error: '请选择申请类型' }),
    payMethod: z.enum(PAY_METHODS, { error: '请选择缴纳方式' }).optional(),
    handlerName: text('经办人', 30),
    handlerPhone: zPhone,
    description: z.string().trim().max(500, { error: '申请说明不能超过500字' }).optional(),
    licenseFileId: z.uuid().optional(),
    bidNoticeFileIds: z.array(z.uuid()).max(2, { error: '中标通知书最多2个文件' }).default([]),
    deferralReason: z.string().trim().max(500).optional(),
    deferralFileId: z.uuid().optional(),
    justification: z.string().trim().max(1000, { error: '说明不能超过1000字' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.prepayMode === 'ratio' && !v.prepayRatio) ctx.addIssue({ code: 'custom', path: ['prepayRatio'], message: '请输入预缴比例' });
    if (v.prepayMode === 'amount' && !v.appliedAmount) ctx.addIssue({ code: 'custom', path: ['appliedAmount'], message: '请输入申请金额' });
    if (v.applyType === 'general' && !v.payMethod) ctx.addIssue({ code: 'custom', path: ['payMethod'], message: '一般缴纳请选择缴纳方式' });
    if (v.applyType === 'exempt') {
      if (!v.licenseFileId) ctx.addIssue({ code: 'custom', path: ['licenseFileId'], message: '免缴须上传营业执照' });
      if (v.bidNoticeFileIds.length === 0) ctx.addIssue({ code: 'custom', path: ['bidNoticeFileIds'], message: '免缴须上传中标通知书' });
    }
    if (v.applyType === 'deferred') {
      if (!v.deferralReason) ctx.addIssue({ code: 'custom', path: ['deferralReason'], message: '缓缴须填写缓缴理由' });
      if (!v.deferralFileId) ctx.addIssue({ code: 'custom', path: ['deferralFileId'], message: '缓缴须上传证明材料' });
    }
  });
export type TQuotaRequest = z.input<typeof zQuotaRequest>;

export const zQuotaPreviewRequest = z.object({
  projectId: zSnowflakeId('工程编号格式不正确'),
  contractAmount: zMoney,
});

export const zRequirement = z.object({
  ratioPpm: z.number().int(),
  ratioText: z.string(),
  requiredAmount: z.string(),
  exemptionAllowed: z.boolean(),
  reasons: z.array(z.string()),
  summary: z.string(),
});
export const zEnterpriseRecord = z.object({
  arrearsInYearBeforeSigning: z.boolean(),
  arrearsInTwoYearsBefore: z.boolean(),
  cleanYearsInRegion: z.number(),
  onSeriousDishonestList: z.boolean(),
  otherProjectsUnderConstructionInRegion: z.number(),
  realNameAndSpecialAccountMet: z.boolean(),
});
export const zQuotaPreview = z.object({ requirement: zRequirement, record: zEnterpriseRecord });

const zFile = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });

export const zQuotaApplication = z.object({
  id: z.string(),
  batchNo: z.string(),
  previousId: z.string().nullable(),
  projectId: z.string(),
  projectName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  contractorName: z.string(),
  hrssOrgName: z.string(),
  authorityOrgName: z.string(),
  status: z.enum(QUOTA_STATUSES),
  /** a newer application of the same project exists (this one was 已驳回 or 已撤回 and applied for again) */
  superseded: z.boolean(),
  contractAmount: z.string(),
  prepayMode: z.enum(PREPAY_MODES),
  prepayRatio: z.string(),
  appliedAmount: z.string(),
  applyType: z.enum(APPLY_TYPES),
  payMethod: z.enum(PAY_METHODS).nullable(),
  handlerName: z.string(),
  handlerPhone: z.string(),
  description: z.string().nullable(),
  licenseFile: zFile.nullable(),
  bidNoticeFiles: z.array(zFile),
  deferralReason: z.string().nullable(),
  deferralFile: zFile.nullable(),
  requirement: zRequirement,
  record: zEnterpriseRecord,
  belowRequirement: z.boolean(),
  justification: z.string().nullable(),
  approvedAmount: z.string().nullable(),
  justificationAccepted: z.boolean().nullable(),
  reviewComment: z.string().nullable(),
  rejectReason: z.string().nullable(),
  submittedAt: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TQuotaApplication = z.infer<typeof zQuotaApplication>;

export const zQuotaListQuery = zPageQuery.extend({
  projectName: zFilterText,
  regionCode: zRegionCode.optional(),
  status: z.enum(QUOTA_STATUSES, { error: '申请状态不正确' }).optional(),
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  /** hrss review queue: oldest first */
  queue: z.enum(['1', 'true']).optional(),
});
export const zQuotaExportQuery = zQuotaListQuery.omit({ page: true, pageSize: true });
export const zQuotaIdParams = z.object({ id: zSnowflakeId('申请批次号格式不正确') });

export const zApproveQuota = z.object({
  approvedAmount: zMoney.optional(),
  acceptJustification: z.boolean().optional(),
  comment: z.string().trim().max(500).optional(),
});
export const zRejectQuota = z.object({ reason: text('驳回原因', 500) });

export const zArrearsRecord = z.object({
  id: z.string(),
  enterpriseOrgId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  kind: z.enum(ARREARS_KINDS),
  regionCode: z.string(),
  occurredOn: z.string(),
  removedOn: z.string().nullable(),
  sourceDocument: z.string(),
  note: z.string().nullable(),
  enteredByPhone: z.string(),
  enteredByOrg: z.string(),
  createdAt: z.string(),
});
export const zCreateArrearsRecord = z.object({
  creditCode: z.string().trim().min(1, { error: '请输入企业统一社会信用代码' }),
  kind: z.enum(ARREARS_KINDS, { error: '请选择记录类型' }),
  regionCode: zRegionCode,
  occurredOn: zDate,
  sourceDocument: text('依据文书', 200),
  note: z.string().trim().max(500).optional(),
});
export const zRemoveArrearsRecord = z.object({ removedOn: zDate });
export const zArrearsListQuery = zPageQuery.extend({ keyword: zFilterText, kind: z.enum(ARREARS_KINDS).optional() });
export const zSetDuties = z.object({ creditCode: z.string().trim().min(1), dutiesMet: z.boolean() });

export const zRatioParamsBody = z.object({
  baseRatioPercent: zPercent,
  minRatioPercent: zPercent,
  maxRatioPercent: zPercent,
  capAmount: zMoney.nullable(),
  multiProjectRatioPercent: zPercent,
  floorPercent: zPercent,
  exemptionThresholdAmount: zMoney,
  reduceAfterCleanYears: z.coerce.number().int().min(1).max(10),
  reducePct: z.coerce.number().int().min(0).max(100),
  exemptAfterCleanYears: z.coerce.number().int().min(1).max(10),
  arrearsIncreasePct: z.coerce.number().int().min(0).max(300),
  blacklistIncreasePct: z.coerce.number().int().min(0).max(300),
});
/** Response shape (no transforms: response schemas are encoded, and transforms only decode). */
export const zRatioParamsView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  effectiveFrom: z.string().nullable(),
  baseRatioPercent: z.string(),
  minRatioPercent: z.string(),
  maxRatioPercent: z.string(),
  capAmount: z.string().nullable(),
  multiProjectRatioPercent: z.string(),
  floorPercent: z.string(),
  exemptionThresholdAmount: z.string(),
  reduceAfterCleanYears: z.number().int(),
  reducePct: z.number().int(),
  exemptAfterCleanYears: z.number().int(),
  arrearsIncreasePct: z.number().int(),
  blacklistIncreasePct: z.number().int(),
});
export type TRatioParamsView = z.infer<typeof zRatioParamsView>;
/** The parameters as stored and shown: percents as strings, amounts in yuan. */
export type TRatioParamsBody = Omit<TRatioParamsView, 'regionCode' | 'regionName' | 'effectiveFrom'>;
export const zCalendarOverride = z.object({ date: zDate, workday: z.boolean(), note: z.string().trim().max(100).optional() });
export const zCalendarOverrideView = z.object({ date: z.string(), workday: z.boolean(), note: z.string().optional() });
