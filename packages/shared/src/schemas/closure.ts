import { z } from 'zod';
import { DEPOSIT_STATUSES } from '../workflow/project';
import {
  CANCELLATION_STATUSES,
  cancellationWorkflow,
  FILING_STATUSES,
  filingWorkflow,
  RETURN_KINDS,
  RETURN_STATUSES,
  returnWorkflow,
} from '../workflow/closure';
import { zFileRef } from './certification';
import { zDateOf, zFileId, zFilterText, zMoney, zOptionalText, zPageQuery, zPhoneOf, zSnowflakeId, zText } from './common';
import { zRegionCode } from './project';


/** 备案 / 注销 / 返还 (SPEC §7–8, issue 13): requests and DTOs. */

// ------------------------------------------------------------------------------------------------
// 备案申请

export const zFilingIdParams = z.object({ id: zSnowflakeId('备案申请编号格式不正确') });

export const zFiling = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  /** 备案类型: 定额保证金备案 */
  typeLabel: z.string(),
  status: z.enum(FILING_STATUSES),
  enterpriseName: z.string(),
  authorityName: z.string(),
  hrssName: z.string(),
  regionName: z.string(),
  /** the deposit state it was filed from (已缴纳 / 已缓缴) */
  depositFrom: z.enum(DEPOSIT_STATUSES),
  submittedAt: z.string(),
  /** 5 working days after the submission (YYYY-MM-DD) */
  deadline: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  allowedActions: z.array(z.enum(filingWorkflow.actionNames)),
});
export type TFiling = z.infer<typeof zFiling>;

export const zFilingListQuery = zPageQuery.extend({
  projectName: zFilterText,
  regionCode: zRegionCode.optional(),
  status: z.enum(FILING_STATUSES, { error: '申请状态不正确' }).optional(),
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  /** hrss review queue: pending, oldest first */
  queue: z.enum(['1', 'true']).optional(),
});
export const zFilingExportQuery = zFilingListQuery.omit({ page: true, pageSize: true });
export type TFilingListQuery = z.infer<typeof zFilingListQuery>;

export const zSubmitFiling = z.object({ projectId: zSnowflakeId('工程编号格式不正确') });
export const zRejectReason = z.object({ reason: zText('驳回原因', 500) });

// ------------------------------------------------------------------------------------------------
// 保证金注销申请

export const cancellationLabels = {
  actualStart: '实际开工日期',
  actualCompletion: '实际竣工日期',
  publicityStart: '公示起始日期',
  handlerName: '经办人',
  handlerPhone: '经办人电话',
  note: '申请说明',
  acceptanceReport: '竣工验收报告',
  applicationForm: '注销申请表',
  noArrearsPledge: '无拖欠农民工工资书面承诺',
  others: '其他附件',
} as const;
const L = cancellationLabels;

export const zCancellationRequest = z.object({
  projectId: zSnowflakeId('工程编号格式不正确'),
  actualStart: zDateOf(L.actualStart),
  actualCompletion: zDateOf(L.actualCompletion),
  publicityStart: zDateOf(L.publicityStart),
  handlerName: zText(L.handlerName, 50),
  handlerPhone: zPhoneOf(L.handlerPhone),
  note: zOptionalText(L.note, 1000),
  acceptanceReportFileIds: z.array(zFileId(L.acceptanceReport)).min(1, { error: `请上传${L.acceptanceReport}` }).max(10, { error: `${L.acceptanceReport}最多10个文件` }),
  applicationFormFileIds: z.array(zFileId(L.applicationForm)).min(1, { error: `请上传${L.applicationForm}` }).max(10, { error: `${L.applicationForm}最多10个文件` }),
  noArrearsPledgeFileIds: z.array(zFileId(L.noArrearsPledge)).min(1, { error: `请上传${L.noArrearsPledge}` }).max(10, { error: `${L.noArrearsPledge}最多10个文件` }),
  otherFileIds: z.array(zFileId(L.others)).max(20, { error: `${L.others}最多20个文件` }).optional(),
});
export type TCancellationRequest = z.infer<typeof zCancellationRequest>;

export const zCancellationIdParams = z.object({ id: zSnowflakeId('注销申请编号格式不正确') });

export const zInstrument = z.object({
  /** 现金存缴 / 银行保函 / 保单保函 / 保险 */
  kindLabel: z.string(),
  number: z.string(),
  issuerName: z.string(),
  amount: z.string(),
});

export const zCancellation = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  status: z.enum(CANCELLATION_STATUSES),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  hrssName: z.string(),
  authorityName: z.string(),
  regionName: z.string(),
  actualStart: z.string(),
  actualCompletion: z.string(),
  publicityStart: z.string(),
  handlerName: z.string(),
  handlerPhone: z.string(),
  note: z.string().nullable(),
  files: z.object({
    acceptanceReport: z.array(zFileRef),
    applicationForm: z.array(zFileRef),
    noArrearsPledge: z.array(zFileRef),
    others: z.array(zFileRef),
  }),
  submittedAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** 本人社返〔2026〕第 000123 号, once approved */
  documentNo: z.string().nullable(),
  instruments: z.array(zInstrument),
  returns: z.array(z.lazy(() => zReturnConfirmation)),
  allowedActions: z.array(z.enum(cancellationWorkflow.actionNames)),
});
export type TCancellation = z.infer<typeof zCancellation>;

