import { PageContainer } from '@ant-design/pro-components';
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ledgerWayLabels, type TLedgerMovement } from '@benxi/shared';
import { DepositStatusTag, formatYuan } from '../../../features/projects/components/ProjectTags';
import { useLedgerDetail } from '../../../features/ledger/api/ledger';

/** 项目台账: every movement of the project's deposit in date order with the running balance. */
export default function LedgerDetailPage() {
  const { projectId = '' } = useParams();
  const q = useLedgerDetail(projectId);
  const d = q.data;
  return (
    <PageContainer title="项目台账" loading={q.isLoading} onBack={() => history.back()}>
      {q.isError ? <Typography.Text type="danger">{(q.error as Error).message || '项目不存在或无权查看'}</Typography.Text> : null}
      {d ? (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={3} size="small">
              <Descriptions.Item label="项目名称"><Link to={`/projects/${d.row.projectId}`}>{d.row.projectName}</Link></Descriptions.Item>
              <Descriptions.Item label="地区">{d.row.regionName}</Descriptions.Item>
              <Descriptions.Item label="保证金状态"><DepositStatusTag status={d.row.depositStatus} /></Descriptions.Item>
              <Descriptions.Item label="缴纳方式">{d.row.settledOn ? ledgerWayLabels[d.row.way] : '—'}</Descriptions.Item>
              <Descriptions.Item label="缴纳日期">{d.row.settledOn || '—'}</Descriptions.Item>
              <Descriptions.Item label="缴纳金额">{formatYuan(d.row.settledAmount)} 元</Descriptions.Item>
              <Descriptions.Item label="已动用">{formatYuan(d.row.used)} 元（{d.row.useCount} 次）</Descriptions.Item>
              <Descriptions.Item label="已补足">{formatYuan(d.row.replenished)} 元</Descriptions.Item>
              <Descriptions.Item label="返还/释放">{formatYuan(d.row.returned)} 元</Descriptions.Item>
              <Descriptions.Item label="当前余额"><Typography.Text strong>{formatYuan(d.row.balance)} 元</Typography.Text></Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="资金变动明细（按日期）">
            <Table<TLedgerMovement>
              rowKey={(_, i) => String(i)}
              dataSource={d.movements}
              pagination={false}
              locale={{ emptyText: '暂无资金变动' }}
              columns={[
                { title: '日期', dataIndex: 'date', width: 110 },
                { title: '类型', dataIndex: 'kindLabel', width: 140, render: (v: string, m) => <Tag color={m.amount.startsWith('-') ? 'orange' : 'green'}>{v}</Tag> },
                { title: '保证金', dataIndex: 'instrument', width: 130 },
                { title: '编号', dataIndex: 'reference', ellipsis: true },
                { title: '金额（元）', dataIndex: 'amount', align: 'right', width: 150, render: (v: string) => (v.startsWith('-') ? `−${formatYuan(v.slice(1))}` : `+${formatYuan(v)}`) },
                { title: '余额（元）', dataIndex: 'balance', align: 'right', width: 150, render: (v: string) => formatYuan(v) },
                { title: '说明', dataIndex: 'note', ellipsis: true },
              ]}
            />
          </Card>
        </>
      ) : null}
    </PageContainer>
  );
}
