import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Descriptions, Modal, Space } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { depositStatusLabels, formatDateTime, type FilingStatus, type Role } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { regionSelectOptions, useFormDictionaries } from '../../dictionaries/api/dictionaries';
import { exportFilings, filingListQueryOptions, useDecideFiling, type ClosureFilters, type Filing } from '../api/closure';
import { DecisionButtons } from './DecisionButtons';
import { Deadline, FilingStatusTag, filingStatusValueEnum } from './ClosureTags';

interface SearchValues {
  projectName?: string;
  regionCode?: string;
  status?: FilingStatus;
}

/** 备案申请的详情 (the manual's 操作 › 详情). */
export function FilingDetail({ f }: { f: Filing }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 130 } }}
      items={[
        { key: 'name', label: '工程名称', children: f.projectName },
        { key: 'code', label: '工程编号', children: f.projectId },
        { key: 'type', label: '备案类型', children: f.typeLabel },
        { key: 'status', label: '申请状态', children: <FilingStatusTag status={f.status} /> },
        { key: 'from', label: '保证金状态', children: depositStatusLabels[f.depositFrom] },
        { key: 'enterprise', label: '施工总包单位', children: f.enterpriseName },
        { key: 'authority', label: '行业主管单位名称', children: f.authorityName },
        { key: 'hrss', label: '人社监管单位', children: f.hrssName },
        { key: 'submitted', label: '申请时间', children: formatDateTime(f.submittedAt) },
        { key: 'deadline', label: '审核期限', children: <Deadline date={f.deadline} overdue={f.overdue} /> },
        { key: 'decided', label: '审核时间', children: formatDateTime(f.decidedAt) },
        ...(f.rejectReason ? [{ key: 'reason', label: '驳回原因', children: f.rejectReason }] : []),
      ]}
    />
  );
}

/**
 * 备案申请 (manual 2.3): 工程名称, 工程编号, 备案类型, 申请状态, 行业主管单位名称, 操作 详情; filters 工程名称 /
 * 主管地区 / 申请状态; with `review`, the hrss 备案审核 queue (申请中, oldest first, the 5-working-day deadline).
 */
export function FilingTable({ role, review = false }: { role: Role; review?: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const filters = useRef<ClosureFilters>({});
  const table = useRef<ActionType>(null);
  const [detail, setDetail] = useState<Filing | null>(null);
  const decide = useDecideFiling();
  const { exporting, runExport } = useExport(() => exportFilings(filters.current));
  void role;

  const onDecide = (f: Filing) => async (approve: boolean, reason?: string) => {
    await decide.mutateAsync({ id: f.id, approve, reason });
    setDetail(null);
    table.current?.reload();
  };

  const columns: ProColumns<Filing>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' }, render: (_, f) => <Link to={`/projects/${f.projectId}`}>{f.projectName}</Link> },
    { title: '工程编号', dataIndex: 'projectId', search: false, width: 190, copyable: true },
    { title: '主管地区', dataIndex: 'regionCode', hideInTable: true, valueType: 'select', fieldProps: { options: regionSelectOptions(dicts.data), placeholder: '请选择地区', showSearch: true, optionFilterProp: 'label' } },
    { title: '备案类型', dataIndex: 'typeLabel', search: false, width: 130 },
    {
      title: '申请状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: filingStatusValueEnum,
      width: 100,
      hideInSearch: review,
      fieldProps: { placeholder: '请选择申请状态' },
      render: (_, f) => <FilingStatusTag status={f.status} />,
    },
    ...(review
      ? ([
          { title: '申请时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, f) => formatDateTime(f.submittedAt) },
          { title: '审核期限', dataIndex: 'deadline', search: false, width: 150, render: (_, f) => <Deadline date={f.deadline} overdue={f.overdue} /> },
        ] as ProColumns<Filing>[])
      : []),
    { title: '行业主管单位名称', dataIndex: 'authorityName', search: false, ellipsis: true, width: 220 },
    {
      title: '操作',
      valueType: 'option',
      width: review ? 170 : 70,
      fixed: 'right',
      render: (_, f) => (
        <Space size={4}>
          <a onClick={() => setDetail(f)}>详情</a>
          {review && <DecisionButtons allowed={f.allowedActions} what="备案申请" approveText="通过后保证金状态变为“已备案”。" onDecide={onDecide(f)} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ProTable<Filing, SearchValues>
        rowKey="id"
        actionRef={table}
        columns={columns}
        headerTitle={review ? '备案审核（申请中，最早在前）' : '备案申请'}
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: review ? 1200 : 960 }}
        onRow={(f) => ({ style: review && f.overdue ? { background: '#fff1f0' } : undefined })}
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
            导出 Excel
          </Button>,
        ]}
        request={async ({ current, pageSize, projectName, regionCode, status }) => {
          const f: ClosureFilters = { projectName: projectName?.trim() || undefined, regionCode: regionCode || undefined, status: status || undefined, queue: review ? '1' : undefined };
          filters.current = f;
          return toTableResult(await qc.fetchQuery(filingListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
        }}
      />
      <Modal
        title="备案申请详情"
        open={!!detail}
        onCancel={() => setDetail(null)}
        width={640}
        footer={detail ? <DecisionButtons allowed={detail.allowedActions} what="备案申请" approveText="通过后保证金状态变为“已备案”。" onDecide={onDecide(detail)} size="middle" /> : null}
      >
        {detail && <FilingDetail f={detail} />}
      </Modal>
    </>
  );
}
