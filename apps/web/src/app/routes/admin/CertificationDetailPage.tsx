import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '@benxi/shared';
import { useCertificationDetail } from '../../../features/admin-certifications/api/certifications';
import { ReviewActions } from '../../../features/admin-certifications/components/ReviewActions';
import { CertificationInfo } from '../../../components/CertificationInfo';
import { CertificationStatusTag } from '../../../components/CertificationStatusTag';
import { PageLoading } from '../../../components/PageLoading';
import { ApiError } from '../../../lib/api';

export default function CertificationDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useCertificationDetail(id);

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={notFound ? '认证申请不存在' : '加载失败'}
        subTitle={query.error.message}
        extra={
          <Link to="/admin/certifications">
            <Button type="primary">返回认证审核</Button>
          </Link>
        }
      />
    );
  }
  const c = query.data;

  return (
    <PageContainer
      title="认证详情"
      onBack={() => navigate('/admin/certifications')}
      tags={<CertificationStatusTag status={c.status} />}
      extra={<ReviewActions certification={c} />}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 4, xl: 4, xxl: 4 }} size="small">
            <Descriptions.Item label="业务编码">
              <Typography.Text copyable>{c.bizCode}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="申请时间">{formatDateTime(c.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="操作时间">{formatDateTime(c.decidedAt ?? c.updatedAt)}</Descriptions.Item>
            <Descriptions.Item label="申请账户">{c.applicantPhone}</Descriptions.Item>
          </Descriptions>
          {c.status === 'rejected' && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              message={
                <span>
                  审核未通过，驳回原因：<Typography.Text type="danger">{c.rejectReason || '未填写'}</Typography.Text>
                </span>
              }
            />
          )}
          {c.status === 'approved' && <Alert type="success" showIcon style={{ marginTop: 12 }} message="已认证完成" />}
        </Card>
        <Card>
          <CertificationInfo certification={c} previewFiles />
        </Card>
      </Space>
    </PageContainer>
  );
}
