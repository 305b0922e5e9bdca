import { defineWorkflow } from './define';
import { permissions } from '../permissions';

/** 定额申请 (SPEC §5): 申请中 → 已完成 | 已驳回; a pending one may be withdrawn by the enterprise. */
export const QUOTA_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];
export const quotaStatusLabels: Record<QuotaStatus, string> = {
  pending: '申请中',
  approved: '已完成',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/**
 * Conditions the server evaluates for an action besides state and role:
 * - `owner`: the application is the acting enterprise's own;
 * - `latest`: it is the newest application of its project and nothing of the project is live;
 * - `projectOpen`: its project is not 竣工.
 */
export type QuotaCondition = 'owner' | 'latest' | 'projectOpen';

/** The 定额申请 workflow (ADR 017): the single source of its states, actions, roles and audit codes. */
export const quotaWorkflow = defineWorkflow<QuotaStatus, 'submit' | 'approve' | 'reject' | 'withdraw' | 'resubmit', QuotaCondition, 'quota'>({
  name: 'quota',
  states: quotaStatusLabels,
  actions: {
    submit: { label: '提交定额申请', from: [], to: 'pending', creates: true, roles: permissions['quota.apply'], when: ['owner', 'projectOpen'] },
    approve: { label: '通过', auditLabel: '定额申请审核通过', from: ['pending'], to: 'approved', roles: permissions['quota.review'] },
    reject: { label: '驳回', auditLabel: '定额申请审核驳回', from: ['pending'], to: 'rejected', roles: permissions['quota.review'] },
    withdraw: { label: '撤回', auditLabel: '撤回定额申请', from: ['pending'], to: 'withdrawn', roles: permissions['quota.apply'], when: ['owner'] },
    resubmit: {
      label: '修改后重新提交',
      auditLabel: '修改后重新提交定额申请',
      from: ['rejected'],
      to: 'pending',
      creates: true,
      audited: false,
      roles: permissions['quota.apply'],
      when: ['owner', 'latest', 'projectOpen'],
    },
  },
});

/** 申请中 and 已完成: at most one such application per project (quota_live_project_uq). */
export const QUOTA_LIVE_STATUSES = ['pending', 'approved'] as const satisfies readonly QuotaStatus[];

export const APPLY_TYPES = ['exempt', 'deferred', 'general'] as const;
export type ApplyType = (typeof APPLY_TYPES)[number];
export const applyTypeLabels: Record<ApplyType, string> = { exempt: '免缴', deferred: '缓缴', general: '一般缴纳' };

export const PAY_METHODS = ['cash', 'guarantee'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];
export const payMethodLabels: Record<PayMethod, string> = { cash: '现金存缴', guarantee: '保函' };

export const PREPAY_MODES = ['ratio', 'amount'] as const;
export type PrepayMode = (typeof PREPAY_MODES)[number];
export const prepayModeLabels: Record<PrepayMode, string> = { ratio: '按比例', amount: '按金额' };

export type QuotaAction = (typeof quotaWorkflow.actionNames)[number];
/** Kept for callers of the old table: the state part of `quotaWorkflow`. */
export const canQuota = (action: QuotaAction, status: QuotaStatus): boolean => quotaWorkflow.can(action, status);

/** The deposit event an approval raises, by 申请类型 (the project becomes 已免缴 / 已缓缴 / 待缴纳). */
export const depositEventOnQuotaApproval = {
  exempt: 'quota_approved_exempt',
  deferred: 'quota_approved_deferred',
  general: 'quota_approved_general',
} as const satisfies Record<ApplyType, string>;

export const ARREARS_KINDS = ['arrears', 'serious_dishonest'] as const;
export type ArrearsKind = (typeof ARREARS_KINDS)[number];
export const arrearsKindLabels: Record<ArrearsKind, string> = { arrears: '拖欠农民工工资', serious_dishonest: '列入严重失信主体名单' };
