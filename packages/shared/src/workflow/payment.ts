import { defineWorkflow } from './define';
import { depositWorkflow } from './deposit';
import type { DepositStatus } from './project';
import { permissions } from '../permissions';
import type { OpenEventType } from '../schemas/open';

/**
 * 缴纳 (SPEC §6, manual 2.2): the enterprise covers the deposit in one of four ways. Each way keeps
 * its own record (a 现金存缴, an online 银行保函 application, an uploaded 保单保函, an insurance order);
 * a *payment attempt* ties the project's deposit to the record of the way being tried, at most one
 * open at a time (payment_attempts_open_uq). Choosing another way closes the open attempt (and its
 * record) after a confirmation; covering the required amount closes it as 已缴足 and the deposit
 * becomes 已缴纳 (deposit events payment_started / payment_covered / payment_abandoned).
 */
export const PAYMENT_WAYS = ['cash', 'bank_guarantee', 'offline_guarantee', 'insurance'] as const;
export type PaymentWay = (typeof PAYMENT_WAYS)[number];
export const paymentWayLabels: Record<PaymentWay, string> = {
  cash: '现金存缴',
  bank_guarantee: '银行保函',
  offline_guarantee: '保单保函',
  insurance: '保险',
};
/** The way as the confirmation dialog names what it closes: "切换缴纳方式将关闭当前的银行保函办理，确定切换吗？" */
export const switchConfirmText = (openWay: PaymentWay) => `切换缴纳方式将关闭当前的${paymentWayLabels[openWay]}办理，确定切换吗？`;

// ------------------------------------------------------------------------------------------------
// The attempt

export const PAYMENT_ATTEMPT_STATUSES = ['open', 'covered', 'closed'] as const;
export type PaymentAttemptStatus = (typeof PAYMENT_ATTEMPT_STATUSES)[number];
export const paymentAttemptStatusLabels: Record<PaymentAttemptStatus, string> = { open: '办理中', covered: '已缴足', closed: '已关闭' };

/** The attempt's moves are the platform's (taken by the ways' commands), never a button of their own. */
export const paymentAttemptWorkflow = defineWorkflow<PaymentAttemptStatus, 'open' | 'cover' | 'close' | 'switch', never, 'payment'>({
  name: 'payment',
  states: paymentAttemptStatusLabels,
  actions: {
    open: { label: '开始缴纳办理', from: [], to: 'open', creates: true },
    cover: { label: '缴纳办理完成（已缴足）', from: ['open'], to: 'covered' },
    close: { label: '缴纳办理关闭', from: ['open'], to: 'closed' },
    switch: { label: '切换缴纳方式（关闭原办理）', from: ['open'], to: 'closed' },
  },
});

/** Why a closed attempt was closed (payment_attempts.closed_reason). */
export const ATTEMPT_CLOSE_REASONS = ['switched', 'refused', 'returned', 'withdrawn'] as const;
export type AttemptCloseReason = (typeof ATTEMPT_CLOSE_REASONS)[number];
export const attemptCloseReasonLabels: Record<AttemptCloseReason, string> = {
  switched: '已切换缴纳方式',
  refused: '银行不受理',
  returned: '审核退回',
  withdrawn: '企业撤回',
};

/** A way's record that cannot be closed any more (the bank issued, the money arrived): why, for the 409. */
export const attemptNotClosableMessages: Record<PaymentWay, string> = {
  cash: '银行已确认到账，不能切换缴纳方式',
  bank_guarantee: '银行已出函，不能切换缴纳方式',
  offline_guarantee: '保单保函已审核通过，不能切换缴纳方式',
  insurance: '保险已出单，不能切换缴纳方式',
};

// ------------------------------------------------------------------------------------------------
// 现金存缴

/**
 * 待到账 (submitted: the bank opens the 工资保证金专用账户 and waits for the money) → 部分到账 (arrivals
 * below the required amount) → 已到账 (covered); 已关闭 when the enterprise switched ways before any
 * money arrived.
 */
