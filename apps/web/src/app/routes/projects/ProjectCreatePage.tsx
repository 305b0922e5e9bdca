import { PageContainer } from '@ant-design/pro-components';
import { Card } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../../../features/auth/api/me';
import { useCertification } from '../../../features/certification/api/certification';
import { ProjectForm } from '../../../features/projects/components/ProjectForm';
import { PageLoading } from '../../../components/PageLoading';

/** 新建项目: the manual's form; the general contractor is the user's own certified enterprise. */
export default function ProjectCreatePage() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const cert = useCertification();
  if (cert.isPending) return <PageLoading />;
  const approved = cert.data?.certification?.status === 'approved' ? cert.data.certification : null;
  const contractor = {
    name: approved?.enterpriseName ?? me.org.name ?? '',
    creditCode: approved?.creditCode ?? '',
  };
  return (
    <PageContainer title="新建项目" onBack={() => navigate('/projects')}>
      <Card>
        <ProjectForm
          contractor={contractor}
          onSaved={(p) => navigate(`/projects/${p.id}`, { replace: true })}
          onCancel={() => navigate('/projects')}
        />
      </Card>
    </PageContainer>
  );
}
