import { Tag, Tooltip } from 'antd';
import {
  applyTypeLabels,
  payMethodLabels,
  quotaStatusLabels,
  type ApplyType,
  type PayMethod,
  type QuotaStatus,
} from '@benxi/shared';
import type { QuotaApplication } from '../api/quota';

const statusColors: Record<QuotaStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' };

export function QuotaStatusTag({ status }: { status: QuotaStatus }) {
  return <Tag color={statusColors[status]}>{quotaStatusLabels[status]}</Tag>;
}

/** 已超期: still 申请中 after its 审核期限 (5 working days). */
export function OverdueTag({ q }: { q: Pick<QuotaApplication, 'overdue'> }) {
  return q.overdue ? <Tag color="red">已超期</Tag> : null;
}

/** 已重新提交: the project has a newer application; this one is history, the newer one counts. */
export function SupersededTag({ q }: { q: Pick<QuotaApplication, 'superseded'> }) {
  return q.superseded ? (
    <Tooltip title="该项目已有新的定额申请，以最新的申请为准">
      <Tag color="default" data-testid="superseded-tag">
        已重新提交
      </Tag>
    </Tooltip>
  ) : null;
}

export const quotaStatusValueEnum = {
  pending: { text: quotaStatusLabels.pending, status: 'Processing' },
  approved: { text: quotaStatusLabels.approved, status: 'Success' },
  rejected: { text: quotaStatusLabels.rejected, status: 'Error' },
  withdrawn: { text: quotaStatusLabels.withdrawn, status: 'Default' },
} as const;

export const applyTypeText = (t: ApplyType) => applyTypeLabels[t];

/** 缴纳方式: '-' unless 一般缴纳. */
export const payMethodText = (m: PayMethod | null | undefined) => (m ? payMethodLabels[m] : '-');

/** 保函金额 for 保函, 现金金额 for 现金存缴. */
export const payAmountLabel = (m: PayMethod | null | undefined) => (m === 'guarantee' ? '保函金额' : '现金金额');

/** The amount the project is to deposit: the approved one once decided, the applied one before. */
export const dueAmount = (q: Pick<QuotaApplication, 'approvedAmount' | 'appliedAmount' | 'status'>) =>
  q.status === 'approved' && q.approvedAmount !== null ? q.approvedAmount : q.appliedAmount;
