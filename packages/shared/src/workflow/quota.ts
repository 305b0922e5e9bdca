/** 定额申请 (SPEC §5): 申请中 → 已完成 | 已驳回; a pending one may be withdrawn by the enterprise. */
export const QUOTA_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type QuotaStatus = (typeof QUOTA_STATUSES)[number];
export const quotaStatusLabels: Record<QuotaStatus, string> = {
  pending: '申请中',
  approved: '已完成',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

export const APPLY_TYPES = ['exempt', 'deferred', 'general'] as const;
export type ApplyType = (typeof APPLY_TYPES)[number];
export const applyTypeLabels: Record<ApplyType, string> = { exempt: '免缴', deferred: '缓缴', general: '一般缴纳' };

export const PAY_METHODS = ['cash', 'guarantee'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];
export const payMethodLabels: Record<PayMethod, string> = { cash: '现金存缴', guarantee: '保函' };

export const PREPAY_MODES = ['ratio', 'amount'] as const;
export type PrepayMode = (typeof PREPAY_MODES)[number];
export const prepayModeLabels: Record<PrepayMode, string> = { ratio: '按比例', amount: '按金额' };

export type QuotaAction = 'approve' | 'reject' | 'withdraw' | 'resubmit';
export const quotaTransitions: Record<QuotaAction, { from: QuotaStatus; to: QuotaStatus | 'new' }> = {
  approve: { from: 'pending', to: 'approved' },
  reject: { from: 'pending', to: 'rejected' },
  withdraw: { from: 'pending', to: 'withdrawn' },
  resubmit: { from: 'rejected', to: 'new' },
};
export const canQuota = (action: QuotaAction, status: QuotaStatus): boolean => quotaTransitions[action].from === status;

/** The project's 保证金状态 once a quota application is decided. */
export const depositStatusAfterQuota: Record<ApplyType, 'exempted' | 'deferred' | 'to_pay'> = {
  exempt: 'exempted',
  deferred: 'deferred',
  general: 'to_pay',
};

export const ARREARS_KINDS = ['arrears', 'serious_dishonest'] as const;
export type ArrearsKind = (typeof ARREARS_KINDS)[number];
export const arrearsKindLabels: Record<ArrearsKind, string> = { arrears: '拖欠农民工工资', serious_dishonest: '列入严重失信主体名单' };
