import { PageContainer } from '@ant-design/pro-components';
import { Space } from 'antd';
import { CashTable, GuaranteeTable } from '../../../features/payment/components/PaymentTables';

/** 待办 (bank): new and accepted guarantee applications, cash deposits awaiting confirmation — oldest first. */
export default function BankTodoPage() {
  return (
    <PageContainer title="待办">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <GuaranteeTable todo headerTitle="待办理的银行保函申请（待受理 / 待出函）" />
        <CashTable todo headerTitle="待确认到账的现金存缴" />
      </Space>
    </PageContainer>
  );
}
