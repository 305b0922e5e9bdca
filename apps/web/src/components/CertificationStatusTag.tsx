import { Tag } from 'antd';
import { certificationStatusLabels, type CertificationStatus } from '@benxi/shared';

const colors: Record<CertificationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

export function CertificationStatusTag({ status }: { status: CertificationStatus }) {
  return <Tag color={colors[status]}>{certificationStatusLabels[status]}</Tag>;
}

/** ProTable valueEnum built from the shared labels. */
export const certificationStatusValueEnum = {
  pending: { text: certificationStatusLabels.pending, status: 'Processing' },
  approved: { text: certificationStatusLabels.approved, status: 'Success' },
  rejected: { text: certificationStatusLabels.rejected, status: 'Error' },
} as const;
