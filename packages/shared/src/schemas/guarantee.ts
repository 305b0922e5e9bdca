import { z } from 'zod';
import { zBool, zChoice, zDateOf, zFileId, zFilterText, zMoney, zPageQuery, zPhoneOf, zRef, zSnowflakeId, zText } from './common';
import { DEPOSIT_STATUSES } from '../workflow/project';
import { GUARANTEE_KINDS, GUARANTEE_STATUSES } from '../workflow/guarantee';
import { OFFLINE_GUARANTEE_STATUSES, OFFLINE_INSTRUMENT_TYPES, offlineGuaranteeWorkflow } from '../workflow/offline-guarantee';

/** The Chinese labels of the 保单保函上传 form (manual 2.2.1, field for field); every message names its field by them. */
export const offlineGuaranteeFieldLabels = {
  projectId: '工程编号',
  enterpriseName: '投保人',
  projectName: '工程名称',
  instrumentType: '保险类型',
  handlerName: '经办联系人',
  handlerPhone: '经办人手机',
  bankBrand: '银行品牌',
  issuerOrgId: '承保出单机构',
  issuerName: '承保出单机构名称',
  productName: '产品名称',
  guaranteeNo: '保函号',
  amount: '保额',
  fee: '保函手续费',
  issuedOn: '出函日期',
  validFrom: '保函期限开始日期',
  validTo: '保函期限结束日期',
  period: '保函期限',
  fileId: '保函文件',
} as const;
const L = offlineGuaranteeFieldLabels;

/** 保函号 / 保单号: letters, digits and the usual separators. */
export const zGuaranteeNo = zText(L.guaranteeNo, 64).refine((v) => /^[\p{L}\p{N}\-_/（）()\s.]+$/u.test(v), { error: '保函号只能包含字母、数字和 - _ / ( ) .' });

/** 保单保函上传. The issuer is a bank or insurer on the platform (`issuerOrgId`) or, if it is not, its name. */
export const zOfflineGuaranteeRequest = z
  .object({
    projectId: zSnowflakeId('工程编号格式不正确'),
    instrumentType: zChoice(OFFLINE_INSTRUMENT_TYPES, L.instrumentType),
    handlerName: zText(L.handlerName, 30),
    handlerPhone: zPhoneOf(L.handlerPhone),
    bankBrand: zText(L.bankBrand, 50),
    issuerOrgId: zRef(L.issuerOrgId).optional(),
    issuerName: zText(L.issuerName, 100).optional(),
    productName: zText(L.productName, 100),
    guaranteeNo: zGuaranteeNo,
    amount: zMoney(L.amount),
    fee: zMoney(L.fee),
    issuedOn: zDateOf(L.issuedOn),
    validFrom: zDateOf(L.validFrom),
    validTo: zDateOf(L.validTo),
    fileId: zFileId(L.fileId),
    /** the enterprise confirmed "切换缴纳方式将关闭当前的…办理，确定切换吗？" */
    confirmSwitch: zBool('是否切换缴纳方式').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.issuerOrgId && !v.issuerName) ctx.addIssue({ code: 'custom', path: ['issuerOrgId'], message: '请选择承保出单机构' });
    if (/^[\d.]+$/.test(v.amount) && Number(v.amount) <= 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: '保额应大于0' });
    if (v.validFrom > v.validTo) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '保函期限的结束日期不能早于开始日期' });
    if (v.issuedOn > v.validTo) ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: '出函日期不能晚于保函期限的结束日期' });
  });
export type TOfflineGuaranteeRequest = z.input<typeof zOfflineGuaranteeRequest>;

export const offlineReviewLabels = { reason: '退回原因' } as const;
export const zReturnOfflineGuarantee = z.object({ reason: zText(offlineReviewLabels.reason, 500) });
export const zApproveOfflineGuarantee = z.object({});

const zFile = z.object({ id: z.string(), name: z.string(), size: z.number(), mime: z.string() });

