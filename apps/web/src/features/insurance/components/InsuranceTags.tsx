import { Tag } from 'antd';
import { insuranceOrderStatusLabels, type InsuranceOrderStatus } from '@benxi/shared';

const colors: Record<InsuranceOrderStatus, string> = {
  underwriting: 'processing',
  approved: 'cyan',
  refused: 'error',
  paying: 'warning',
  paid: 'blue',
  issued: 'success',
  closed: 'default',
};
export const InsuranceStatusTag = ({ status }: { status: InsuranceOrderStatus }) => <Tag color={colors[status]}>{insuranceOrderStatusLabels[status]}</Tag>;

const badges: Record<InsuranceOrderStatus, string> = { underwriting: 'Processing', approved: 'Processing', refused: 'Error', paying: 'Warning', paid: 'Processing', issued: 'Success', closed: 'Default' };
export const insuranceStatusValueEnum = Object.fromEntries(Object.entries(insuranceOrderStatusLabels).map(([k, text]) => [k, { text, status: badges[k as InsuranceOrderStatus] }]));
