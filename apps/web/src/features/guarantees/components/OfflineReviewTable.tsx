import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { offlineListQueryOptions, type OfflineGuarantee } from '../api/guarantees';
import { instrumentText, OfflineOverdueTag, OfflineStatusTag } from './GuaranteeTags';
import { Deadline } from '../../supervision/components/Deadline';

export const offlineDetailPath = (id: string) => `/offline-guarantees/${id}`;

/** 保单保函审核 (hrss): the uploads of its unit and districts awaiting review, oldest first, with the 5-working-day deadline. */
export function OfflineReviewTable() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const columns: ProColumns<OfflineGuarantee>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' }, render: (_, g) => <Link to={offlineDetailPath(g.id)}>{g.projectName}</Link> },
    { title: '投保人', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 190 },
    { title: '保险类型', dataIndex: 'instrumentType', search: false, width: 90, render: (_, g) => instrumentText(g.instrumentType) },
    { title: '保函号', dataIndex: 'guaranteeNo', search: false, width: 170, copyable: true },
    { title: '承保出单机构', dataIndex: 'issuerName', search: false, ellipsis: true, width: 200 },
    { title: '保额（元）', dataIndex: 'amount', search: false, align: 'right', width: 140, render: (_, g) => showYuan(g.amount) },
    { title: '上传时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, g) => formatDateTime(g.submittedAt) },
    {
      title: '审核期限',
      dataIndex: 'dueOn',
      search: false,
      width: 150,
      render: (_, g) => (
        <Space size={4} wrap={false}>
          <span style={{ whiteSpace: 'nowrap', color: g.overdue ? '#cf1322' : undefined }}><Deadline date={g.dueOn} /></span>
          <OfflineOverdueTag g={g} />
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'status', search: false, width: 90, render: (_, g) => <OfflineStatusTag status={g.status} /> },
    {
      title: '操作',
      valueType: 'option',
      width: 70,
      fixed: 'right',
      render: (_, g) => [
        <Link key="review" to={offlineDetailPath(g.id)}>
          {g.allowedActions.includes('approve') ? '审核' : '详情'}
        </Link>,
      ],
    },
  ];
  return (
    <ProTable<OfflineGuarantee, { projectName?: string }>
      rowKey="id"
      columns={columns}
      headerTitle="保单保函审核队列"
      cardBordered
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1460 }}
      onRow={(g) => ({ style: g.overdue ? { background: '#fff1f0' } : undefined })}
      request={async ({ current, pageSize, projectName }) =>
        toTableResult(await qc.fetchQuery(offlineListQueryOptions({ queue: '1', projectName: projectName?.trim() || undefined, page: current ?? 1, pageSize: pageSize ?? 10 })))
      }
    />
  );
}
