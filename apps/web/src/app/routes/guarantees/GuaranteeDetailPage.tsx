import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Descriptions, Result, Space } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '@benxi/shared';
import { ApiError } from '../../../lib/api';
import { showYuan } from '../../../lib/money';
import { useGuarantee } from '../../../features/guarantees/api/guarantees';
import { FileViewer } from '../../../features/guarantees/components/FileViewer';
import { GuaranteeStatusTag, kindText } from '../../../features/guarantees/components/GuaranteeTags';
import { PageLoading } from '../../../components/PageLoading';

/** 保函详情: the register's row and the letter (查看 / 下载). */
export default function GuaranteeDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useGuarantee(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={notFound ? '保函不存在' : '加载失败'}
        subTitle={query.error.message}
        extra={
          <Link to="/guarantees">
            <Button type="primary">返回列表</Button>
          </Link>
        }
      />
    );
  }
  const g = query.data;
  return (
    <PageContainer title="保函详情" subTitle={g.number} onBack={() => navigate('/guarantees')} tags={<GuaranteeStatusTag status={g.status} />}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
            styles={{ label: { width: 140 } }}
            items={[
              { key: 'no', label: '保函号/保单号', children: g.number },
              { key: 'kind', label: '类型', children: kindText(g.kind) },
              { key: 'issuer', label: '出具机构', children: g.issuerName },
              { key: 'enterprise', label: '投保人', children: g.enterpriseName },
              { key: 'project', label: '工程名称', children: g.projectName },
              { key: 'projectId', label: '工程编号', children: g.projectId },
              { key: 'amount', label: '金额', children: `${showYuan(g.amount)} 元` },
              { key: 'fee', label: '手续费', children: g.fee === null ? '-' : `${showYuan(g.fee)} 元` },
              { key: 'issued', label: '出函日期', children: g.issuedOn },
              { key: 'period', label: '期限', children: `${g.validFrom} ~ ${g.validTo}` },
              { key: 'status', label: '状态', children: <GuaranteeStatusTag status={g.status} /> },
              { key: 'left', label: '剩余天数', children: g.status === 'valid' || g.status === 'expiring' ? `${g.daysLeft} 天` : '-' },
              { key: 'released', label: '释放时间', children: g.releasedAt ? formatDateTime(g.releasedAt) : '-' },
              { key: 'claimed', label: '理赔时间', children: g.claimedAt ? formatDateTime(g.claimedAt) : '-' },
              { key: 'claimedAmount', label: '已理赔金额', children: g.claimedAmount === '0.00' ? '-' : `${showYuan(g.claimedAmount)} 元（保证金动用支付农民工工资）` },
              { key: 'created', label: '登记时间', children: formatDateTime(g.createdAt) },
            ]}
          />
        </Card>
        <Card title="保函文件">
          <FileViewer file={g.letter} />
        </Card>
      </Space>
    </PageContainer>
  );
}
