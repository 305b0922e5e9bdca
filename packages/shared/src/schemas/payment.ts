import { z } from 'zod';
import { zBool, zDateOf, zFileId, zFilterText, zMoney, zOptionalText, zPageQuery, zPhoneOf, zRef, zSnowflakeId, zText, yuanToFen, fenToYuan } from './common';
import { zFileRef } from './certification';
import { zOpenFile } from './open';
import { guaranteeTermProblem } from '../rules/guarantee-term';
import { APPLY_TYPES, PAY_METHODS } from '../workflow/quota';
import { DEPOSIT_STATUSES } from '../workflow/project';
import {
  ATTEMPT_CLOSE_REASONS,
  CASH_DEPOSIT_STATUSES,
  cashDepositWorkflow,
  GUARANTEE_APPLICATION_STATUSES,
  guaranteeApplicationWorkflow,
  PAYMENT_ATTEMPT_STATUSES,
  PAYMENT_WAYS,
} from '../workflow/payment';

// ------------------------------------------------------------------------------------------------
// 经办银行 and their offer

export const zBankOption = z.object({
  orgId: z.string(),
  name: z.string(),
  regions: z.array(z.string()),
  offersCashAccount: z.boolean(),
  offersGuarantee: z.boolean(),
  /** 开户须知 */
  accountInstructions: z.string(),
  accountBank: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
});
export type TBankOption = z.infer<typeof zBankOption>;

export const BANK_SERVICES = ['cash', 'guarantee'] as const;
/** `service`: only the banks with the 专用账户 (cash) or with online guarantees (guarantee); absent: either. */
export const zBankOptionsQuery = z.object({ service: z.enum(BANK_SERVICES, { error: '业务类型应为 cash 或 guarantee' }).optional() });

export const bankOfferLabels = {
  regions: '服务地区',
  offersCashAccount: '开立工资保证金专用账户',
  offersGuarantee: '办理银行保函',
  accountInstructions: '开户须知',
  accountBank: '开户行',
  contactName: '联系人',
  contactPhone: '联系电话',
} as const;

/** 机构管理 › 银行业务 (admin): what a bank offers on the platform. */
export const zBankOfferRequest = z.object({
  regions: z.array(z.string().regex(/^\d{6}$/, { error: '地区代码应为6位数字' }), { error: '请选择服务地区' }).min(1, { error: '请至少选择一个服务地区' }).max(20),
  offersCashAccount: zBool(bankOfferLabels.offersCashAccount),
  offersGuarantee: zBool(bankOfferLabels.offersGuarantee),
  accountInstructions: z.string({ error: '开户须知应为文字' }).trim().max(2000, { error: '开户须知不能超过2000个字' }),
  accountBank: zOptionalText(bankOfferLabels.accountBank, 100),
  contactName: zOptionalText(bankOfferLabels.contactName, 30),
  contactPhone: zOptionalText(bankOfferLabels.contactPhone, 30),
});
export type TBankOfferRequest = z.input<typeof zBankOfferRequest>;
export const zBankOfferParams = z.object({ orgId: z.uuid({ error: '单位编号格式不正确' }) });

// ------------------------------------------------------------------------------------------------
// 现金存缴

export const cashFieldLabels = {
  bankOrgId: '经办银行',
  agreementFileId: '存款协议书',
  handlerName: '经办人',
  handlerPhone: '经办人电话',
  accountNo: '账号',
  amount: '到账金额',
  arrivedOn: '到账日期',
  payerName: '付款人名称',
  voucherFileId: '凭证',
  voucherNo: '凭证号',
} as const;
const C = cashFieldLabels;

/** The enterprise's 现金存缴: the bank, the signed 存款协议书; `confirmSwitch` after "切换缴纳方式…确定切换吗？". */
export const zCashDepositRequest = z.object({
  projectId: zSnowflakeId('工程编号格式不正确'),
  bankOrgId: zRef(C.bankOrgId),
  agreementFileId: zFileId(C.agreementFileId),
  handlerName: zText(C.handlerName, 30),
  handlerPhone: zPhoneOf(C.handlerPhone),
  confirmSwitch: z.boolean({ error: '确认切换应为 true 或 false' }).optional(),
});
export type TCashDepositRequest = z.input<typeof zCashDepositRequest>;

const zAccountNo = zText(C.accountNo, 40).refine((v) => /^[0-9A-Za-z-]{6,40}$/.test(v), { error: '账号应为6到40位数字或字母' });

