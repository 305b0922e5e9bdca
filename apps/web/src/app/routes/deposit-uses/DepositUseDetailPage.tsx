import { PageContainer } from '@ant-design/pro-components';
import { Result, Button } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { PageLoading } from '../../../components/PageLoading';
import { errorMessage } from '../../../lib/api';
import { useMe } from '../../../features/auth/api/me';
import { useDepositUse } from '../../../features/deposit-uses/api/deposit-uses';
import { UseDetail } from '../../../features/deposit-uses/components/UseDetail';
import { UseStatusTag } from '../../../features/deposit-uses/components/UseTable';

/** One use (支付通知书): its decision, workers and amounts; the actions the server allows this user. */
export default function DepositUseDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe().data!;
  const q = useDepositUse(id);
  const payer = me.role === 'bank' || me.role === 'insurer';
  const back = () => navigate('/deposit-uses');
  if (q.isPending) return <PageLoading />;
  if (q.isError)
    return (
      <Result
        status="404"
        title="支付通知书不存在或无权查看"
        subTitle={errorMessage(q.error)}
        extra={
          <Button type="primary" onClick={back}>
            返回列表
          </Button>
        }
      />
    );
  return (
    <PageContainer title={payer ? '支付通知书' : '保证金动用详情'} subTitle={q.data.projectName} onBack={back} tags={<UseStatusTag status={q.data.status} />}>
      <UseDetail use={q.data} role={me.role} />
    </PageContainer>
  );
}
