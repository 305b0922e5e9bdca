import { Tag } from 'antd';
import { cancellationStatusLabels, filingStatusLabels, returnStatusLabels, type CancellationStatus, type FilingStatus, type ReturnStatus } from '@benxi/shared';

const color = { pending: 'processing', approved: 'success', rejected: 'error', returned: 'success' } as const;

export const FilingStatusTag = ({ status, prefix = '' }: { status: FilingStatus; prefix?: string }) => (
  <Tag color={color[status]}>
    {prefix}
    {filingStatusLabels[status]}
  </Tag>
);
export const CancellationStatusTag = ({ status }: { status: CancellationStatus }) => <Tag color={color[status]}>{cancellationStatusLabels[status]}</Tag>;
export const ReturnStatusTag = ({ status }: { status: ReturnStatus }) => <Tag color={status === 'pending' ? 'warning' : 'success'}>{returnStatusLabels[status]}</Tag>;

export const filingStatusValueEnum = Object.fromEntries(Object.entries(filingStatusLabels).map(([k, v]) => [k, { text: v }]));
export const cancellationStatusValueEnum = Object.fromEntries(Object.entries(cancellationStatusLabels).map(([k, v]) => [k, { text: v }]));
export const returnStatusValueEnum = Object.fromEntries(Object.entries(returnStatusLabels).map(([k, v]) => [k, { text: v }]));

export const Deadline = ({ date, overdue }: { date: string; overdue: boolean }) => (
  <span style={{ whiteSpace: 'nowrap', color: overdue ? '#cf1322' : undefined }}>
    {date}
    {overdue && (
      <Tag color="error" style={{ marginInlineStart: 4 }}>
        已超期
      </Tag>
    )}
  </span>
);
