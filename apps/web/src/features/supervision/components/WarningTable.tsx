import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, warningClearReasonLabels, warningStateLabels, warningTypeLabels, WARNING_STATES, WARNING_TYPES, type WarningState, type WarningType } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { exportWarnings, warningListQueryOptions, type Warning, type WarningFilters } from '../api/supervision';
import { Deadline } from './Deadline';

const typeEnum = Object.fromEntries(WARNING_TYPES.map((t) => [t, { text: warningTypeLabels[t] }]));
const stateEnum = Object.fromEntries(WARNING_STATES.map((s) => [s, { text: warningStateLabels[s], status: s === 'open' ? 'Error' : 'Default' }]));

interface SearchValues {
  type?: WarningType;
  state?: WarningState;
  projectName?: string;
  raised?: [string, string];
}

/** 预警 list: the user's scope (server), filters by type / 状态 / 项目 / 预警时间, paging, export. */
export function WarningTable({ initial }: { initial: WarningFilters }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const filters = useRef<WarningFilters>(initial);
  const { exporting, runExport } = useExport(() => exportWarnings(filters.current));
  const columns: ProColumns<Warning>[] = [
    { title: '预警类型', dataIndex: 'type', valueType: 'select', valueEnum: typeEnum, width: 170, fieldProps: { placeholder: '请选择预警类型' }, render: (_, w) => <Tag color={w.state === 'open' ? 'red' : 'default'}>{warningTypeLabels[w.type]}</Tag> },
    { title: '项目名称', dataIndex: 'projectName', ellipsis: true, width: 180, fieldProps: { placeholder: '请输入项目名称' }, render: (_, w) => <Link to={`/projects/${w.projectId}`}>{w.projectName}</Link> },
    { title: '预警内容', dataIndex: 'detail', search: false, ellipsis: true, width: 320 },
    { title: '期限', dataIndex: 'dueOn', search: false, width: 190, render: (_, w) => <Deadline date={w.dueOn} /> },
    { title: '预警时间', dataIndex: 'raised', valueType: 'dateRange', width: 160, render: (_, w) => formatDateTime(w.raisedAt), fieldProps: { placeholder: ['开始日期', '结束日期'] } },
    { title: '状态', dataIndex: 'state', valueType: 'select', valueEnum: stateEnum, width: 90, fieldProps: { placeholder: '请选择状态' } },
    {
      title: '解除',
      key: 'cleared',
      search: false,
      width: 190,
      render: (_, w) => (w.clearedAt ? `${formatDateTime(w.clearedAt)}（${w.clearedReason ? warningClearReasonLabels[w.clearedReason] : ''}）` : '—'),
    },
  ];
  return (
    <ProTable<Warning, SearchValues>
      rowKey="id"
      columns={columns}
      headerTitle="预警列表"
      cardBordered
      form={{ initialValues: { type: initial.type, state: initial.state, projectName: initial.projectName, raised: initial.raisedFrom && initial.raisedTo ? [initial.raisedFrom, initial.raisedTo] : undefined } }}
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1300 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      request={async ({ current, pageSize, type, state, projectName, raised }) => {
        const f: WarningFilters = {
          type: type || undefined,
          state: state || undefined,
          projectName: projectName?.trim() || undefined,
          projectId: initial.projectId,
          raisedFrom: raised?.[0] || undefined,
          raisedTo: raised?.[1] || undefined,
        };
        filters.current = f;
        return toTableResult(await qc.fetchQuery(warningListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
