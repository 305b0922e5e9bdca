import { useEffect, useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../../features/auth/api/me';
import { useCertification } from '../../../features/certification/api/certification';
import { CertificationForm } from '../../../features/certification/components/CertificationForm';
import { CertificationStatus } from '../../../features/certification/components/CertificationStatus';
import { PageLoading } from '../../../components/PageLoading';

/** 企业认证: the form while there is nothing (or after 重新申请认证), otherwise the state. */
export default function CertificationPage() {
  const me = useMe().data!;
  const qc = useQueryClient();
  const query = useCertification();
  const [reapplying, setReapplying] = useState(false);
  const c = query.data?.certification ?? null;

  // Approved while we were looking: the rest of the platform opens (menu, 首页).
  useEffect(() => {
    if (c?.status === 'approved' && !me.org.certified) void qc.invalidateQueries({ queryKey: ['me'] });
  }, [c?.status, me.org.certified, qc]);

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    return (
      <Result
        status="warning"
        title="认证信息加载失败"
        subTitle={query.error.message}
        extra={<Button onClick={() => query.refetch()}>重试</Button>}
      />
    );
  }

  const showForm = !c || (c.allowedActions.includes('resubmit') && reapplying);

  return (
    <PageContainer title="企业认证">
      {showForm ? (
        <Card title="认证信息">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 24 }}
            message={
              c
                ? '已根据上次提交的信息预填，请按驳回原因修改后重新提交。'
                : '首次登录需完善企业认证信息（带 * 的为必填项），提交后等待平台审核，审核通过后即可使用平台全部功能。'
            }
          />
          <CertificationForm
            previous={c}
            onSubmitted={() => setReapplying(false)}
            onCancel={c ? () => setReapplying(false) : undefined}
          />
        </Card>
      ) : (
        <CertificationStatus certification={c} onReapply={() => setReapplying(true)} />
      )}
    </PageContainer>
  );
}
