import { Tag } from 'antd';
import {
  depositStatusLabels,
  formatFen,
  projectStatusLabels,
  yuanToFen,
  type DepositStatus,
  type ProjectStatus,
} from '@benxi/shared';

const projectColors: Record<ProjectStatus, string> = { not_started: 'default', in_progress: 'processing', completed: 'success' };

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  return <Tag color={projectColors[status]}>{projectStatusLabels[status]}</Tag>;
}

const depositColors: Record<DepositStatus, string> = {
  none: 'default',
  quota_review: 'processing',
  to_pay: 'warning',
  exempted: 'cyan',
  deferred: 'purple',
  paying: 'processing',
  paid: 'success',
  filing: 'processing',
  filed: 'success',
  cancelling: 'orange',
  cancelled: 'default',
};

export function DepositStatusTag({ status, needsReplenish = false }: { status: DepositStatus; needsReplenish?: boolean }) {
  return (
    <>
      <Tag color={depositColors[status]}>{depositStatusLabels[status]}</Tag>
      {needsReplenish && <Tag color="error">待补足</Tag>}
    </>
  );
}

/** ProTable valueEnums from the shared labels. */
export const projectStatusValueEnum = Object.fromEntries(
  Object.entries(projectStatusLabels).map(([k, v]) => [k, { text: v }]),
) as Record<ProjectStatus, { text: string }>;

export const depositStatusValueEnum = Object.fromEntries(
  Object.entries(depositStatusLabels).map(([k, v]) => [k, { text: v }]),
) as Record<DepositStatus, { text: string }>;

/** "20000000.00" (yuan, exact decimal string) → 20,000,000.00 */
export function formatYuan(amount: string | null | undefined): string {
  if (!amount) return '-';
  try {
    return formatFen(yuanToFen(amount));
  } catch {
    return amount;
  }
}
