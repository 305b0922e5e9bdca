import { Alert, Card, List, Tag } from 'antd';
import { Link } from 'react-router';
import { formatDateTime, warningTypeLabels } from '@benxi/shared';
import { useProjectWarnings } from '../api/supervision';
import { Deadline } from './Deadline';

/** 项目详情: the project's open warnings (nothing when there are none). */
export function ProjectWarningsCard({ projectId }: { projectId: string }) {
  const q = useProjectWarnings(projectId);
  const items = q.data?.items ?? [];
  if (q.isError || items.length === 0) return null;
  return (
    <Card title={`预警（${q.data!.total}）`} size="small" style={{ marginBottom: 16 }} extra={<Link to={`/warnings?projectId=${projectId}`}>查看全部</Link>} data-testid="project-warnings">
      <Alert type="error" showIcon message="该项目有未解除的预警，请及时处理" style={{ marginBottom: 8 }} />
      <List
        size="small"
        dataSource={items}
        renderItem={(w) => (
          <List.Item>
            <Tag color="red">{warningTypeLabels[w.type]}</Tag>
            <span style={{ flex: 1 }}>{w.detail}</span>
            <span style={{ whiteSpace: 'nowrap', marginLeft: 12 }}>
              期限 <Deadline date={w.dueOn} /> · {formatDateTime(w.raisedAt)}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
