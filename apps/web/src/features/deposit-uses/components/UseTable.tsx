import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Tag } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useLinkedStatus } from '../../../lib/linked-status';
import { DEPOSIT_USE_STATUSES, decisionTypeLabels, depositUseStatusLabels, formatDateTime, useReplenishStatusLabels, type DepositUseStatus, type Role, type UseReplenishStatus } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { exportUses, useListQueryOptions, type DepositUse, type UseListParams } from '../api/deposit-uses';

const enumOf = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([k, text]) => [k, { text }]));
export const useDetailPath = (id: string) => `/deposit-uses/${id}`;

export function UseStatusTag({ status }: { status: DepositUseStatus }) {
  return <Tag color={status === 'paid' ? 'green' : 'orange'}>{depositUseStatusLabels[status]}</Tag>;
}
export function ReplenishTag({ status }: { status: UseReplenishStatus }) {
  return <Tag color={status === 'confirmed' ? 'green' : 'red'}>{useReplenishStatusLabels[status]}</Tag>;
}

interface SearchValues {
  noticeNo?: string;
  projectName?: string;
  status?: DepositUseStatus;
  replenishStatus?: UseReplenishStatus;
}

/**
 * 保证金动用 (SPEC §9): the uses in the user's scope — hrss its remit, the bank or insurer the
 * notices addressed to it (支付通知), the enterprise its projects'; filters, paging and export.
 */
export function UseTable({ role, toolbar, todo, headerTitle }: { role: Role; toolbar?: React.ReactNode; todo?: boolean; headerTitle?: string }) {
  const qc = useQueryClient();
  // 首页 link: /deposit-uses?status=notified (待支付的支付通知)
  const linked = useLinkedStatus(DEPOSIT_USE_STATUSES);
  const { message } = App.useApp();
  const filters = useRef<Omit<UseListParams, 'page' | 'pageSize'>>({});
  const { exporting, runExport } = useExport(() => exportUses(filters.current));
  const payer = role === 'bank' || role === 'insurer';
  const columns: ProColumns<DepositUse>[] = [
    { title: '通知书文号', dataIndex: 'noticeNo', width: 200, fieldProps: { placeholder: '请输入通知书编号' }, render: (_, u) => <Link to={useDetailPath(u.id)}>{u.noticeNo}</Link>, search: false },
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 180, fieldProps: { placeholder: '请输入工程名称' } },
    { title: '施工总承包单位', dataIndex: 'enterpriseName', ellipsis: true, width: 170, search: false, hideInTable: role === 'enterprise' },
    { title: '行政处理决定', dataIndex: 'decisionType', search: false, width: 110, render: (_, u) => decisionTypeLabels[u.decisionType] },
    { title: '动用金额（元）', dataIndex: 'amount', search: false, align: 'right', width: 130, render: (_, u) => showYuan(u.amount) },
    {
      title: '补足状态',
      dataIndex: 'replenishStatus',
      valueType: 'select',
      valueEnum: enumOf(useReplenishStatusLabels),
      width: 90,
      hideInTable: payer,
      hideInSearch: payer,
      fieldProps: { placeholder: '请选择' },
      render: (_, u) => <ReplenishTag status={u.replenishStatus} />,
    },
    { title: '待补足（元）', dataIndex: 'replenishAmount', search: false, align: 'right', width: 120, hideInTable: payer, render: (_, u) => showYuan(u.replenishAmount) },
    { title: '补足期限', dataIndex: 'replenishDueOn', search: false, width: 110, hideInTable: payer },
    { title: '支付机构', dataIndex: 'payerName', search: false, ellipsis: true, width: 170, hideInTable: payer },
    { title: '支付进度', key: 'progress', search: false, width: 100, render: (_, u) => `${u.paidCount}/${u.workerCount} 人${u.failedCount ? `（失败 ${u.failedCount}）` : ''}` },
    { title: '支付状态', dataIndex: 'status', valueType: 'select', valueEnum: enumOf(depositUseStatusLabels), width: 90, fieldProps: { placeholder: '请选择' }, render: (_, u) => <UseStatusTag status={u.status} /> },
    { title: '支付期限', dataIndex: 'payDueOn', search: false, width: 110 },
    { title: '动用时间', dataIndex: 'createdAt', search: false, width: 160, render: (_, u) => formatDateTime(u.createdAt) },
    { title: '操作', valueType: 'option', width: 70, fixed: 'right', render: (_, u) => [<Link key="detail" to={useDetailPath(u.id)}>{payer && u.status === 'notified' ? '处理' : '查看'}</Link>] },
  ];
  return (
    <ProTable<DepositUse, SearchValues>
      key={linked.key}
      form={{ initialValues: linked.initialValues }}
      rowKey="id"
      columns={columns}
      headerTitle={headerTitle ?? (payer ? '支付通知书' : '保证金动用记录')}
      cardBordered
      search={todo ? false : { labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1400 }}
      toolBarRender={() => [
        toolbar,
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      request={async ({ current, pageSize, projectName, status, replenishStatus }) => {
        const f = { projectName: projectName?.trim() || undefined, status: todo ? ('notified' as const) : status || undefined, replenishStatus: replenishStatus || undefined };
        filters.current = f;
        return toTableResult(await qc.fetchQuery(useListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
