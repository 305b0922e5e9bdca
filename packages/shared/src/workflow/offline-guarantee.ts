import { defineWorkflow } from './define';
import { permissions } from '../permissions';

/**
 * 保单保函上传 (SPEC §6, manual 2.2.1): an offline guarantee or policy the enterprise uploads and the
 * project's 人社监管单位 verifies. 待审核 → 已通过 (registered in 保函管理, the deposit covered) |
 * 已退回 (with a reason; the enterprise uploads again) | 已关闭 (the enterprise switched to another
 * way of paying before the review: closed by the payment core's closer).
 */
export const OFFLINE_GUARANTEE_STATUSES = ['pending', 'approved', 'returned', 'closed'] as const;
export type OfflineGuaranteeStatus = (typeof OFFLINE_GUARANTEE_STATUSES)[number];
export const offlineGuaranteeStatusLabels: Record<OfflineGuaranteeStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
  closed: '已关闭',
};

/** `owner`: the upload is the acting enterprise's own. */
export type OfflineGuaranteeCondition = 'owner';

export const offlineGuaranteeWorkflow = defineWorkflow<OfflineGuaranteeStatus, 'submit' | 'approve' | 'return' | 'close', OfflineGuaranteeCondition, 'offline_guarantee'>({
  name: 'offline_guarantee',
  states: offlineGuaranteeStatusLabels,
  actions: {
    submit: { label: '确定', auditLabel: '保单保函上传', from: [], to: 'pending', creates: true, roles: permissions['guarantee.upload'], when: ['owner'] },
    approve: { label: '通过', auditLabel: '保单保函审核通过', from: ['pending'], to: 'approved', roles: permissions['guarantee.review'] },
    return: { label: '退回', auditLabel: '保单保函审核退回', from: ['pending'], to: 'returned', roles: permissions['guarantee.review'] },
    // no role: taken by the platform when the enterprise switches to another way of paying
    close: { label: '关闭', auditLabel: '保单保函关闭（切换缴纳方式）', from: ['pending'], to: 'closed' },
  },
});

export type OfflineGuaranteeAction = (typeof offlineGuaranteeWorkflow.actionNames)[number];

/** 保险类型 of an offline upload (the manual's select: 银行保函; SPEC §6 "an offline guarantee or policy"). */
export const OFFLINE_INSTRUMENT_TYPES = ['bank_guarantee', 'surety_insurance'] as const;
export type OfflineInstrumentType = (typeof OFFLINE_INSTRUMENT_TYPES)[number];
export const offlineInstrumentTypeLabels: Record<OfflineInstrumentType, string> = {
  bank_guarantee: '银行保函',
  surety_insurance: '保证保险',
};
/** 产品名称's default per 保险类型 (the manual shows 农民工工资支付银行保函). */
export const offlineDefaultProductName: Record<OfflineInstrumentType, string> = {
  bank_guarantee: '农民工工资支付银行保函',
  surety_insurance: '农民工工资支付履约保证保险',
};

/** hrss decides within 5 working days of the upload (SPEC §10: review overdue). */
export const OFFLINE_REVIEW_WORKING_DAYS = 5;
