import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { GUARANTEE_KINDS, GUARANTEE_STATUSES, type GuaranteeKind, type GuaranteeStatus } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { exportGuarantees, guaranteeListQueryOptions, type Guarantee, type GuaranteeFilters } from '../api/guarantees';
import { GuaranteeStatusTag, guaranteeKindValueEnum, guaranteeStatusValueEnum, kindText } from './GuaranteeTags';

interface SearchValues {
  number?: string;
  kind?: GuaranteeKind;
  status?: GuaranteeStatus;
  projectName?: string;
}

export const guaranteeDetailPath = (id: string) => `/guarantees/${id}`;

/**
 * 保函管理 (SPEC §6): every guarantee and policy in the user's scope — the enterprise its own,
 * hrss / authority their remit, a bank or insurer what it issued — with 状态 computed by the server
 * on the platform's clock; filters, paging and export.
 */
export function GuaranteeTable() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const filters = useRef<GuaranteeFilters>({});
  // the 首页's numbers link here with ?kind=… (or ?status=…)
  const [params] = useSearchParams();
  const kind = params.get('kind');
  const status = params.get('status');
  const linked: SearchValues = {
    kind: GUARANTEE_KINDS.includes(kind as GuaranteeKind) ? (kind as GuaranteeKind) : undefined,
    status: GUARANTEE_STATUSES.includes(status as GuaranteeStatus) ? (status as GuaranteeStatus) : undefined,
  };
  const { exporting, runExport } = useExport(() => exportGuarantees(filters.current));
  const columns: ProColumns<Guarantee>[] = [
    { title: '保函号/保单号', dataIndex: 'number', width: 150, ellipsis: true, fieldProps: { placeholder: '请输入保函号' }, render: (_, g) => <Link to={guaranteeDetailPath(g.id)}>{g.number}</Link> },
    { title: '类型', dataIndex: 'kind', valueType: 'select', valueEnum: guaranteeKindValueEnum, width: 110, fieldProps: { placeholder: '请选择类型' }, render: (_, g) => kindText(g.kind) },
    { title: '出具机构', dataIndex: 'issuerName', search: false, ellipsis: true, width: 170 },
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 170, fieldProps: { placeholder: '请输入工程名称' } },
    { title: '金额（元）', dataIndex: 'amount', search: false, align: 'right', width: 120, render: (_, g) => showYuan(g.amount) },
    { title: '已理赔（元）', dataIndex: 'claimedAmount', search: false, align: 'right', width: 110, render: (_, g) => (g.claimedAmount === '0.00' ? '-' : showYuan(g.claimedAmount)) },
    { title: '期限', key: 'period', search: false, width: 190, render: (_, g) => `${g.validFrom} ~ ${g.validTo}` },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: guaranteeStatusValueEnum,
      width: 90,
      fieldProps: { placeholder: '请选择状态' },
      render: (_, g) => <GuaranteeStatusTag status={g.status} />,
    },
    { title: '操作', valueType: 'option', width: 60, fixed: 'right', render: (_, g) => [<Link key="detail" to={guaranteeDetailPath(g.id)}>详情</Link>] },
  ];
  return (
    <ProTable<Guarantee, SearchValues>
      rowKey="id"
      key={JSON.stringify(linked)}
      form={{ initialValues: linked }}
      columns={columns}
      headerTitle="保函列表"
      cardBordered
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1060 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      request={async ({ current, pageSize, number, kind, status, projectName }) => {
        const f: GuaranteeFilters = { number: number?.trim() || undefined, kind: kind || undefined, status: status || undefined, projectName: projectName?.trim() || undefined };
        filters.current = f;
        return toTableResult(await qc.fetchQuery(guaranteeListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
