import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime, jobLabels, jobRunStatusLabels, type JobName, type JobRunStatus } from '@benxi/shared';
import { describeRun, jobRunListQueryOptions, type JobRunRow } from '../../../features/admin-jobs/api/job-runs';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';

const jobValueEnum = Object.fromEntries(Object.entries(jobLabels).map(([k, v]) => [k, { text: v }]));
const statusValueEnum = {
  ok: { text: jobRunStatusLabels.ok, status: 'Success' },
  failed: { text: jobRunStatusLabels.failed, status: 'Error' },
};

const columns: ProColumns<JobRunRow>[] = [
  {
    title: '任务',
    dataIndex: 'job',
    valueType: 'select',
    valueEnum: jobValueEnum,
    width: 160,
    fieldProps: { placeholder: '全部' },
    render: (_, r) => r.label,
  },
  { title: '日期', dataIndex: 'runDate', search: false, width: 110 },
  { title: '开始时间', dataIndex: 'startedAt', search: false, width: 170, render: (_, r) => formatDateTime(r.startedAt) },
  { title: '结束时间', dataIndex: 'finishedAt', search: false, width: 170, render: (_, r) => formatDateTime(r.finishedAt) },
  {
    title: '结果',
    dataIndex: 'status',
    valueType: 'select',
    valueEnum: statusValueEnum,
    width: 90,
    fieldProps: { placeholder: '全部' },
    render: (_, r) => <Tag color={r.status === 'ok' ? 'success' : 'error'}>{jobRunStatusLabels[r.status]}</Tag>,
  },
  {
    title: '说明',
    dataIndex: 'summary',
    search: false,
    ellipsis: true,
    // which process ran it (NODE_ID, or host:pid) is in the tooltip
    render: (_, r) => <span title={`${describeRun(r)}\n执行节点：${r.node}`}>{describeRun(r)}</span>,
  },
];

/** 定时任务: the daily jobs' runs, one row per job and day, read-only (ADR 012). */
export default function JobRunsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return (
    <PageContainer title="定时任务" content="每日任务按北京时间执行（清理过期会话 03:00、清理孤立上传文件 03:30），多台服务器同时运行时每个任务每天只执行一次；失败的任务当天最多重试 3 次。">
      <ProTable<JobRunRow, { job?: JobName; status?: JobRunStatus }>
        rowKey="id"
        columns={columns}
        headerTitle="运行记录"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        request={async ({ current, pageSize, job, status }) =>
          toTableResult(
            await qc.fetchQuery(
              jobRunListQueryOptions({ job: job || undefined, status: status || undefined, page: current ?? 1, pageSize: pageSize ?? 10 }),
            ),
          )
        }
      />
    </PageContainer>
  );
}
