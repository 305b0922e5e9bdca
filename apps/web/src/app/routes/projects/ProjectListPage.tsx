import { PageContainer } from '@ant-design/pro-components';
import { can } from '@benxi/shared';
import { useMe } from '../../../features/auth/api/me';
import { ProjectTable } from '../../../features/projects/components/ProjectTable';
import { projectMenuName } from '../../layout/menu';

/** 项目管理 (enterprise), 项目监管 (hrss / authority), 项目查询 (admin): one list, rows by the server's scope. */
export default function ProjectListPage() {
  const me = useMe().data!;
  const owner = can(me.role, 'project.create');
  const title = projectMenuName(me.role);
  return (
    <PageContainer title={title}>
      <ProjectTable headerTitle={owner ? '项目列表' : '项目列表（本单位及下辖区县）'} canCreate={owner} showContractor={!owner} />
    </PageContainer>
  );
}
