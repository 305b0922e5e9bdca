import { useState } from 'react';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatDateTime } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { useProjectOfflineGuarantees, type OfflineGuarantee } from '../api/guarantees';
import { OfflineGuaranteeForm } from './OfflineGuaranteeForm';
import { OfflineStatusTag } from './GuaranteeTags';
import { offlineDetailPath } from './OfflineReviewTable';

/**
 * 保单保函 of 项目详情: the project's offline uploads, and (for its enterprise, once the quota is
 * approved) the 保单保函上传 button. The deposit card (定额保证金) opens the same form.
 */
export function ProjectOfflineGuaranteeCard({ projectId, mayUpload }: { projectId: string; mayUpload: boolean }) {
  const [open, setOpen] = useState(false);
  const list = useProjectOfflineGuarantees(projectId);
  const rows = list.data?.items ?? [];
  if (!mayUpload && rows.length === 0) return null;
  const columns: ColumnsType<OfflineGuarantee> = [
    { title: '保函号', dataIndex: 'guaranteeNo', width: 180, render: (_, g) => <Link to={offlineDetailPath(g.id)}>{g.guaranteeNo}</Link> },
    { title: '承保出单机构', dataIndex: 'issuerName', ellipsis: true },
    { title: '保额（元）', dataIndex: 'amount', width: 150, align: 'right', render: (_, g) => showYuan(g.amount) },
    { title: '保函期限', key: 'period', width: 200, render: (_, g) => `${g.validFrom} ~ ${g.validTo}` },
    {
      title: '审核状态',
      dataIndex: 'status',
      width: 200,
      render: (_, g) => (
        <Space direction="vertical" size={0}>
          <OfflineStatusTag status={g.status} />
          {g.returnReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              退回原因：{g.returnReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '上传时间', dataIndex: 'submittedAt', width: 170, render: (_, g) => formatDateTime(g.submittedAt) },
  ];
  return (
    <Card
      title="保单保函"
      extra={
        mayUpload ? (
          <Button onClick={() => setOpen(true)} data-testid="offline-guarantee-upload">
            保单保函上传
          </Button>
        ) : undefined
      }
    >
      <Table<OfflineGuarantee> rowKey="id" size="small" columns={columns} dataSource={rows} loading={list.isPending} pagination={false} locale={{ emptyText: '暂无保单保函，已线下办理保函的可点击「保单保函上传」' }} />
      {mayUpload && <OfflineGuaranteeForm projectId={projectId} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}
