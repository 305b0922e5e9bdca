import type { ReactNode } from 'react';
import { Alert, Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatDateTime, type Role } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import type { QuotaApplication } from '../api/quota';
import { OverdueTag, QuotaStatusTag, SupersededTag, applyTypeText } from './QuotaTags';
import { WithdrawQuota, quotaDetailPath } from './QuotaActions';

/**
 * 定额申请记录 of 项目详情: every application of the project, newest first; the owner may withdraw
 * one 申请中 and correct the latest 已驳回 one (修改后重新提交).
 */
export function ProjectQuotaCard({
  role,
  owner,
  quotas,
  loading,
  error,
  canResubmit,
  onResubmit,
  extra,
}: {
  role: Role;
  owner: boolean;
  quotas: QuotaApplication[];
  loading: boolean;
  error: Error | null;
  /** The latest application is 已驳回 and nothing is live: it may be corrected. */
  canResubmit: boolean;
  onResubmit: (q: QuotaApplication) => void;
  extra?: ReactNode;
}) {
  const latest = quotas[0];
  const columns: ColumnsType<QuotaApplication> = [
    {
      title: '申请批次号',
      dataIndex: 'batchNo',
      width: 190,
      render: (_, q) => <Link to={quotaDetailPath(role, q.id)}>{q.batchNo}</Link>,
    },
    { title: '申请类型', dataIndex: 'applyType', width: 100, render: (_, q) => applyTypeText(q.applyType) },
    { title: '申请金额', dataIndex: 'appliedAmount', width: 150, align: 'right', render: (_, q) => showYuan(q.appliedAmount) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 180,
      render: (_, q) => (
        <Space size={0} direction="vertical">
          <span>
            <QuotaStatusTag status={q.status} />
            <OverdueTag q={q} />
            <SupersededTag q={q} />
          </span>
          {q.status === 'rejected' && q.rejectReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              驳回原因：{q.rejectReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '申请时间', dataIndex: 'submittedAt', width: 170, render: (_, q) => formatDateTime(q.submittedAt) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, q) => (
        <Space>
          <Link to={quotaDetailPath(role, q.id)}>详情</Link>
          {owner && <WithdrawQuota q={q} />}
        </Space>
      ),
    },
  ];

  return (
    <Card title="定额申请记录" extra={extra}>
      {owner && canResubmit && latest && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={`定额申请已驳回（批次号 ${latest.batchNo}）`}
          description={`驳回原因：${latest.rejectReason ?? '-'}`}
          action={
            <Button type="primary" onClick={() => onResubmit(latest)}>
              修改后重新提交
            </Button>
          }
        />
      )}
      {error ? (
        <Alert type="warning" showIcon message={`定额申请记录加载失败：${error.message}`} />
      ) : (
        <Table<QuotaApplication>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={quotas}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无申请记录" /> }}
        />
      )}
    </Card>
  );
}