export const CASH_DEPOSIT_STATUSES = ['awaiting', 'partial', 'arrived', 'closed'] as const;
export type CashDepositStatus = (typeof CASH_DEPOSIT_STATUSES)[number];
export const cashDepositStatusLabels: Record<CashDepositStatus, string> = {
  awaiting: '待到账',
  partial: '部分到账',
  arrived: '已到账',
  closed: '已关闭',
};

/**
 * `confirm` is the bank's 确认到账 button; the server moves to 部分到账 or, when the arrivals cover the
 * required amount, to 已到账 (`complete`, taken by the platform in the same command).
 */
export const cashDepositWorkflow = defineWorkflow<CashDepositStatus, 'submit' | 'confirm' | 'complete' | 'close', never, 'cash_deposit'>({
  name: 'cash_deposit',
  states: cashDepositStatusLabels,
  actions: {
    submit: { label: '提交现金存缴', from: [], to: 'awaiting', creates: true, roles: permissions['payment.apply'] },
    confirm: { label: '确认到账', auditLabel: '银行确认现金到账', from: ['awaiting', 'partial'], to: 'partial', roles: permissions['payment.bank'] },
    complete: { label: '现金已足额到账', from: ['awaiting', 'partial'], to: 'arrived', audited: false },
    close: { label: '关闭现金存缴', auditLabel: '关闭现金存缴（切换缴纳方式）', from: ['awaiting'], to: 'closed' },
  },
});

// ------------------------------------------------------------------------------------------------
// 银行保函办理 (online)

/** SPEC §13 fixes the open API's names: submitted, accepted, issued, refused (and closed by a switch). */
export const GUARANTEE_APPLICATION_STATUSES = ['submitted', 'accepted', 'issued', 'refused', 'closed'] as const;
export type GuaranteeApplicationStatus = (typeof GUARANTEE_APPLICATION_STATUSES)[number];
export const guaranteeApplicationStatusLabels: Record<GuaranteeApplicationStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  issued: '已出函',
  refused: '不受理',
  closed: '已关闭',
};

export const guaranteeApplicationWorkflow = defineWorkflow<GuaranteeApplicationStatus, 'submit' | 'accept' | 'refuse' | 'issue' | 'close', never, 'guarantee_application'>({
  name: 'guarantee_application',
  states: guaranteeApplicationStatusLabels,
  actions: {
    submit: { label: '提交银行保函申请', from: [], to: 'submitted', creates: true, roles: permissions['payment.apply'] },
    accept: { label: '受理', auditLabel: '银行受理保函申请', from: ['submitted'], to: 'accepted', roles: permissions['payment.bank'] },
    refuse: { label: '不受理', auditLabel: '银行不受理保函申请', from: ['submitted', 'accepted'], to: 'refused', roles: permissions['payment.bank'] },
    issue: { label: '出函', auditLabel: '银行出具保函', from: ['accepted'], to: 'issued', roles: permissions['payment.bank'] },
    close: { label: '关闭保函申请', auditLabel: '关闭银行保函申请（切换缴纳方式）', from: ['submitted', 'accepted'], to: 'closed' },
  },
});

/** The types of the bank's events feed (open API `events`): a new task, or one withdrawn. */
export const PAYMENT_OPEN_EVENT_TYPES = {
  guaranteeSubmitted: 'guarantee_application.submitted',
  guaranteeClosed: 'guarantee_application.closed',
  guaranteeAccepted: 'guarantee_application.accepted',
  guaranteeRefused: 'guarantee_application.refused',
  guaranteeIssued: 'guarantee_application.issued',
  cashSubmitted: 'cash_deposit.submitted',
  cashConfirmed: 'cash_deposit.confirmed',
  cashClosed: 'cash_deposit.closed',
} as const satisfies Record<string, OpenEventType>;

/**
 * The deposit states a payment may start or go on from (待缴纳, 已缓缴, 缴纳中): those the deposit's
 * table lets a payment start or be covered from, so the rule has one source.
 */
export const PAYABLE_DEPOSIT_STATES: readonly DepositStatus[] = [...new Set([...depositWorkflow.actions.payment_started.from, ...depositWorkflow.actions.payment_covered.from])];
export const isPayableDeposit = (status: string): boolean => (PAYABLE_DEPOSIT_STATES as readonly string[]).includes(status);
