import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, type CashDepositStatus, type GuaranteeApplicationStatus } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { cashListQueryOptions, guaranteeListQueryOptions, type CashDeposit, type GuaranteeApplication } from '../api/payment';
import { Balance } from './PaymentInfo';
import { CashStatusTag, GuaranteeStatusTag, cashStatusValueEnum, guaranteeStatusValueEnum } from './PaymentTags';

/** 保函办理 (the bank's list; `todo`: its 待办, oldest first, no filters). */
export function GuaranteeTable({ todo = false, headerTitle }: { todo?: boolean; headerTitle: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const path = (g: GuaranteeApplication) => `/bank/guarantees/${g.id}`;
  const columns: ProColumns<GuaranteeApplication>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' }, render: (_, g) => <Link to={path(g)}>{g.projectName}</Link> },
    { title: '申请编号', dataIndex: 'id', search: false, width: 185, copyable: true },
    { title: '申请企业', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 190 },
    { title: '保函金额（元）', dataIndex: 'amount', search: false, align: 'right', width: 140, render: (_, g) => showYuan(g.amount) },
    { title: '保函期限', key: 'term', search: false, width: 200, render: (_, g) => `${g.termFrom} ~ ${g.termTo}` },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: guaranteeStatusValueEnum,
      search: !todo,
      width: 90,
      fieldProps: { placeholder: '请选择状态' },
      render: (_, g) => <GuaranteeStatusTag status={g.status} />,
    },
    { title: '申请时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, g) => formatDateTime(g.submittedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      fixed: 'right',
      render: (_, g) => [
        <Link key="go" to={path(g)}>
          {g.allowedActions.length ? '办理' : '详情'}
        </Link>,
      ],
    },
  ];
  return (
    <ProTable<GuaranteeApplication, { projectName?: string; status?: GuaranteeApplicationStatus }>
      rowKey="id"
      columns={columns}
      headerTitle={headerTitle}
      cardBordered
      search={todo ? false : { labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1240 }}
      request={async ({ current, pageSize, projectName, status }) =>
        toTableResult(
          await qc.fetchQuery(
            guaranteeListQueryOptions({ projectName: projectName?.trim() || undefined, status: status || undefined, todo: todo ? '1' : undefined, page: current ?? 1, pageSize: pageSize ?? 10 }),
          ),
        )
      }
    />
  );
}

/** 现金存缴 (the bank's list; `todo`: awaiting its 确认到账). */
export function CashTable({ todo = false, headerTitle }: { todo?: boolean; headerTitle: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const path = (c: CashDeposit) => `/bank/cash-deposits/${c.id}`;
  const columns: ProColumns<CashDeposit>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' }, render: (_, c) => <Link to={path(c)}>{c.projectName}</Link> },
    { title: '存缴编号', dataIndex: 'id', search: false, width: 185, copyable: true },
    { title: '企业名称', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 190 },
    { title: '应缴金额（元）', dataIndex: 'requiredAmount', search: false, align: 'right', width: 140, render: (_, c) => showYuan(c.requiredAmount) },
    { title: '已到账（元）', dataIndex: 'paidAmount', search: false, align: 'right', width: 140, render: (_, c) => showYuan(c.paidAmount) },
    { title: '差额 / 超额', key: 'balance', search: false, align: 'right', width: 160, render: (_, c) => <Balance c={c} /> },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: cashStatusValueEnum,
      search: !todo,
      width: 90,
      fieldProps: { placeholder: '请选择状态' },
      render: (_, c) => <CashStatusTag status={c.status} />,
    },
    { title: '提交时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, c) => formatDateTime(c.submittedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 90,
      fixed: 'right',
      render: (_, c) => [
        <Link key="go" to={path(c)}>
          {c.allowedActions.includes('confirm') ? '确认到账' : '详情'}
        </Link>,
      ],
    },
  ];
  return (
    <ProTable<CashDeposit, { projectName?: string; status?: CashDepositStatus }>
      rowKey="id"
      columns={columns}
      headerTitle={headerTitle}
      cardBordered
      search={todo ? false : { labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1360 }}
      request={async ({ current, pageSize, projectName, status }) =>
        toTableResult(
          await qc.fetchQuery(
            cashListQueryOptions({ projectName: projectName?.trim() || undefined, status: status || undefined, todo: todo ? '1' : undefined, page: current ?? 1, pageSize: pageSize ?? 10 }),
          ),
        )
      }
    />
  );
}