/** The bank's 确认到账 in its portal (the voucher uploaded first). */
export const zCashConfirmRequest = z.object({
  accountNo: zAccountNo,
  amount: zMoney(C.amount).refine((v) => yuanToFen(v) > 0n, { error: '到账金额应大于0' }),
  arrivedOn: zDateOf(C.arrivedOn),
  payerName: zText(C.payerName, 100),
  voucherFileId: zFileId(C.voucherFileId),
  voucherNo: zText(C.voucherNo, 64).optional(),
});
export type TCashConfirmRequest = z.input<typeof zCashConfirmRequest>;

export const zCashArrival = z.object({
  id: z.string(),
  accountNo: z.string(),
  amount: z.string(),
  arrivedOn: z.string(),
  payerName: z.string(),
  voucherNo: z.string().nullable(),
  voucherFile: zFileRef.nullable(),
  confirmedAt: z.string(),
});

export const zCashDeposit = z.object({
  /** 存缴编号 (19 digits, a string) */
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  bankOrgId: z.string(),
  bankName: z.string(),
  status: z.enum(CASH_DEPOSIT_STATUSES),
  /** 保证金应缴金额 */
  requiredAmount: z.string(),
  /** 已到账 (the arrivals' sum) */
  paidAmount: z.string(),
  /** 差额: required − paid, never negative */
  differenceAmount: z.string(),
  /** 超额: paid − required when more arrived than required */
  overAmount: z.string(),
  accountNo: z.string().nullable(),
  /** the bank's 开户须知 */
  accountInstructions: z.string(),
  accountBank: z.string().nullable(),
  handlerName: z.string(),
  handlerPhone: z.string(),
  agreementFile: zFileRef.nullable(),
  arrivals: z.array(zCashArrival),
  submittedAt: z.string(),
  coveredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(cashDepositWorkflow.actionNames)),
});
export type TCashDeposit = z.infer<typeof zCashDeposit>;

export const zPaymentIdParams = z.object({ id: zSnowflakeId('编号格式不正确') });

/** Lists: `todo=1` — what the bank still has to act on, oldest first (its 待办). */
export const zCashDepositListQuery = zPageQuery.extend({
  status: z.enum(CASH_DEPOSIT_STATUSES, { error: '状态不正确' }).optional(),
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  projectName: zFilterText,
  todo: z.enum(['1']).optional(),
});

// ------------------------------------------------------------------------------------------------
// 银行保函办理

export const guaranteeFieldLabels = {
  bankOrgId: '经办银行',
  amount: '保函金额',
  termFrom: '保函期限开始日期',
  termTo: '保函期限结束日期',
  handlerName: '经办人',
  handlerPhone: '经办人电话',
  remark: '申请说明',
  reason: '不受理原因',
  guaranteeNo: '保函号',
  issuedOn: '出函日期',
  validFrom: '保函期限开始日期',
  validTo: '保函期限结束日期',
  fee: '手续费',
  letterFileId: '保函文件',
} as const;
const G = guaranteeFieldLabels;

export const zGuaranteeApplicationRequest = z.object({
  projectId: zSnowflakeId('工程编号格式不正确'),
  bankOrgId: zRef(G.bankOrgId),
  amount: zMoney(G.amount),
  termFrom: zDateOf(G.termFrom),
  termTo: zDateOf(G.termTo),
  handlerName: zText(G.handlerName, 30),
  handlerPhone: zPhoneOf(G.handlerPhone),
  remark: zOptionalText(G.remark, 500),
  confirmSwitch: z.boolean({ error: '确认切换应为 true 或 false' }).optional(),
});
export type TGuaranteeApplicationRequest = z.input<typeof zGuaranteeApplicationRequest>;

/** What the rules compare an application with: the approved amount, the 计划竣工日期, the platform's today. */
export interface GuaranteeRuleContext {
  requiredAmount: string;
  plannedEnd: string;
  today: string;
}

/** The rules of an application that need the project (保函金额 ≥ the quota; 保函期限), as field errors. */
export function guaranteeApplicationProblems(v: { amount: string; termFrom: string; termTo: string }, c: GuaranteeRuleContext): { field: 'amount' | 'termTo'; message: string }[] {
  const out: { field: 'amount' | 'termTo'; message: string }[] = [];
  if (/^\d{1,13}(\.\d{1,2})?$/.test(v.amount) && yuanToFen(v.amount) < yuanToFen(c.requiredAmount)) {
    out.push({ field: 'amount', message: `保函金额不得低于核定的保证金应缴金额 ${fenToYuan(yuanToFen(c.requiredAmount))} 元` });
  }
  const term = guaranteeTermProblem({ from: v.termFrom, to: v.termTo, plannedEnd: c.plannedEnd, today: c.today });
  if (term) out.push({ field: 'termTo', message: term });
  return out;
}

