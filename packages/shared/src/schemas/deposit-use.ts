import { z } from 'zod';
import { idNumberProblem } from '../rules/id-number';
import {
  DECISION_TYPES,
  DEPOSIT_USE_STATUSES,
  depositUseWorkflow,
  USE_INSTRUMENT_TYPES,
  USE_MAX_WORKERS,
  USE_REPLENISH_STATUSES,
  USE_TRANSFER_STATUSES,
  useReplenishmentWorkflow,
  useTransferWorkflow,
} from '../workflow/deposit-use';
import { zDateOf, zFileId, zFilterText, zMoney, zPageQuery, zPhoneOf, zRef, zSnowflakeId, zText, yuanToFen } from './common';
import { zFileRef } from './certification';

/** The Chinese labels of the fields (the form, the Excel template's header and the error messages). */
export const depositUseLabels = {
  projectId: '项目',
  instrument: '动用的保证金',
  decisionType: '行政处理决定类型',
  decisionNo: '决定书文号',
  decisionDate: '决定日期',
  decisionFileId: '决定书文件',
  workers: '农民工名单',
  name: '姓名',
  idNumber: '身份证号',
  bankName: '开户银行',
  cardNo: '银行卡号',
  amount: '金额',
  reference: '交易流水号',
  reason: '失败原因',
  paidOn: '支付日期',
} as const;
const L = depositUseLabels;

/** The Excel template's columns, in order (the header row of 农民工工资支付名单.xlsx). */
export const USE_WORKER_COLUMNS = [
  { key: 'name', label: L.name },
  { key: 'idNumber', label: L.idNumber },
  { key: 'bankName', label: L.bankName },
  { key: 'cardNo', label: L.cardNo },
  { key: 'amount', label: `${L.amount}（元）` },
] as const;

export const zIdNumber = z
  .string({ error: `请输入${L.idNumber}` })
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, c) => {
    const p = idNumberProblem(v);
    if (p) c.addIssue({ code: 'custom', message: p });
  });

export const zCardNo = zText(L.cardNo, 32).refine((v) => /^\d{12,32}$/.test(v.replace(/\s/g, '')), { error: '银行卡号应为12到32位数字' });

const zPositiveMoney = (label: string) => zMoney(label).refine((v) => /^\d{1,13}(\.\d{1,2})?$/.test(v) && yuanToFen(v) > 0n, { error: `${label}应大于0` });

export const zUseWorker = z.object({
  name: zText(L.name, 30),
  idNumber: zIdNumber,
  bankName: zText(L.bankName, 60),
  cardNo: zCardNo,
  amount: zPositiveMoney(L.amount),
});
export type TUseWorker = z.input<typeof zUseWorker>;

export const zDepositUseRequest = z
  .object({
    projectId: zSnowflakeId('工程编号格式不正确'),
    /** the instrument to draw on (from the project's coverage); absent: the one holding the most */
    instrument: z.object({ type: z.enum(USE_INSTRUMENT_TYPES, { error: '请选择动用的保证金' }), id: zSnowflakeId('动用的保证金不正确') }).optional(),
    decisionType: z.enum(DECISION_TYPES, { error: `请选择${L.decisionType}` }),
    decisionNo: zText(L.decisionNo, 60),
    decisionDate: zDateOf(L.decisionDate),
    decisionFileId: zFileId(L.decisionFileId),
    workers: z.array(zUseWorker, { error: '请填写农民工名单' }).min(1, { error: '请至少填写一名农民工' }).max(USE_MAX_WORKERS, { error: `一次最多${USE_MAX_WORKERS}名农民工` }),
    /** the total the hrss user typed: must equal the workers' sum */
    amount: zPositiveMoney('动用金额'),
  })
  .superRefine((v, c) => {
    const seen = new Map<string, number>();
    if (!Array.isArray(v.workers)) return;
    v.workers.forEach((w, i) => {
      if (typeof w?.idNumber !== 'string') return;
      const k = w.idNumber.trim().toUpperCase();
      if (seen.has(k)) c.addIssue({ code: 'custom', path: ['workers', i, 'idNumber'], message: `第${i + 1}行身份证号与第${seen.get(k)! + 1}行重复` });
      else seen.set(k, i);
    });
  });
export type TDepositUseRequest = z.input<typeof zDepositUseRequest>;

/** One instrument covering the project now, and what a use may still draw on it. */
export const zUseInstrument = z.object({
  type: z.enum(USE_INSTRUMENT_TYPES),
  id: z.string(),
  /** 现金存缴 / 银行保函 / 保单保函 / 保险保单 */
  label: z.string(),
  number: z.string().nullable(),
  holderOrgId: z.string().nullable(),
  holderName: z.string(),
  amount: z.string(),
  used: z.string(),
  available: z.string(),
});
export const zUseCoverage = z.object({
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  depositStatus: z.string(),
  needsReplenish: z.boolean(),
  /** the sum of what the instruments may still pay */
  covered: z.string(),
  instruments: z.array(zUseInstrument),
});
export type TUseCoverage = z.infer<typeof zUseCoverage>;

export const zUseTransfer = z.object({
  id: z.string(),
  seq: z.number().int(),
  name: z.string(),
  /** masked (110105********002X) except for the paying bank or insurer */
  idNumber: z.string(),
  bankName: z.string(),
  cardNo: z.string(),
  amount: z.string(),
  status: z.enum(USE_TRANSFER_STATUSES),
  reference: z.string().nullable(),
  failReason: z.string().nullable(),
  paidOn: z.string().nullable(),
  allowedActions: z.array(z.enum(useTransferWorkflow.actionNames)),
});

