import { PageContainer } from '@ant-design/pro-components';
import { Space } from 'antd';
import { CashTable, GuaranteeTable } from '../../../features/payment/components/PaymentTables';
import { UseTable } from '../../../features/deposit-uses/components/UseTable';

/** 待办 (bank): new and accepted guarantee applications, cash deposits awaiting confirmation, 支付通知书 to pay — oldest first. */
export default function BankTodoPage() {
  return (
    <PageContainer title="待办">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <GuaranteeTable todo headerTitle="待办理的银行保函申请（待受理 / 待出函）" />
        <CashTable todo headerTitle="待确认到账的现金存缴" />
        {/* 保证金动用 (issue 14): notices still to pay, oldest first */}
        <UseTable role="bank" todo headerTitle="待支付的支付通知书" />
      </Space>
    </PageContainer>
  );
}