export const zOfflineGuarantee = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  /** 投保人 */
  enterpriseName: z.string(),
  hrssOrgName: z.string(),
  status: z.enum(OFFLINE_GUARANTEE_STATUSES),
  instrumentType: z.enum(OFFLINE_INSTRUMENT_TYPES),
  handlerName: z.string(),
  handlerPhone: z.string(),
  bankBrand: z.string(),
  issuerOrgId: z.string().nullable(),
  issuerName: z.string(),
  productName: z.string(),
  guaranteeNo: z.string(),
  amount: z.string(),
  fee: z.string(),
  issuedOn: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** 保证金应缴金额 when uploaded */
  requiredAmount: z.string(),
  file: zFile.nullable(),
  submittedAt: z.string(),
  /** the review's deadline (5 working days) and whether it has passed while still 待审核 */
  dueOn: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  closedReason: z.string().nullable(),
  /** the register's row (保函管理) once approved */
  guaranteeId: z.string().nullable(),
  allowedActions: z.array(z.enum(offlineGuaranteeWorkflow.actionNames)),
});
export type TOfflineGuarantee = z.infer<typeof zOfflineGuarantee>;

export const zOfflineGuaranteeListQuery = zPageQuery.extend({
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  projectName: zFilterText,
  status: z.enum(OFFLINE_GUARANTEE_STATUSES, { error: '审核状态不正确' }).optional(),
  /** hrss verification queue: 待审核, oldest first */
  queue: z.enum(['1']).optional(),
});
export const zOfflineGuaranteeIdParams = z.object({ id: zSnowflakeId('业务编号格式不正确') });

/** What the 保单保函上传 modal shows before anything is typed: the project, the amount to cover, the issuers. */
export const zOfflineGuaranteeForm = z.object({
  projectId: z.string(),
  projectName: z.string(),
  /** 投保人: the enterprise */
  enterpriseName: z.string(),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  /** 保证金应缴金额 (the approved quota): 保额 may not be lower */
  requiredAmount: z.string().nullable(),
  /** 承保出单机构's options: the banks and insurers on the platform */
  issuers: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(['bank', 'insurer']) })),
  /** the upload is possible now; otherwise why not */
  mayUpload: z.boolean(),
  reason: z.string().nullable(),
  /** a 待审核 upload of the project, if any */
  pending: zOfflineGuarantee.nullable(),
  /** the newest 已退回 upload, to fill the form again */
  lastReturned: zOfflineGuarantee.nullable(),
});
export type TOfflineGuaranteeForm = z.infer<typeof zOfflineGuaranteeForm>;

// ------------------------------------------------------------------------------------------------
// 保函管理

export const zGuarantee = z.object({
  id: z.string(),
  kind: z.enum(GUARANTEE_KINDS),
  /** 保函号 / 保单号 */
  number: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  /** 出具机构 */
  issuerName: z.string(),
  amount: z.string(),
  fee: z.string().nullable(),
  issuedOn: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** computed on the platform's clock: 有效 / 即将到期 / 已到期 / 已释放 / 已理赔 */
  status: z.enum(GUARANTEE_STATUSES),
  daysLeft: z.number().int(),
  releasedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  /** 已理赔 amount: paid to workers on 支付通知书 (保证金动用, SPEC §9) */
  claimedAmount: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  letter: zFile.nullable(),
  createdAt: z.string(),
});
export type TGuarantee = z.infer<typeof zGuarantee>;

export const zGuaranteeRegisterQuery = zPageQuery.extend({
  number: zFilterText,
  kind: z.enum(GUARANTEE_KINDS, { error: '类型不正确' }).optional(),
  status: z.enum(GUARANTEE_STATUSES, { error: '状态不正确' }).optional(),
  projectName: zFilterText,
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
});
export type TGuaranteeRegisterQuery = z.input<typeof zGuaranteeRegisterQuery>;
export const zGuaranteeRegisterExportQuery = zGuaranteeRegisterQuery.omit({ page: true, pageSize: true });
export const zGuaranteeIdParams = z.object({ id: zSnowflakeId('保函编号格式不正确') });
