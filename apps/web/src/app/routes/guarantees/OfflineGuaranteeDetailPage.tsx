import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Result, Row, Space } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '@benxi/shared';
import { ApiError } from '../../../lib/api';
import { useMe } from '../../../features/auth/api/me';
import { useOfflineGuarantee } from '../../../features/guarantees/api/guarantees';
import { FileViewer } from '../../../features/guarantees/components/FileViewer';
import { OfflineGuaranteeInfo } from '../../../features/guarantees/components/OfflineGuaranteeInfo';
import { OfflineOverdueTag, OfflineStatusTag } from '../../../features/guarantees/components/GuaranteeTags';
import { OfflineReviewActions } from '../../../features/guarantees/components/OfflineReviewActions';
import { PageLoading } from '../../../components/PageLoading';

/** 保单保函详情: what the enterprise uploaded, the letter inline, and (hrss) 通过 / 退回. */
export default function OfflineGuaranteeDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe().data!;
  const query = useOfflineGuarantee(id);
  const back = can(me.role, 'guarantee.review') ? '/offline-guarantees/review' : undefined;
  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return <Result status={notFound ? '404' : 'warning'} title={notFound ? '保单保函不存在' : '加载失败'} subTitle={query.error.message} extra={back && <Link to={back}><Button type="primary">返回列表</Button></Link>} />;
  }
  const g = query.data;
  return (
    <PageContainer
      title="保单保函详情"
      subTitle={g.projectName}
      onBack={() => (back ? navigate(back) : navigate(`/projects/${g.projectId}`))}
      tags={
        <Space size={0}>
          <OfflineStatusTag status={g.status} />
          <OfflineOverdueTag g={g} />
        </Space>
      }
      extra={<OfflineReviewActions g={g} />}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {g.status === 'returned' && <Alert type="error" showIcon message="保单保函已退回" description={`退回原因：${g.returnReason ?? '-'}`} />}
        {g.status === 'approved' && (
          <Alert
            type="success"
            showIcon
            message="审核通过，已登记入保函管理"
            action={g.guaranteeId ? <Link to={`/guarantees/${g.guaranteeId}`}>查看保函</Link> : undefined}
          />
        )}
        <Row gutter={16}>
          <Col xs={24} xl={11}>
            <Card title="保单信息">
              <OfflineGuaranteeInfo g={g} column={1} />
            </Card>
          </Col>
          <Col xs={24} xl={13}>
            <Card title="保函文件">
              <FileViewer file={g.file} height={640} />
            </Card>
          </Col>
        </Row>
      </Space>
    </PageContainer>
  );
}