/** The form's schema with the project's rules (the web): the same checks the server makes. */
export const zGuaranteeApplicationFormFor = (c: GuaranteeRuleContext) =>
  zGuaranteeApplicationRequest.superRefine((v, ctx) => {
    for (const p of guaranteeApplicationProblems(v, c)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

export const zRefuseGuarantee = z.object({ reason: zText(G.reason, 500) });

/** The bank's 出函 in its portal (the letter PDF uploaded first). */
export const zGuaranteeIssueRequest = z.object({
  guaranteeNo: zText(G.guaranteeNo, 64),
  issuedOn: zDateOf(G.issuedOn),
  validFrom: zDateOf(G.validFrom),
  validTo: zDateOf(G.validTo),
  amount: zMoney(G.amount).refine((v) => yuanToFen(v) > 0n, { error: '保函金额应大于0' }),
  fee: zMoney(G.fee),
  letterFileId: zFileId(G.letterFileId),
});
export type TGuaranteeIssueRequest = z.input<typeof zGuaranteeIssueRequest>;

export const zGuaranteeApplication = z.object({
  /** 申请编号 (19 digits, a string) */
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  enterpriseName: z.string(),
  bankOrgId: z.string(),
  bankName: z.string(),
  status: z.enum(GUARANTEE_APPLICATION_STATUSES),
  requiredAmount: z.string(),
  amount: z.string(),
  beneficiaryName: z.string(),
  termFrom: z.string(),
  termTo: z.string(),
  handlerName: z.string(),
  handlerPhone: z.string(),
  remark: z.string().nullable(),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  refusedAt: z.string().nullable(),
  refuseReason: z.string().nullable(),
  issuedAt: z.string().nullable(),
  guaranteeNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  issuedAmount: z.string().nullable(),
  fee: z.string().nullable(),
  letterFile: zFileRef.nullable(),
  closedAt: z.string().nullable(),
  allowedActions: z.array(z.enum(guaranteeApplicationWorkflow.actionNames)),
});
export type TGuaranteeApplication = z.infer<typeof zGuaranteeApplication>;

export const zGuaranteeListQuery = zPageQuery.extend({
  status: z.enum(GUARANTEE_APPLICATION_STATUSES, { error: '状态不正确' }).optional(),
  projectId: zSnowflakeId('工程编号格式不正确').optional(),
  projectName: zFilterText,
  todo: z.enum(['1']).optional(),
});

// ------------------------------------------------------------------------------------------------
// The deposit card (定额保证金, manual 2.2)

/** Payments started from the project's deposit card, as `${workflow}.submit`. */
export const PAYMENT_START_ACTIONS = ['cash_deposit.submit', 'guarantee_application.submit', 'offline_guarantee.submit', 'insurance_order.submit'] as const;
export type PaymentStartAction = (typeof PAYMENT_START_ACTIONS)[number];

export const FILING_STATES = ['none', 'filing', 'filed'] as const;
export const filingStateLabels = { none: '未备案', filing: '备案中', filed: '已备案' } as const;

export const zDepositCard = z.object({
  projectId: z.string(),
  projectName: z.string(),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  /** 备案状态 */
  filingState: z.enum(FILING_STATES),
  /** the approved quota (none before approval) */
  quota: z
    .object({
      batchNo: z.string(),
      contractAmount: z.string(),
      /** 申请比例, e.g. "2.00%" */
      ratioText: z.string(),
      /** 保证金应缴金额 (核定) */
      requiredAmount: z.string(),
      applyType: z.enum(APPLY_TYPES),
      payMethod: z.enum(PAY_METHODS).nullable(),
      handlerName: z.string(),
      handlerPhone: z.string(),
      /** 申请办理时间 (the approval) */
      decidedAt: z.string().nullable(),
      /** 创建时间 (the submission) */
      submittedAt: z.string(),
    })
    .nullable(),
  /** 缴纳方式 shown: the way being paid (or paid) or else the quota's choice */
  payWayLabel: z.string(),
  /** 保函金额 / 现金金额 */
  amountLabel: z.string(),
  amount: z.string(),
  /** the way of the open or covering attempt */
  currentWay: z.enum(PAYMENT_WAYS).nullable(),
  attempt: z
    .object({
      id: z.string(),
      way: z.enum(PAYMENT_WAYS),
      refId: z.string(),
      status: z.enum(PAYMENT_ATTEMPT_STATUSES),
      openedAt: z.string(),
    })
    .nullable(),
  /** progress of the current way */
  progress: z
    .object({
      statusLabel: z.string(),
      paidAmount: z.string().nullable(),
      differenceAmount: z.string().nullable(),
      overAmount: z.string().nullable(),
      /** e.g. 等待银行回传办理结果 */
      note: z.string().nullable(),
    })
    .nullable(),
  cash: zCashDeposit.nullable(),
  guarantee: zGuaranteeApplication.nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      way: z.enum(PAYMENT_WAYS),
      refId: z.string(),
      status: z.enum(PAYMENT_ATTEMPT_STATUSES),
      openedAt: z.string(),
      closedAt: z.string().nullable(),
      closedReason: z.enum(ATTEMPT_CLOSE_REASONS).nullable(),
    }),
  ),
  allowedActions: z.array(z.enum(PAYMENT_START_ACTIONS)),
});
export type TDepositCard = z.infer<typeof zDepositCard>;

