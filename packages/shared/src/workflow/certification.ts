import { defineWorkflow } from './define';
import { permissions } from '../permissions';

/** 企业认证 (SPEC §3): 待审核 → 认证完成 | 审核未通过; a refused one is followed by a new submission. */
export const CERTIFICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

export const certificationStatusLabels: Record<CertificationStatus, string> = {
  pending: '待审核',
  approved: '认证完成',
  rejected: '审核未通过',
};

/** `owner`: the certification is the acting enterprise's own; `latest`: it is its newest one. */
export type CertificationCondition = 'owner' | 'latest';

/** The 企业认证 workflow (ADR 017). */
export const certificationWorkflow = defineWorkflow<CertificationStatus, 'submit' | 'approve' | 'reject' | 'resubmit', CertificationCondition, 'certification'>({
  name: 'certification',
  states: certificationStatusLabels,
  actions: {
    submit: { label: '提交认证', auditLabel: '提交企业认证', from: [], to: 'pending', creates: true, roles: permissions['certification.submit'] },
    approve: { label: '审核通过', auditLabel: '认证审核通过', from: ['pending'], to: 'approved', roles: permissions['certification.review'] },
    reject: { label: '驳回', auditLabel: '认证审核驳回', from: ['pending'], to: 'rejected', roles: permissions['certification.review'] },
    resubmit: {
      label: '重新申请认证',
      auditLabel: '重新申请企业认证',
      from: ['rejected'],
      to: 'pending',
      creates: true,
      audited: false,
      roles: permissions['certification.submit'],
      when: ['owner', 'latest'],
    },
  },
});

/** 待审核 and 认证完成: at most one such certification per enterprise and per credit code. */
export const CERTIFICATION_LIVE_STATUSES = ['pending', 'approved'] as const satisfies readonly CertificationStatus[];

export type CertificationAction = (typeof certificationWorkflow.actionNames)[number];

/** Kept for callers of the old table: the state part of `certificationWorkflow`. */
export function canCertification(action: CertificationAction, status: CertificationStatus): boolean {
  return certificationWorkflow.can(action, status);
}

export const CERT_TYPES = ['施工单位'] as const;
export const QUALIFICATIONS = ['综合资质', '特级', '一级', '二级', '三级', '甲级', '乙级', '其他'] as const;
