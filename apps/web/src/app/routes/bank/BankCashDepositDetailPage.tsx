import { PageContainer } from '@ant-design/pro-components';
import { Card } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { PageLoading } from '../../../components/PageLoading';
import { useCashDeposit } from '../../../features/payment/api/payment';
import { CashActions } from '../../../features/payment/components/BankActions';
import { CashDepositInfo } from '../../../features/payment/components/PaymentInfo';
import { CashStatusTag } from '../../../features/payment/components/PaymentTags';
import { LoadError } from './LoadError';

/** 现金存缴 › 详情 (bank): the deposit, its arrivals, 确认到账. */
export default function BankCashDepositDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useCashDeposit(id);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} what="现金存缴" back={{ to: '/bank/cash-deposits', label: '返回现金存缴' }} />;
  const c = q.data;
  return (
    <PageContainer title="现金存缴" subTitle={c.projectName} onBack={() => navigate('/bank/cash-deposits')} tags={<CashStatusTag status={c.status} />} extra={<CashActions c={c} />}>
      <Card>
        <CashDepositInfo c={c} showProject />
      </Card>
    </PageContainer>
  );
}
