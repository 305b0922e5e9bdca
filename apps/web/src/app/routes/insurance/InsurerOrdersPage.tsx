import { PageContainer } from '@ant-design/pro-components';
import { InsurerOrderTable } from '../../../features/insurance/components/OrderTables';

/** 投保订单 (insurer): every order addressed to it, filterable by 工程名称 and 状态. */
export default function InsurerOrdersPage() {
  return (
    <PageContainer title="投保订单">
      <InsurerOrderTable headerTitle="投保订单" />
    </PageContainer>
  );
}
