import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Space, Tag, Tooltip } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, type QuotaStatus, type Role } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { regionSelectOptions, useFormDictionaries } from '../../dictionaries/api/dictionaries';
import { exportQuotas, quotaListQueryOptions, type QuotaApplication, type QuotaFilters } from '../api/quota';
import { OverdueTag, QuotaStatusTag, SupersededTag, applyTypeText, dueAmount, payMethodText, quotaStatusValueEnum } from './QuotaTags';
import { quotaDetailPath } from './QuotaActions';
import { useExport } from '../../../lib/use-export';
import { Deadline } from '../../supervision/components/Deadline';

interface SearchValues {
  projectName?: string;
  regionCode?: string;
  status?: QuotaStatus;
}

/**
 * 定额申请列表 (manual 2.1.1: the enterprise's columns), read by every role in its scope; with
 * `review`, the hrss 定额审核 queue: oldest first, 申请中 by default, with the 审核期限.
 */
export function QuotaTable({ role, review = false, headerTitle }: { role: Role; review?: boolean; headerTitle: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const filters = useRef<QuotaFilters>({});
  const { exporting, runExport } = useExport(() => exportQuotas(filters.current));

  const detail = (q: QuotaApplication) => quotaDetailPath(role, q.id);

  const name: ProColumns<QuotaApplication> = {
    title: '工程名称',
    dataIndex: 'projectName',
    ellipsis: true,
    width: 180,
    fieldProps: { placeholder: '请输入工程名称' },
    render: (_, q) => <Link to={detail(q)}>{q.projectName}</Link>,
  };
  const code: ProColumns<QuotaApplication> = { title: '工程编号', dataIndex: 'projectId', search: false, width: 185, copyable: true };
  const region: ProColumns<QuotaApplication> = {
    title: '主管地区',
    dataIndex: 'regionCode',
    hideInTable: true,
    valueType: 'select',
    fieldProps: { options: regionSelectOptions(dicts.data), placeholder: '请选择地区', showSearch: true, optionFilterProp: 'label' },
  };
  const amount: ProColumns<QuotaApplication> = {
    title: '保证金应缴金额',
    dataIndex: 'appliedAmount',
    search: false,
    align: 'right',
    width: review ? 160 : 140,
    render: (_, q) =>
      review && q.belowRequirement ? (
        <Space size={4}>
          <Tooltip title={`规定应缴 ${showYuan(q.requirement.requiredAmount)} 元${q.applyType === 'exempt' ? '，不符合免缴条件' : ''}`}>
            <Tag color="warning" style={{ marginInlineEnd: 0 }}>
              低于规定
            </Tag>
          </Tooltip>
          {showYuan(dueAmount(q))}
        </Space>
      ) : (
        showYuan(dueAmount(q))
      ),
  };
  const type: ProColumns<QuotaApplication> = { title: '申请类型', dataIndex: 'applyType', search: false, width: 86, render: (_, q) => applyTypeText(q.applyType) };
  const method: ProColumns<QuotaApplication> = { title: '缴纳方式', dataIndex: 'payMethod', search: false, width: 90, render: (_, q) => payMethodText(q.payMethod) };
  const status: ProColumns<QuotaApplication> = {
    title: '申请状态',
    dataIndex: 'status',
    valueType: 'select',
    valueEnum: quotaStatusValueEnum,
    width: 110,
    initialValue: review ? 'pending' : undefined,
    fieldProps: { placeholder: '请选择申请状态' },
    render: (_, q) => (
      <Space size={4} direction="vertical">
        <QuotaStatusTag status={q.status} />
        <SupersededTag q={q} />
      </Space>
    ),
  };
  const contractor: ProColumns<QuotaApplication> = { title: '施工总包单位', dataIndex: 'contractorName', search: false, ellipsis: true, width: 190 };
  const actions: ProColumns<QuotaApplication> = {
    title: '操作',
    valueType: 'option',
    width: 70,
    fixed: 'right',
    render: (_, q) => [
      <Link key="detail" to={detail(q)}>
        {q.allowedActions.includes('approve') ? '审核' : '详情'}
      </Link>,
    ],
  };

  // a superseded application is history: greyed, so the current one of the project stands out
  const rowStyle = (q: QuotaApplication) => (review && q.overdue ? { background: '#fff1f0' } : q.superseded ? { color: 'rgba(0,0,0,0.45)' } : undefined);

  const columns: ProColumns<QuotaApplication>[] = review
    ? [
        { ...name, hideInTable: true },
        {
          title: '工程名称 / 施工总包单位',
          key: 'projectAndContractor',
          search: false,
          width: 210,
          render: (_, q) => (
            <div>
              <Link to={detail(q)}>{q.projectName}</Link>
              <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{q.contractorName}</div>
            </div>
          ),
        },
        { ...code, width: 190 },
        region,
        type,
        amount,
        { title: '申请时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, q) => formatDateTime(q.submittedAt) },
        {
          title: '审核期限',
          dataIndex: 'dueOn',
          search: false,
          width: 170,
          render: (_, q) => (
            <Space size={4} wrap={false}>
              <span style={{ whiteSpace: 'nowrap', color: q.overdue ? '#cf1322' : undefined }}><Deadline date={q.dueOn} /></span>
              <OverdueTag q={q} />
            </Space>
          ),
        },
        status,
        actions,
      ]
    : [name, code, region, amount, type, method, status, contractor, actions];

  return (
    <ProTable<QuotaApplication, SearchValues>
      rowKey="id"
      columns={columns}
      headerTitle={headerTitle}
      cardBordered
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: review ? 1155 : 1050 }}
      onRow={(q) => ({ style: rowStyle(q) })}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      request={async ({ current, pageSize, projectName, regionCode, status: st }) => {
        const f: QuotaFilters = {
          projectName: projectName?.trim() || undefined,
          regionCode: regionCode || undefined,
          status: st || undefined,
          queue: review ? '1' : undefined,
        };
        filters.current = f;
        return toTableResult(await qc.fetchQuery(quotaListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
