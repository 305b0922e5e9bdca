import { PageContainer } from '@ant-design/pro-components';
import { InsurerOrderTable } from '../../../features/insurance/components/OrderTables';

/** 待办 (insurer): orders to underwrite (核保中), payments to confirm (待支付), policies to issue (已支付), oldest first. */
export default function InsurerTodoPage() {
  return (
    <PageContainer title="待办">
      <InsurerOrderTable todo headerTitle="待核保、待确认收款、待出单" />
    </PageContainer>
  );
}
