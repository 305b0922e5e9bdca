import { Tag } from 'antd';
import { cashDepositStatusLabels, guaranteeApplicationStatusLabels, type CashDepositStatus, type GuaranteeApplicationStatus } from '@benxi/shared';

const cashColors: Record<CashDepositStatus, string> = { awaiting: 'processing', partial: 'warning', arrived: 'success', closed: 'default' };
const guaranteeColors: Record<GuaranteeApplicationStatus, string> = { submitted: 'processing', accepted: 'cyan', issued: 'success', refused: 'error', closed: 'default' };

export const CashStatusTag = ({ status }: { status: CashDepositStatus }) => <Tag color={cashColors[status]}>{cashDepositStatusLabels[status]}</Tag>;
export const GuaranteeStatusTag = ({ status }: { status: GuaranteeApplicationStatus }) => <Tag color={guaranteeColors[status]}>{guaranteeApplicationStatusLabels[status]}</Tag>;

const badge = (labels: Record<string, string>, status: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, text]) => [k, { text, status: status[k] }]));

export const cashStatusValueEnum = badge(cashDepositStatusLabels, { awaiting: 'Processing', partial: 'Warning', arrived: 'Success', closed: 'Default' });
export const guaranteeStatusValueEnum = badge(guaranteeApplicationStatusLabels, { submitted: 'Processing', accepted: 'Processing', issued: 'Success', refused: 'Error', closed: 'Default' });
