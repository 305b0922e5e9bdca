import { PageContainer } from '@ant-design/pro-components';
import { GuaranteeTable } from '../../../features/payment/components/PaymentTables';

/** 保函办理 (bank): every online guarantee application addressed to it. */
export default function BankGuaranteesPage() {
  return (
    <PageContainer title="保函办理">
      <GuaranteeTable headerTitle="银行保函申请列表" />
    </PageContainer>
  );
}
