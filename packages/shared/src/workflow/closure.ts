import { defineWorkflow } from './define';
import { permissions } from '../permissions';
import type { DepositStatus } from './project';

/**
 * The deposit's second half (SPEC §7–8, manual 2.3–2.4, issue 13): 备案 (filing), 注销 (cancellation)
 * and the bank's 返还确认 (return) after an approved cancellation.
 */

// ------------------------------------------------------------------------------------------------
// 备案申请: 申请中 → 已完成 | 已驳回 (reason; correct and send again)

export const FILING_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const filingStatusLabels: Record<FilingStatus, string> = { pending: '申请中', approved: '已完成', rejected: '已驳回' };
/** 备案类型 (the manual's column): only 定额保证金备案 so far */
export const FILING_TYPE_LABEL = '定额保证金备案';

/** `owner`: the enterprise's own project; `fileable`: the deposit is 已缴纳 or 已缓缴 (免缴 needs no filing); `latest`: the project's newest filing */
export type FilingCondition = 'owner' | 'fileable' | 'latest';

export const filingWorkflow = defineWorkflow<FilingStatus, 'submit' | 'approve' | 'reject' | 'resubmit', FilingCondition, 'filing'>({
  name: 'filing',
  states: filingStatusLabels,
  actions: {
    submit: { label: '发起备案', from: [], to: 'pending', creates: true, roles: permissions['filing.apply'], when: ['owner', 'fileable'] },
    approve: { label: '通过', auditLabel: '备案审核通过', from: ['pending'], to: 'approved', roles: permissions['filing.review'] },
    reject: { label: '驳回', auditLabel: '备案审核驳回', from: ['pending'], to: 'rejected', roles: permissions['filing.review'] },
    resubmit: { label: '修改后重新备案', from: ['rejected'], to: 'pending', creates: true, audited: false, roles: permissions['filing.apply'], when: ['owner', 'latest', 'fileable'] },
  },
});

/** 已缴纳 / 已缓缴: the deposit states from which a filing may be sent (免缴 needs none). */
export const FILEABLE_DEPOSIT_STATES = ['paid', 'deferred'] as const satisfies readonly DepositStatus[];
/** The deposit event of a refused filing, by the state the deposit was filed from. */
export const depositEventOnFilingRejected = { paid: 'filing_rejected', deferred: 'filing_rejected_deferred' } as const;

// ------------------------------------------------------------------------------------------------
// 保证金注销申请: 申请中 → 已注销 | 已驳回 (reason, e.g. arrears found; the enterprise may apply again)

export const CANCELLATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CancellationStatus = (typeof CANCELLATION_STATUSES)[number];
export const cancellationStatusLabels: Record<CancellationStatus, string> = { pending: '申请中', approved: '已注销', rejected: '已驳回' };

/** `owner`; `completed`: the project is 竣工; `latest`: the project's newest cancellation */
export type CancellationCondition = 'owner' | 'completed' | 'latest';

export const cancellationWorkflow = defineWorkflow<CancellationStatus, 'submit' | 'approve' | 'reject' | 'resubmit', CancellationCondition, 'cancellation'>({
  name: 'cancellation',
  states: cancellationStatusLabels,
  actions: {
    submit: { label: '保证金注销申请', from: [], to: 'pending', creates: true, roles: permissions['cancellation.apply'], when: ['owner', 'completed'] },
    approve: { label: '通过', auditLabel: '注销审核通过', from: ['pending'], to: 'approved', roles: permissions['cancellation.review'] },
    reject: { label: '驳回', auditLabel: '注销审核驳回', from: ['pending'], to: 'rejected', roles: permissions['cancellation.review'] },
    resubmit: { label: '重新申请注销', from: ['rejected'], to: 'pending', creates: true, audited: false, roles: permissions['cancellation.apply'], when: ['owner', 'latest', 'completed'] },
  },
});

/** 公示期 (65号 art. 22): 公示起始日期 + 30 days ≤ today. */
export const PUBLICITY_DAYS = 30;
/** hrss decides a filing or a cancellation within 5 working days; the bank returns within 3. */
export const REVIEW_WORKING_DAYS = 5;
export const RETURN_WORKING_DAYS = 3;

/** The first day a cancellation may be sent for a 公示起始日期 (YYYY-MM-DD). */
export function cancellationPossibleFrom(publicityStart: string): string {
  const d = new Date(`${publicityStart}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + PUBLICITY_DAYS);
  return d.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------------------------------------
// 返还确认 (the bank): one per instrument holder of an approved cancellation

export const RETURN_STATUSES = ['pending', 'returned'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const returnStatusLabels: Record<ReturnStatus, string> = { pending: '待返还', returned: '已返还' };
export const RETURN_KINDS = ['cash', 'guarantee'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const returnKindLabels: Record<ReturnKind, string> = { cash: '现金（本金及利息）', guarantee: '保函原件' };

export const returnWorkflow = defineWorkflow<ReturnStatus, 'confirm', never, 'return_confirmation'>({
  name: 'return_confirmation',
  states: returnStatusLabels,
  actions: {
    confirm: { label: '返还确认', auditLabel: '银行返还确认', from: ['pending'], to: 'returned', roles: permissions['return.confirm'] },
  },
});
