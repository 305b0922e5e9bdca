import { PageContainer } from '@ant-design/pro-components';
import { useMe } from '../../../features/auth/api/me';
import { QuotaTable } from '../../../features/quota/components/QuotaTable';

/** 定额审核 (hrss): the queue of its unit and districts, oldest first, with the 5-working-day deadline. */
export default function QuotaReviewPage() {
  const me = useMe().data!;
  return (
    <PageContainer title="定额审核" content="按提交时间先后排列；审核期限为提交后5个工作日，超期的申请标红。">
      <QuotaTable role={me.role} review headerTitle="定额审核队列" />
    </PageContainer>
  );
}
