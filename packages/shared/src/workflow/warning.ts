/**
 * 预警 (SPEC §10, ADR 037): the warning types. A type is a code, a Chinese label, the kind of object it
 * is about, and who must act. The server keeps one rule per type (modules/warnings/rules.ts) that
 * says which warnings should be open now; the sweep raises the new ones and clears the rest.
 *
 * A workflow adds its type here (code + label + object + actor) and its rule on the server
 * (docs/ADDING-A-WORKFLOW.md §13).
 */
export const WARNING_TYPES = [
  'guarantee_expiring',
  'guarantee_expired',
  'quota_unpaid',
  'quota_review_overdue',
  'offline_review_overdue',
  'bank_accept_overdue',
  'bank_issue_overdue',
  // issue 13/14 (helper X1): 备案 / 注销 / 返还 / 动用 deadlines
  'filing_review_overdue',
  'cancellation_review_overdue',
  'return_confirm_overdue',
  'use_payment_overdue',
  'replenish_overdue',
] as const;
export type WarningType = (typeof WARNING_TYPES)[number];

export const warningTypeLabels: Record<WarningType, string> = {
  guarantee_expiring: '保函（保单）即将到期',
  guarantee_expired: '保函（保单）已过期',
  quota_unpaid: '定额审核通过后逾期未缴纳',
  quota_review_overdue: '定额审核超期',
  offline_review_overdue: '保单保函审核超期',
  bank_accept_overdue: '银行受理超期',
  bank_issue_overdue: '银行出函超期',
  filing_review_overdue: '备案审核超期',
  cancellation_review_overdue: '注销审核超期',
  return_confirm_overdue: '返还确认超期',
  use_payment_overdue: '支付通知超期',
  replenish_overdue: '补足超期',
};

/** 由谁处理 */
export type WarningActor = 'enterprise' | 'hrss' | 'bank' | 'insurer';
export const warningActorLabels: Record<WarningActor, string> = { enterprise: '企业', hrss: '人社部门', bank: '银行', insurer: '保险公司' };
export const warningTypeActor: Record<WarningType, WarningActor> = {
  guarantee_expiring: 'enterprise',
  guarantee_expired: 'enterprise',
  quota_unpaid: 'enterprise',
  quota_review_overdue: 'hrss',
  offline_review_overdue: 'hrss',
  bank_accept_overdue: 'bank',
  bank_issue_overdue: 'bank',
  filing_review_overdue: 'hrss',
  cancellation_review_overdue: 'hrss',
  return_confirm_overdue: 'bank',
  // the payer of the notice: the bank holding the cash or the bank / insurer that issued the guarantee or policy (the warning's addressee)
  use_payment_overdue: 'bank',
  replenish_overdue: 'enterprise',
};

/** What the warning is about (an object of another module; the link of the web goes by it). */
export const WARNING_OBJECT_TYPES = ['guarantee', 'quota_application', 'offline_guarantee', 'guarantee_application', 'filing', 'cancellation', 'return_confirmation', 'deposit_use'] as const;
export type WarningObjectType = (typeof WARNING_OBJECT_TYPES)[number];
export const warningObjectLabels: Record<WarningObjectType, string> = {
  guarantee: '保函（保单）',
  quota_application: '定额申请',
  offline_guarantee: '保单保函上传',
  guarantee_application: '银行保函申请',
  filing: '备案申请',
  cancellation: '注销申请',
  return_confirmation: '返还（销户）确认书',
  deposit_use: '保证金动用（支付通知书）',
};

export const WARNING_STATES = ['open', 'cleared'] as const;
export type WarningState = (typeof WARNING_STATES)[number];
export const warningStateLabels: Record<WarningState, string> = { open: '预警中', cleared: '已解除' };

/** Why a warning was cleared (cleared_reason). */
export const WARNING_CLEAR_REASONS = ['resolved', 'project_cancelled', 'superseded'] as const;
export type WarningClearReason = (typeof WARNING_CLEAR_REASONS)[number];
export const warningClearReasonLabels: Record<WarningClearReason, string> = {
  resolved: '情况已消除',
  project_cancelled: '项目已注销',
  superseded: '已转为其他预警',
};

/** 定额审核通过后 20 个工作日内（自合同签订）缴纳 */
export const QUOTA_PAY_WORKING_DAYS = 20;
/** 银行受理 / 出函: 5 working days */
export const BANK_WORKING_DAYS = 5;
