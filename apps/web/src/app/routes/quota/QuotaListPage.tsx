import { PageContainer } from '@ant-design/pro-components';
import { useMe } from '../../../features/auth/api/me';
import { QuotaTable } from '../../../features/quota/components/QuotaTable';

/** 申请管理 › 定额申请 (enterprise); the read-only list of authority and admin. */
export default function QuotaListPage() {
  const me = useMe().data!;
  const title = me.role === 'enterprise' ? '定额申请列表' : me.role === 'admin' ? '定额申请列表（全部）' : '定额申请列表（本单位及下辖区县）';
  return (
    <PageContainer title="定额申请">
      <QuotaTable role={me.role} headerTitle={title} />
    </PageContainer>
  );
}
