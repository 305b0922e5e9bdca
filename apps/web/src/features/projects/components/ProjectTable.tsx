import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DEPOSIT_STATUSES, formatDateTime, PROJECT_STATUSES, type DepositStatus, type ProjectStatus } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { regionSelectOptions, useFormDictionaries } from '../../dictionaries/api/dictionaries';
import { exportProjects, projectListQueryOptions, type ProjectFilters, type ProjectRow } from '../api/projects';
import {
  DepositStatusTag,
  ProjectStatusTag,
  depositStatusValueEnum,
  formatYuan,
  projectStatusValueEnum,
} from './ProjectTags';
import { useExport } from '../../../lib/use-export';

interface SearchValues {
  name?: string;
  regionCode?: string;
  status?: ProjectStatus;
  depositStatus?: DepositStatus;
}

/** Filters given in the address by a link (the 首页): only valid values are taken. */
function linkedFilters(params: URLSearchParams): { key: string; values: SearchValues } {
  const depositStatus = params.get('depositStatus');
  const status = params.get('status');
  const regionCode = params.get('regionCode');
  const values: SearchValues = {
    depositStatus: DEPOSIT_STATUSES.includes(depositStatus as DepositStatus) ? (depositStatus as DepositStatus) : undefined,
    status: PROJECT_STATUSES.includes(status as ProjectStatus) ? (status as ProjectStatus) : undefined,
    regionCode: regionCode && /^\d{6}$/.test(regionCode) ? regionCode : undefined,
  };
  return { key: JSON.stringify(values), values };
}

interface Props {
  headerTitle: string;
  /** The enterprise's own list: 新建项目. */
  canCreate: boolean;
  /** Supervisors see whose project it is. */
  showContractor: boolean;
}

/**
 * The project list of every role that may read projects (the server decides which rows):
 * 项目管理 of an enterprise, 项目监管 of hrss / authority, 项目查询 of admin.
 */
export function ProjectTable({ headerTitle, canCreate, showContractor }: Props) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const [params] = useSearchParams();
  const linked = linkedFilters(params);
  const filters = useRef<ProjectFilters>({});
  const { exporting, runExport } = useExport(() => exportProjects(filters.current));

  const columns: ProColumns<ProjectRow>[] = [
    {
      title: '工程名称',
      dataIndex: 'name',
      ellipsis: true,
      width: 200,
      fieldProps: { placeholder: '请输入工程名称' },
      render: (_, r) => <Link to={`/projects/${r.id}`}>{r.name}</Link>,
    },
    { title: '工程编号', dataIndex: 'code', search: false, width: 185, copyable: true },
    {
      title: '主管地区',
      dataIndex: 'regionCode',
      hideInTable: true,
      valueType: 'select',
      fieldProps: { options: regionSelectOptions(dicts.data), placeholder: '全部', showSearch: true, optionFilterProp: 'label' },
    },
    { title: '工程地区', dataIndex: 'projectRegionName', search: false, width: 110, ellipsis: true },
    ...(showContractor
      ? [{ title: '施工总承包单位', dataIndex: 'contractorName', search: false, ellipsis: true, width: 180 } as ProColumns<ProjectRow>]
      : []),
    {
      title: '施工合同金额',
      dataIndex: 'contractAmount',
      search: false,
      align: 'right',
      width: 140,
      render: (_, r) => formatYuan(r.contractAmount),
    },
    {
      title: '工程状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: projectStatusValueEnum,
      width: 90,
      fieldProps: { placeholder: '全部' },
      render: (_, r) => <ProjectStatusTag status={r.status} />,
    },
    {
      title: '保证金状态',
      dataIndex: 'depositStatus',
      valueType: 'select',
      valueEnum: depositStatusValueEnum,
      width: 110,
      fieldProps: { placeholder: '全部' },
      render: (_, r) => <DepositStatusTag status={r.depositStatus} />,
    },
    { title: '创建时间', dataIndex: 'createdAt', search: false, width: 165, render: (_, r) => formatDateTime(r.createdAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 60,
      fixed: 'right',
      render: (_, r) => [
        <Link key="detail" to={`/projects/${r.id}`}>
          详情
        </Link>,
      ],
    },
  ];

  return (
    <ProTable<ProjectRow, SearchValues>
      rowKey="id"
      // the 首页's numbers link here with their filter in the address (?depositStatus=…, ?regionCode=…)
      key={linked.key}
      form={{ initialValues: linked.values }}
      columns={columns}
      headerTitle={headerTitle}
      cardBordered
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: showContractor ? 1240 : 1060 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
        ...(canCreate
          ? [
              <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')}>
                新建项目
              </Button>,
            ]
          : []),
      ]}
      request={async ({ current, pageSize, name, regionCode, status, depositStatus }) => {
        const f: ProjectFilters = {
          name: name?.trim() || undefined,
          regionCode: regionCode || undefined,
          status: status || undefined,
          depositStatus: depositStatus || undefined,
        };
        filters.current = f;
        return toTableResult(await qc.fetchQuery(projectListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
