import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Result } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { BASE_LOCKED_REASON, useProject } from '../../../features/projects/api/projects';
import { ProjectForm } from '../../../features/projects/components/ProjectForm';
import { PageLoading } from '../../../components/PageLoading';
import { ProjectLoadError } from './ProjectLoadError';

/** 编辑基础信息: the 新建项目 form, pre-filled, while no quota application has been submitted. */
export default function ProjectEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useProject(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ProjectLoadError error={query.error} />;
  const p = query.data;
  const back = () => navigate(`/projects/${p.id}`);
  if (p.baseLocked) {
    return (
      <Result
        status="warning"
        title="基础信息不能再修改"
        subTitle={BASE_LOCKED_REASON}
        extra={
          <Link to={`/projects/${p.id}`}>
            <Button type="primary">返回项目详情</Button>
          </Link>
        }
      />
    );
  }
  return (
    <PageContainer title="编辑基础信息" subTitle={p.name} onBack={back}>
      <Card>
        <ProjectForm
          project={p}
          contractor={{ name: p.contractorName, creditCode: p.contractorCreditCode }}
          onSaved={back}
          onCancel={back}
        />
      </Card>
    </PageContainer>
  );
}