export const zCancellationListQuery = zPageQuery.extend({
  projectName: zFilterText,
  regionCode: zRegionCode.optional(),
  status: z.enum(CANCELLATION_STATUSES, { error: '申请状态不正确' }).optional(),
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  queue: z.enum(['1', 'true']).optional(),
});
export const zCancellationExportQuery = zCancellationListQuery.omit({ page: true, pageSize: true });

// ------------------------------------------------------------------------------------------------
// 返还确认 (the bank)

export const zReturnConfirmation = z.object({
  id: z.string(),
  cancellationId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  bankName: z.string(),
  kind: z.enum(RETURN_KINDS),
  /** the instruments the bank holds: 现金 total, or the guarantees' numbers */
  instruments: z.string(),
  amount: z.string(),
  status: z.enum(RETURN_STATUSES),
  documentNo: z.string(),
  issuedAt: z.string(),
  /** 3 working days after the approval */
  deadline: z.string(),
  overdue: z.boolean(),
  returnedOn: z.string().nullable(),
  principal: z.string().nullable(),
  interest: z.string().nullable(),
  originalReturned: z.boolean().nullable(),
  allowedActions: z.array(z.enum(returnWorkflow.actionNames)),
});
export type TReturnConfirmation = z.infer<typeof zReturnConfirmation>;

export const zReturnListQuery = zPageQuery.extend({
  projectName: zFilterText,
  status: z.enum(RETURN_STATUSES, { error: '状态不正确' }).optional(),
});
export const zReturnIdParams = z.object({ id: zSnowflakeId('确认书编号格式不正确') });

export const returnLabels = { returnedOn: '返还日期', principal: '返还本金', interest: '返还利息', originalReturned: '已退还保函原件' } as const;
export const zConfirmReturn = z.object({
  returnedOn: zDateOf(returnLabels.returnedOn),
  principal: zMoney(returnLabels.principal).optional(),
  interest: zMoney(returnLabels.interest).optional(),
  originalReturned: z.boolean({ error: `${returnLabels.originalReturned}应为“是”或“否”` }).optional(),
});
export type TConfirmReturn = z.infer<typeof zConfirmReturn>;

// open API (SPEC §13): GET /api/open/v1/return-confirmations?status= · POST …/{no}/returned {returnedOn, principal, interest}
export const zOpenReturnListQuery = zPageQuery.extend({
  status: z.enum(RETURN_STATUSES, { error: 'status 应为 pending 或 returned' }).optional(),
});
export const zOpenReturnConfirmation = z.object({
  no: z.string(),
  status: z.enum(RETURN_STATUSES),
  documentNo: z.string(),
  projectNo: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  kind: z.enum(RETURN_KINDS),
  amount: z.string(),
  issuedOn: z.string(),
  deadline: z.string(),
  returnedOn: z.string().nullable(),
  principal: z.string().nullable(),
  interest: z.string().nullable(),
});
export type TOpenReturnConfirmation = z.infer<typeof zOpenReturnConfirmation>;
export const zOpenReturned = z.object({
  returnedOn: zDateOf('returnedOn（返还日期）'),
  principal: zMoney('principal（返还本金）').optional(),
  interest: zMoney('interest（返还利息）').optional(),
  originalReturned: z.boolean({ error: 'originalReturned 应为 true 或 false' }).optional(),
});

// ------------------------------------------------------------------------------------------------
// The project's closure panel (the card's 发起备案, the project page's 注销) and hrss 清查

export const zProjectClosure = z.object({
  projectId: z.string(),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  /** 工程状态 is 竣工 */
  completed: z.boolean(),
  filing: zFiling.nullable(),
  cancellation: zCancellation.nullable(),
  /** 发起备案 / 保证金注销申请 (from the definitions; absent otherwise) */
  allowedActions: z.array(z.enum(['file', 'cancel'])),
  /** the dialog's hint: the first day a cancellation is possible for a 公示起始日期 of today */
  publicityDays: z.number().int(),
});
export type TProjectClosure = z.infer<typeof zProjectClosure>;

export const zAuditCheckQuery = zPageQuery.extend({ projectName: zFilterText, regionCode: zRegionCode.optional() });
export const zAuditCheckItem = z.object({
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  regionName: z.string(),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  actualCompletion: z.string(),
  /** days since 实际竣工日期 */
  daysSinceCompletion: z.number().int(),
});
export type TAuditCheckItem = z.infer<typeof zAuditCheckItem>;
