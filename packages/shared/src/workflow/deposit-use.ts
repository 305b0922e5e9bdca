import { defineWorkflow } from './define';
import { permissions } from '../permissions';

/**
 * 保证金动用 (SPEC §9; 65号 art. 15–17). hrss records a use on a covered deposit: the administrative
 * decision, the workers and the 支付通知书 addressed to the bank or insurer that holds the instrument
 * drawn on. Three definitions:
 *
 * - the notice (deposit_use): 待支付 → 已支付 once every worker's transfer is 已支付;
 * - each worker's transfer (use_transfer): 待支付 → 已支付 (reference) | 支付失败 (reason) → 待支付 when
 *   hrss corrects the worker's bank details;
 * - the replenishment (use_replenishment): 待补足 → 已补足 when hrss confirms (the 待补足 flag of the
 *   deposit is raised by the use and lifted by this confirmation, through the deposit module only).
 */
export const DEPOSIT_USE_STATUSES = ['notified', 'paid'] as const;
export type DepositUseStatus = (typeof DEPOSIT_USE_STATUSES)[number];
export const depositUseStatusLabels: Record<DepositUseStatus, string> = { notified: '待支付', paid: '已支付' };
/** The open API's `?status=` codes of a 支付通知书 (SPEC §13 payment-notices). */
export const PAYMENT_NOTICE_STATUS_CODES = { notified: 'notified', paid: 'paid' } as const satisfies Record<DepositUseStatus, string>;

export const depositUseWorkflow = defineWorkflow<DepositUseStatus, 'record' | 'complete', never, 'deposit_use'>({
  name: 'deposit_use',
  states: depositUseStatusLabels,
  actions: {
    record: { label: '提交', auditLabel: '保证金动用（出具支付通知书）', from: [], to: 'notified', creates: true, roles: permissions['use.manage'] },
    // by the platform, in the transaction of the transfer that pays the last worker
    complete: { label: '全部支付', auditLabel: '支付通知书已全部支付', from: ['notified'], to: 'paid' },
  },
});

export const USE_TRANSFER_STATUSES = ['pending', 'paid', 'failed'] as const;
export type UseTransferStatus = (typeof USE_TRANSFER_STATUSES)[number];
export const useTransferStatusLabels: Record<UseTransferStatus, string> = { pending: '待支付', paid: '已支付', failed: '支付失败' };

export const useTransferWorkflow = defineWorkflow<UseTransferStatus, 'pay' | 'fail' | 'correct', never, 'use_transfer'>({
  name: 'use_transfer',
  states: useTransferStatusLabels,
  actions: {
    pay: { label: '已支付', auditLabel: '支付通知书：工资已支付', from: ['pending'], to: 'paid', roles: permissions['use.pay'] },
    fail: { label: '支付失败', auditLabel: '支付通知书：支付失败', from: ['pending'], to: 'failed', roles: permissions['use.pay'] },
    correct: { label: '更正', auditLabel: '支付通知书：更正收款信息', from: ['failed'], to: 'pending', roles: permissions['use.manage'] },
  },
});

export const USE_REPLENISH_STATUSES = ['pending', 'confirmed'] as const;
export type UseReplenishStatus = (typeof USE_REPLENISH_STATUSES)[number];
export const useReplenishStatusLabels: Record<UseReplenishStatus, string> = { pending: '待补足', confirmed: '已补足' };

/** `replenished`: the enterprise's replenishment (a cash deposit) has arrived in full. `owner`: the enterprise's own use. */
export type UseReplenishCondition = 'replenished' | 'owner' | 'notReplenishing';

export const useReplenishmentWorkflow = defineWorkflow<UseReplenishStatus, 'replenish_cash' | 'confirm', UseReplenishCondition, 'use_replenishment'>({
  name: 'use_replenishment',
  states: useReplenishStatusLabels,
  actions: {
    replenish_cash: { label: '补足（现金存缴）', auditLabel: '保证金补足：提交现金存缴', from: ['pending'], to: 'pending', roles: permissions['use.replenish'], when: ['owner', 'notReplenishing'] },
    confirm: { label: '确认补足', auditLabel: '保证金补足确认', from: ['pending'], to: 'confirmed', roles: permissions['use.manage'], when: ['replenished'] },
  },
});

export const DECISION_TYPES = ['order_to_pay', 'advance_payment'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];
export const decisionTypeLabels: Record<DecisionType, string> = { order_to_pay: '责令限期清偿', advance_payment: '先行清偿' };

/** What a use draws on: a cash deposit (the bank holding it) or a register row (a guarantee or policy, its issuer). */
export const USE_INSTRUMENT_TYPES = ['cash_deposit', 'guarantee'] as const;
export type UseInstrumentType = (typeof USE_INSTRUMENT_TYPES)[number];

/** The bank or insurer pays within 5 working days of the notice; the enterprise replenishes within 10 of the use (SPEC §9). */
export const USE_PAY_WORKING_DAYS = 5;
export const USE_REPLENISH_WORKING_DAYS = 10;
/** At most this many workers in one use (one Excel file). */
export const USE_MAX_WORKERS = 500;
