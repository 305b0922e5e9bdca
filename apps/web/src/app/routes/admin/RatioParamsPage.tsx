import { useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatDateTime } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { useRatioParams, type RatioParamsView } from '../../../features/admin-rules/api/rules';
import { RatioParamsModal } from '../../../features/admin-rules/components/RatioParamsModal';

const pct = (v: string) => `${v}%`;

/** 比例参数: the rules engine's parameters per region (人社部发〔2021〕65号 第七–九条). */
export default function RatioParamsPage() {
  const params = useRatioParams();
  const [editing, setEditing] = useState<RatioParamsView | null>(null);

  const columns: ColumnsType<RatioParamsView> = [
    { title: '地区', dataIndex: 'regionName', width: 140, fixed: 'left' },
    { title: '基础比例', dataIndex: 'baseRatioPercent', width: 90, render: pct },
    { title: '比例范围', key: 'range', width: 110, render: (_, r) => `${r.minRatioPercent}%–${r.maxRatioPercent}%` },
    { title: '单个项目存储上限', dataIndex: 'capAmount', width: 150, align: 'right', render: (v: string | null) => (v ? `${showYuan(v)} 元` : '不设上限') },
    { title: '多项目比例', dataIndex: 'multiProjectRatioPercent', width: 100, render: pct },
    { title: '多项目最低比例', dataIndex: 'floorPercent', width: 120, render: pct },
    { title: '免缴合同金额标准', dataIndex: 'exemptionThresholdAmount', width: 150, align: 'right', render: (v: string) => `${showYuan(v)} 元` },
    { title: '无拖欠下调', key: 'reduce', width: 150, render: (_, r) => `连续${r.reduceAfterCleanYears}年无拖欠下调${r.reducePct}%` },
    { title: '无拖欠免缴', key: 'exempt', width: 130, render: (_, r) => `连续${r.exemptAfterCleanYears}年无拖欠` },
    { title: '有拖欠提高', dataIndex: 'arrearsIncreasePct', width: 100, render: (v: number) => `${v}%` },
    { title: '严重失信提高', dataIndex: 'blacklistIncreasePct', width: 110, render: (v: number) => `${v}%` },
    { title: '生效时间', dataIndex: 'effectiveFrom', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '默认参数') },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => (
        <Typography.Link onClick={() => setEditing(r)}>
          编辑
        </Typography.Link>
      ),
    },
  ];

  return (
    <PageContainer title="比例参数" content="农民工工资保证金规定应缴的计算参数，按主管地区设置。">
      <Card>
        <Alert type="info" showIcon message="修改后对此后提交的申请生效；已提交的申请保留提交时的参数。每次修改记入审计日志。" style={{ marginBottom: 16 }} />
        {params.isError ? (
          <Alert
            type="error"
            showIcon
            message={params.error.message}
            action={
              <Button size="small" onClick={() => params.refetch()}>
                重试
              </Button>
            }
          />
        ) : (
          <Table<RatioParamsView>
            rowKey="regionCode"
            size="middle"
            loading={params.isPending}
            columns={columns}
            dataSource={params.data}
            pagination={false}
            scroll={{ x: 1600 }}
          />
        )}
      </Card>
      <RatioParamsModal row={editing} onClose={() => setEditing(null)} />
    </PageContainer>
  );
}
