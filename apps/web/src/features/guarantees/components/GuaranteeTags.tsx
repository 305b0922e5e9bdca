import { Tag } from 'antd';
import {
  guaranteeKindLabels,
  guaranteeStatusLabels,
  offlineGuaranteeStatusLabels,
  offlineInstrumentTypeLabels,
  type GuaranteeKind,
  type GuaranteeStatus,
  type OfflineGuaranteeStatus,
  type OfflineInstrumentType,
} from '@benxi/shared';

const offlineColors: Record<OfflineGuaranteeStatus, string> = { pending: 'processing', approved: 'success', returned: 'error', closed: 'default' };

export function OfflineStatusTag({ status }: { status: OfflineGuaranteeStatus }) {
  return <Tag color={offlineColors[status]}>{offlineGuaranteeStatusLabels[status]}</Tag>;
}

/** 已超期: still 待审核 after its 审核期限 (5 working days). */
export function OfflineOverdueTag({ g }: { g: { overdue: boolean } }) {
  return g.overdue ? <Tag color="red">已超期</Tag> : null;
}

export const offlineStatusValueEnum = {
  pending: { text: offlineGuaranteeStatusLabels.pending, status: 'Processing' },
  approved: { text: offlineGuaranteeStatusLabels.approved, status: 'Success' },
  returned: { text: offlineGuaranteeStatusLabels.returned, status: 'Error' },
  closed: { text: offlineGuaranteeStatusLabels.closed, status: 'Default' },
} as const;

const statusColors: Record<GuaranteeStatus, string> = { valid: 'success', expiring: 'warning', expired: 'error', released: 'default', claimed: 'purple' };

/** 有效 / 即将到期 / 已到期 / 已释放 / 已理赔, computed by the server on the platform's clock. */
export function GuaranteeStatusTag({ status }: { status: GuaranteeStatus }) {
  return <Tag color={statusColors[status]}>{guaranteeStatusLabels[status]}</Tag>;
}

export const guaranteeStatusValueEnum = {
  valid: { text: guaranteeStatusLabels.valid, status: 'Success' },
  expiring: { text: guaranteeStatusLabels.expiring, status: 'Warning' },
  expired: { text: guaranteeStatusLabels.expired, status: 'Error' },
  released: { text: guaranteeStatusLabels.released, status: 'Default' },
  claimed: { text: guaranteeStatusLabels.claimed, status: 'Processing' },
} as const;

export const guaranteeKindValueEnum = Object.fromEntries(Object.entries(guaranteeKindLabels).map(([k, text]) => [k, { text }])) as Record<GuaranteeKind, { text: string }>;

export const kindText = (k: GuaranteeKind) => guaranteeKindLabels[k];
export const instrumentText = (t: OfflineInstrumentType) => offlineInstrumentTypeLabels[t];
