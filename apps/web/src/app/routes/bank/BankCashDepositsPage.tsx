import { PageContainer } from '@ant-design/pro-components';
import { CashTable } from '../../../features/payment/components/PaymentTables';

/** 现金存缴 (bank): every cash deposit addressed to it. */
export default function BankCashDepositsPage() {
  return (
    <PageContainer title="现金存缴">
      <CashTable headerTitle="现金存缴列表" />
    </PageContainer>
  );
}
