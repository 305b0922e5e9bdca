import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Modal, Space } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, type CancellationStatus } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { regionSelectOptions, useFormDictionaries } from '../../dictionaries/api/dictionaries';
import { cancellationListQueryOptions, exportCancellations, useDecideCancellation, type Cancellation, type ClosureFilters } from '../api/closure';
import { CancellationDetail, ConfirmationButton } from './CancellationDetail';
import { CancellationStatusTag, Deadline, cancellationStatusValueEnum } from './ClosureTags';
import { DecisionButtons } from './DecisionButtons';

const APPROVE_TEXT = '通过后保证金状态变为“已注销”，该项目全部保函、保单释放，并出具《工资保证金返还（销户）确认书》，此操作不可撤销。';

/** 注销申请 list; with `review`, the hrss 注销审核 queue (申请中, oldest first, the 5-working-day deadline). */
export function CancellationTable({ review = false }: { review?: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const filters = useRef<ClosureFilters>({});
  const table = useRef<ActionType>(null);
  const [detail, setDetail] = useState<Cancellation | null>(null);
  const decide = useDecideCancellation();
  const { exporting, runExport } = useExport(() => exportCancellations(filters.current));

  const onDecide = (c: Cancellation) => async (approve: boolean, reason?: string) => {
    const after = await decide.mutateAsync({ id: c.id, approve, reason });
    setDetail(after);
    table.current?.reload();
  };

  const columns: ProColumns<Cancellation>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' }, render: (_, c) => <Link to={`/projects/${c.projectId}`}>{c.projectName}</Link> },
    { title: '工程编号', dataIndex: 'projectId', search: false, width: 190, copyable: true },
    { title: '主管地区', dataIndex: 'regionCode', hideInTable: true, valueType: 'select', fieldProps: { options: regionSelectOptions(dicts.data), placeholder: '请选择地区', showSearch: true, optionFilterProp: 'label' } },
    { title: '施工总包单位', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 180 },
    { title: '实际竣工日期', dataIndex: 'actualCompletion', search: false, width: 110 },
    { title: '公示起始日期', dataIndex: 'publicityStart', search: false, width: 110 },
    { title: '申请时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, c) => formatDateTime(c.submittedAt) },
    { title: '审核期限', dataIndex: 'deadline', search: false, width: 150, render: (_, c) => <Deadline date={c.deadline} overdue={c.overdue} /> },
    { title: '申请状态', dataIndex: 'status', valueType: 'select', valueEnum: cancellationStatusValueEnum, width: 100, hideInSearch: review, render: (_, c) => <CancellationStatusTag status={c.status} /> },
    { title: '操作', valueType: 'option', width: 80, fixed: 'right', render: (_, c) => <a onClick={() => setDetail(c)}>{c.allowedActions.includes('approve') ? '审核' : '详情'}</a> },
  ];

  return (
    <>
      <ProTable<Cancellation, { projectName?: string; regionCode?: string; status?: CancellationStatus }>
        rowKey="id"
        actionRef={table}
        columns={columns}
        headerTitle={review ? '注销审核（申请中，最早在前）' : '注销申请'}
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1300 }}
        onRow={(c) => ({ style: review && c.overdue ? { background: '#fff1f0' } : undefined })}
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
            导出 Excel
          </Button>,
        ]}
        request={async ({ current, pageSize, projectName, regionCode, status }) => {
          const f: ClosureFilters = { projectName: projectName?.trim() || undefined, regionCode: regionCode || undefined, status: status || undefined, queue: review ? '1' : undefined };
          filters.current = f;
          return toTableResult(await qc.fetchQuery(cancellationListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
        }}
      />
      <Modal
        title="保证金注销申请"
        open={!!detail}
        onCancel={() => setDetail(null)}
        width={900}
        footer={
          detail ? (
            <Space>
              <ConfirmationButton c={detail} />
              <DecisionButtons allowed={detail.allowedActions} what="注销申请" approveText={APPROVE_TEXT} onDecide={onDecide(detail)} size="middle" />
            </Space>
          ) : null
        }
      >
        {detail && <CancellationDetail c={detail} />}
      </Modal>
    </>
  );
}
