import { PageContainer } from '@ant-design/pro-components';
import { Card } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { PageLoading } from '../../../components/PageLoading';
import { useGuaranteeApplication } from '../../../features/payment/api/payment';
import { GuaranteeActions } from '../../../features/payment/components/BankActions';
import { GuaranteeInfo } from '../../../features/payment/components/PaymentInfo';
import { GuaranteeStatusTag } from '../../../features/payment/components/PaymentTags';
import { LoadError } from './LoadError';

/** 保函办理 › 详情 (bank): the application and 受理 / 不受理 / 出函. */
export default function BankGuaranteeDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useGuaranteeApplication(id);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} what="保函申请" back={{ to: '/bank/guarantees', label: '返回保函办理' }} />;
  const g = q.data;
  return (
    <PageContainer title="银行保函申请" subTitle={g.projectName} onBack={() => navigate('/bank/guarantees')} tags={<GuaranteeStatusTag status={g.status} />} extra={<GuaranteeActions g={g} />}>
      <Card>
        <GuaranteeInfo g={g} showProject />
      </Card>
    </PageContainer>
  );
}