// ------------------------------------------------------------------------------------------------
// The open API for banks (SPEC §13): small, stable shapes of their own (a contract with the banks'
// systems); amounts in yuan strings, dates YYYY-MM-DD, numbers as strings, files { name, contentBase64 }.

export const zOpenNoParams = z.object({ no: zSnowflakeId('编号（no）格式不正确') });

export const zOpenGuaranteeListQuery = zPageQuery.extend({
  status: z.enum(GUARANTEE_APPLICATION_STATUSES, { error: 'status 应为 submitted、accepted、issued、refused 或 closed' }).optional(),
});
export const zOpenCashListQuery = zPageQuery.extend({
  status: z.enum(CASH_DEPOSIT_STATUSES, { error: 'status 应为 awaiting、partial、arrived 或 closed' }).optional(),
});

export const zOpenGuaranteeApplication = z.object({
  no: z.string(),
  status: z.enum(GUARANTEE_APPLICATION_STATUSES),
  projectNo: z.string(),
  projectName: z.string(),
  /** 被保证人 (the enterprise) */
  applicantName: z.string(),
  /** 受益人 (the project's 人社监管单位) */
  beneficiaryName: z.string(),
  requiredAmount: z.string(),
  amount: z.string(),
  termFrom: z.string(),
  termTo: z.string(),
  handlerName: z.string(),
  handlerPhone: z.string(),
  remark: z.string().nullable(),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  refusedAt: z.string().nullable(),
  refuseReason: z.string().nullable(),
  issued: z
    .object({ guaranteeNo: z.string(), issuedOn: z.string(), validFrom: z.string(), validTo: z.string(), amount: z.string(), fee: z.string() })
    .nullable(),
});
export type TOpenGuaranteeApplication = z.infer<typeof zOpenGuaranteeApplication>;

export const zOpenCashDeposit = z.object({
  no: z.string(),
  status: z.enum(CASH_DEPOSIT_STATUSES),
  projectNo: z.string(),
  projectName: z.string(),
  /** the payer must be this enterprise */
  enterpriseName: z.string(),
  requiredAmount: z.string(),
  paidAmount: z.string(),
  differenceAmount: z.string(),
  overAmount: z.string(),
  accountNo: z.string().nullable(),
  submittedAt: z.string(),
  arrivals: z.array(z.object({ accountNo: z.string(), amount: z.string(), arrivedOn: z.string(), payerName: z.string(), voucherNo: z.string().nullable(), confirmedAt: z.string() })),
});
export type TOpenCashDeposit = z.infer<typeof zOpenCashDeposit>;

/** `POST /api/open/v1/guarantee-applications/{no}/issue`. */
export const zOpenIssueGuarantee = zGuaranteeIssueRequest.omit({ letterFileId: true }).extend({ letter: zOpenFile('保函文件（letter）') });
/** `POST /api/open/v1/cash-deposits/{no}/confirm`; `voucherNo` (凭证号) is optional. */
export const zOpenConfirmCash = zCashConfirmRequest.omit({ voucherFileId: true }).extend({ voucher: zOpenFile('凭证（voucher）') });
