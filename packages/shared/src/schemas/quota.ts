import { z } from 'zod';
import { askOr, zBool, zChoice, zDateOf, zFileId, zFilterText, zInt, zMoney, zOptionalText, zPageQuery, zPhoneOf, zSnowflakeId, zText } from './common';
import { zRegionCode, zRegionCodeOf } from './project';
import { APPLY_TYPES, ARREARS_KINDS, PAY_METHODS, PREPAY_MODES, QUOTA_STATUSES, quotaWorkflow } from '../workflow/quota';

const text = zText;

/** 预缴值 as a percentage with up to 4 decimals, e.g. "2" or "0.75": a string in JSON, as money is. */
export const zPercent = (label: string) => {
  const rule = `${label}应为大于0、不超过100的数，最多4位小数（如 2 或 0.75）`;
  return z
    .string({ error: askOr(`请输入${label}`, rule) })
    .trim()
    .refine((v) => /^\d{1,3}(\.\d{1,4})?$/.test(v) && Number(v) > 0 && Number(v) <= 100, { error: rule });
};

/** The Chinese labels of the 定额申请 form's fields; every message names its field by them. */
export const quotaFieldLabels = {
  projectId: '工程编号',
  previousId: '原申请批次号',
  contractAmount: '施工合同金额',
  prepayMode: '预缴方式',
  prepayRatio: '预缴比例',
  appliedAmount: '申请金额',
  applyType: '申请类型',
  payMethod: '缴纳方式',
  handlerName: '经办人',
  handlerPhone: '经办人电话',
  description: '申请说明',
  licenseFileId: '营业执照',
  bidNoticeFileIds: '中标通知书',
  deferralReason: '缓缴理由',
  deferralFileId: '证明材料',
  justification: '书面说明',
} as const;
const L = quotaFieldLabels;

export const zQuotaRequest = z
  .object({
    projectId: zSnowflakeId('工程编号格式不正确'),
    previousId: zSnowflakeId('原申请批次号格式不正确').optional(),
    contractAmount: zMoney(L.contractAmount),
    prepayMode: zChoice(PREPAY_MODES, L.prepayMode),
    prepayRatio: zPercent(L.prepayRatio).optional(),
    appliedAmount: zMoney(L.appliedAmount).optional(),
    applyType: zChoice(APPLY_TYPES, L.applyType),
    payMethod: zChoice(PAY_METHODS, L.payMethod).optional(),
    handlerName: text(L.handlerName, 30),
    handlerPhone: zPhoneOf(L.handlerPhone),
    description: zOptionalText(L.description, 500),
    licenseFileId: zFileId(L.licenseFileId).optional(),
    bidNoticeFileIds: z
      .array(zFileId(L.bidNoticeFileIds), { error: '中标通知书应为已上传文件的列表' })
      .max(2, { error: '中标通知书最多2个文件' })
      .default([]),
    deferralReason: zOptionalText(L.deferralReason, 500),
    deferralFileId: zFileId(L.deferralFileId).optional(),
    justification: zOptionalText(L.justification, 1000),
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
  contractAmount: zMoney(L.contractAmount),
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
  /** what the acting user may do with it now, computed by the server from quotaWorkflow (ADR 017) */
  allowedActions: z.array(z.enum(quotaWorkflow.actionNames)),
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

/** The Chinese labels of the 人社审核 dialogs' fields. */
export const quotaReviewLabels = { approvedAmount: '核定金额', acceptJustification: '是否认可书面说明', comment: '审核意见', reason: '驳回原因' } as const;
export const zApproveQuota = z.object({
  approvedAmount: zMoney(quotaReviewLabels.approvedAmount).optional(),
  acceptJustification: zBool(quotaReviewLabels.acceptJustification).optional(),
  comment: zOptionalText(quotaReviewLabels.comment, 500),
});
export const zRejectQuota = z.object({ reason: text(quotaReviewLabels.reason, 500) });

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
  /** still listed and entered by the user's unit or one under it (only those may remove it) */
  canRemove: z.boolean(),
});
/** The Chinese labels of the 欠薪及失信记录 and 企业制度落实 forms' fields. */
export const arrearsFieldLabels = {
  creditCode: '企业统一社会信用代码',
  kind: '记录类型',
  regionCode: '地区',
  occurredOn: '发生日期',
  sourceDocument: '依据文书',
  note: '备注',
  removedOn: '移出日期',
  dutiesMet: '是否落实实名制和工资专用账户',
} as const;
const A = arrearsFieldLabels;
export const zCreateArrearsRecord = z.object({
  creditCode: z.string({ error: `请输入${A.creditCode}` }).trim().min(1, { error: `请输入${A.creditCode}` }),
  kind: zChoice(ARREARS_KINDS, A.kind),
  regionCode: zRegionCodeOf(A.regionCode),
  occurredOn: zDateOf(A.occurredOn),
  sourceDocument: text(A.sourceDocument, 200),
  note: zOptionalText(A.note, 500),
});
export const zRemoveArrearsRecord = z.object({ removedOn: zDateOf(A.removedOn) });
export const zArrearsListQuery = zPageQuery.extend({ keyword: zFilterText, kind: z.enum(ARREARS_KINDS).optional() });
export const zSetDuties = z.object({
  creditCode: z.string({ error: `请输入${A.creditCode}` }).trim().min(1, { error: `请输入${A.creditCode}` }),
  dutiesMet: zBool(A.dutiesMet),
});

/** The Chinese labels of the 比例参数 form's fields (the web's RatioParamsModal shows the same). */
export const ratioParamLabels = {
  baseRatioPercent: '基础比例',
  minRatioPercent: '最低比例',
  maxRatioPercent: '最高比例',
  capAmount: '单个项目存储上限',
  multiProjectRatioPercent: '多项目比例',
  floorPercent: '多项目最低比例',
  exemptionThresholdAmount: '免缴合同金额标准',
  reduceAfterCleanYears: '下调比例所需无拖欠年数',
  reducePct: '无拖欠下调幅度',
  exemptAfterCleanYears: '免缴所需无拖欠年数',
  arrearsIncreasePct: '有拖欠提高幅度',
  blacklistIncreasePct: '列入严重失信主体名单提高幅度',
} as const;
const R = ratioParamLabels;
export const zRatioParamsBody = z.object({
  baseRatioPercent: zPercent(R.baseRatioPercent),
  minRatioPercent: zPercent(R.minRatioPercent),
  maxRatioPercent: zPercent(R.maxRatioPercent),
  capAmount: zMoney(R.capAmount).nullable(),
  multiProjectRatioPercent: zPercent(R.multiProjectRatioPercent),
  floorPercent: zPercent(R.floorPercent),
  exemptionThresholdAmount: zMoney(R.exemptionThresholdAmount),
  reduceAfterCleanYears: zInt(R.reduceAfterCleanYears, 1, 10),
  reducePct: zInt(R.reducePct, 0, 100),
  exemptAfterCleanYears: zInt(R.exemptAfterCleanYears, 1, 10),
  arrearsIncreasePct: zInt(R.arrearsIncreasePct, 0, 300),
  blacklistIncreasePct: zInt(R.blacklistIncreasePct, 0, 300),
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
export const calendarOverrideLabels = { date: '日期', workday: '是否工作日', note: '说明' } as const;
export const zCalendarOverride = z.object({
  date: zDateOf(calendarOverrideLabels.date),
  workday: zBool(calendarOverrideLabels.workday),
  note: zOptionalText(calendarOverrideLabels.note, 100),
});
export const zCalendarOverrideView = z.object({ date: z.string(), workday: z.boolean(), note: z.string().optional() });
