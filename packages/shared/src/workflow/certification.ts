/** 企业认证 (SPEC §3): 待审核 → 认证完成 | 审核未通过; a refused one is followed by a new submission. */
export const CERTIFICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

export const certificationStatusLabels: Record<CertificationStatus, string> = {
  pending: '待审核',
  approved: '认证完成',
  rejected: '审核未通过',
};

export type CertificationAction = 'approve' | 'reject' | 'resubmit';

/** action → the status it starts from and the status it leads to. */
export const certificationTransitions: Record<
  CertificationAction,
  { from: CertificationStatus; to: CertificationStatus | 'new' }
> = {
  approve: { from: 'pending', to: 'approved' },
  reject: { from: 'pending', to: 'rejected' },
  resubmit: { from: 'rejected', to: 'new' },
};

export function canCertification(action: CertificationAction, status: CertificationStatus): boolean {
  return certificationTransitions[action].from === status;
}

export const CERT_TYPES = ['施工单位'] as const;
export const QUALIFICATIONS = ['综合资质', '特级', '一级', '二级', '三级', '甲级', '乙级', '其他'] as const;