export const zDepositUse = z.object({
  id: z.string(),
  /** 支付通知书文号 (本人社付〔2026〕第 000001 号) */
  noticeNo: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  hrssName: z.string(),
  decisionType: z.enum(DECISION_TYPES),
  decisionNo: z.string(),
  decisionDate: z.string(),
  decisionFile: zFileRef.nullable(),
  instrumentType: z.enum(USE_INSTRUMENT_TYPES),
  instrumentId: z.string(),
  instrumentLabel: z.string(),
  payerOrgId: z.string(),
  payerName: z.string(),
  amount: z.string(),
  paidAmount: z.string(),
  workerCount: z.number().int(),
  paidCount: z.number().int(),
  failedCount: z.number().int(),
  status: z.enum(DEPOSIT_USE_STATUSES),
  /** the bank or insurer pays by this date (5 working days) */
  payDueOn: z.string(),
  replenishStatus: z.enum(USE_REPLENISH_STATUSES),
  /** 待补足 amount (0 once confirmed) and its deadline (10 working days from the use) */
  replenishAmount: z.string(),
  replenishDueOn: z.string(),
  /** the replenishment's cash deposit, if any: its number, status and the amount arrived */
  replenishCash: z.object({ id: z.string(), status: z.string(), bankName: z.string(), paidAmount: z.string() }).nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  replenishConfirmedAt: z.string().nullable(),
  /** the list of workers (absent for the enterprise, who sees only the count and total) */
  transfers: z.array(zUseTransfer).nullable(),
  allowedActions: z.array(z.enum(depositUseWorkflow.actionNames)),
  replenishActions: z.array(z.enum(useReplenishmentWorkflow.actionNames)),
});
export type TDepositUse = z.infer<typeof zDepositUse>;

export const zDepositUseListQuery = zPageQuery.extend({
  status: z.enum(DEPOSIT_USE_STATUSES, { error: '状态不正确' }).optional(),
  replenishStatus: z.enum(USE_REPLENISH_STATUSES, { error: '补足状态不正确' }).optional(),
  projectName: zFilterText,
  noticeNo: zFilterText,
});
export type TDepositUseListQuery = z.infer<typeof zDepositUseListQuery>;

export const zUseIdParams = z.object({ id: zSnowflakeId('编号格式不正确') });
const zTransferId = zSnowflakeId('请选择农民工');

/** The bank's or insurer's per-worker result in its portal. */
export const zPayTransferRequest = z.object({ transferId: zTransferId, paidOn: zDateOf(L.paidOn), reference: zText(L.reference, 64) });
export const zFailTransferRequest = z.object({ transferId: zTransferId, reason: zText(L.reason, 200) });
/** hrss corrects a failed worker's bank details (the transfer is tried again). */
export const zCorrectTransferRequest = z.object({ transferId: zTransferId, bankName: zText(L.bankName, 60), cardNo: zCardNo });

/** 补足 by a new cash deposit: the bank and its 存款协议书 as in 现金存缴. */
export const zReplenishCashRequest = z.object({
  bankOrgId: zRef('经办银行'),
  agreementFileId: zFileId('存款协议书'),
  handlerName: zText('经办人', 30),
  handlerPhone: zPhoneOf('经办人手机'),
});
export type TReplenishCashRequest = z.input<typeof zReplenishCashRequest>;

/** The Excel import's answer: the rows read (to fill the table), or a 400 naming row and column. */
export const zUseWorkerImport = z.object({ workers: z.array(z.object({ name: z.string(), idNumber: z.string(), bankName: z.string(), cardNo: z.string(), amount: z.string() })), total: z.string() });
export const zImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

// ——— open API (SPEC §13 payment-notices) ———

export const zOpenPaymentNoticeListQuery = zPageQuery.extend({
  status: z.enum(DEPOSIT_USE_STATUSES, { error: 'status 应为 notified 或 paid' }).optional(),
});
export const zOpenPaymentNotice = z.object({
  /** the notice's number in the API (19 digits, as `{no}` in the paths) */
  no: z.string(),
  /** 通知书文号: 本人社付〔2026〕第 000001 号 */
  noticeNo: z.string(),
  status: z.enum(DEPOSIT_USE_STATUSES),
  projectNo: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  hrssName: z.string(),
  decisionType: z.enum(DECISION_TYPES),
  decisionNo: z.string(),
  decisionDate: z.string(),
  instrumentType: z.enum(USE_INSTRUMENT_TYPES),
  instrumentNo: z.string(),
  amount: z.string(),
  paidAmount: z.string(),
  dueOn: z.string(),
  issuedAt: z.string(),
  transfers: z.array(
    z.object({
      name: z.string(),
      idNumber: z.string(),
      bankName: z.string(),
      cardNo: z.string(),
      amount: z.string(),
      status: z.enum(USE_TRANSFER_STATUSES),
      reference: z.string().nullable(),
      failReason: z.string().nullable(),
      paidOn: z.string().nullable(),
    }),
  ),
});
export type TOpenPaymentNotice = z.infer<typeof zOpenPaymentNotice>;
export const zOpenPaidRequest = z.object({
  paidOn: zDateOf('paidOn（支付日期）'),
  transfers: z
    .array(z.object({ idNumber: zIdNumber, amount: zPositiveMoney('amount（金额）'), reference: zText('reference（交易流水号）', 64) }), { error: '请填写 transfers' })
    .min(1, { error: 'transfers 至少一条' })
    .max(USE_MAX_WORKERS),
});
export const zOpenFailedRequest = z.object({
  transfers: z
    .array(z.object({ idNumber: zIdNumber, reason: zText('reason（失败原因）', 200) }), { error: '请填写 transfers' })
    .min(1, { error: 'transfers 至少一条' })
    .max(USE_MAX_WORKERS),
});
