import { useRef } from 'react';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Space, Typography } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import BarChartOutlined from '@ant-design/icons/BarChartOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { DEPOSIT_STATUSES, LEDGER_WAYS, ledgerWayLabels, type DepositStatus, type LedgerWay } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useExport } from '../../../lib/use-export';
import { regionSelectOptions, useFormDictionaries } from '../../../features/dictionaries/api/dictionaries';
import { DepositStatusTag, depositStatusValueEnum, formatYuan } from '../../../features/projects/components/ProjectTags';
import { exportLedger, ledgerListQueryOptions, type LedgerFilters, type LedgerRow } from '../../../features/ledger/api/ledger';

const wayEnum = Object.fromEntries(LEDGER_WAYS.map((w) => [w, { text: ledgerWayLabels[w] }]));
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const yuan = (v: string) => formatYuan(v);

interface SearchValues {
  name?: string;
  regionCode?: string;
  way?: LedgerWay;
  depositStatus?: DepositStatus;
}

/** 台账 (SPEC §10): every deposit of the unit's remit — instruments, uses, replenishments, returns and the balance. */
export default function LedgerPage() {
  const [params] = useSearchParams();
  const region = params.get('regionCode');
  const way = params.get('way');
  const status = params.get('depositStatus');
  const month = params.get('month');
  const initial: LedgerFilters = {
    regionCode: region && /^\d{6}$/.test(region) ? region : undefined,
    way: LEDGER_WAYS.includes(way as LedgerWay) ? (way as LedgerWay) : undefined,
    depositStatus: DEPOSIT_STATUSES.includes(status as DepositStatus) ? (status as DepositStatus) : undefined,
    month: month && MONTH.test(month) ? month : undefined,
    name: params.get('name') ?? undefined,
  };
  return (
    <PageContainer
      title="台账"
      content="本单位监管范围内每个项目的保证金：现金、银行保函、保单保函、保险保单，动用、补足、返还（释放）及当前余额。余额 = 各项保证金金额 − 已动用 + 补足 − 已释放或返还。"
      extra={
        <Link to="/ledger/stats">
          <Button icon={<BarChartOutlined />}>月度统计</Button>
        </Link>
      }
    >
      <LedgerTable key={params.toString()} initial={initial} />
    </PageContainer>
  );
}

function LedgerTable({ initial }: { initial: LedgerFilters }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const filters = useRef<LedgerFilters>(initial);
  const totals = useRef<{ settledAmount: string; balance: string } | null>(null);
  const { exporting, runExport } = useExport(() => exportLedger(filters.current));
  const money = (title: string, key: keyof LedgerRow, width = 130): ProColumns<LedgerRow> => ({ title, dataIndex: key, search: false, align: 'right', width, render: (_, r) => yuan(String(r[key])) });
  const columns: ProColumns<LedgerRow>[] = [
    { title: '项目名称', dataIndex: 'name', ellipsis: true, width: 220, fixed: 'left', fieldProps: { placeholder: '请输入项目名称' }, render: (_, r) => <Link to={`/ledger/${r.projectId}`}>{r.projectName}</Link> },
    { title: '地区', dataIndex: 'regionCode', valueType: 'select', width: 100, fieldProps: { options: regionSelectOptions(dicts.data), placeholder: '全部', showSearch: true, optionFilterProp: 'label' }, render: (_, r) => r.regionName },
    { title: '缴纳方式', dataIndex: 'way', valueType: 'select', valueEnum: wayEnum, width: 90, fieldProps: { placeholder: '全部' } },
    { title: '保证金状态', dataIndex: 'depositStatus', valueType: 'select', valueEnum: depositStatusValueEnum, width: 100, fieldProps: { placeholder: '全部' }, render: (_, r) => <DepositStatusTag status={r.depositStatus} /> },
    { title: '缴纳日期', dataIndex: 'settledOn', search: false, width: 105 },
    money('缴纳金额', 'settledAmount'),
    money('现金', 'cash'),
    money('银行保函', 'bankGuarantee'),
    money('保单保函', 'offlineGuarantee'),
    money('保险保单', 'insurancePolicy'),
    { title: '动用', dataIndex: 'used', search: false, align: 'right', width: 140, render: (_, r) => (r.useCount ? <Link to={`/deposit-uses?projectName=${encodeURIComponent(r.projectName)}`}>{`${yuan(r.used)}（${r.useCount}次）`}</Link> : yuan(r.used)) },
    money('补足', 'replenished'),
    money('返还/释放', 'returned'),
    { title: '余额', dataIndex: 'balance', search: false, align: 'right', width: 140, fixed: 'right', render: (_, r) => <Link to={`/ledger/${r.projectId}`}><b>{yuan(r.balance)}</b></Link> },
  ];
  return (
    <ProTable<LedgerRow, SearchValues>
      rowKey="projectId"
      columns={columns}
      headerTitle={initial.month ? `台账（${initial.month} 缴纳）` : '保证金台账'}
      cardBordered
      form={{ initialValues: { name: initial.name, regionCode: initial.regionCode, way: initial.way, depositStatus: initial.depositStatus } }}
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1900 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      footer={() =>
        totals.current ? (
          <Space>
            <Typography.Text>合计缴纳金额：{yuan(totals.current.settledAmount)} 元</Typography.Text>
            <Typography.Text strong>合计余额：{yuan(totals.current.balance)} 元</Typography.Text>
          </Space>
        ) : null
      }
      request={async ({ current, pageSize, name, regionCode, way, depositStatus }) => {
        const f: LedgerFilters = { name: name?.trim() || undefined, regionCode: regionCode || undefined, way: way || undefined, depositStatus: depositStatus || undefined, month: initial.month };
        filters.current = f;
        const page = await qc.fetchQuery(ledgerListQueryOptions({ ...f, page: current ?? 1, pageSize: pageSize ?? 10 }));
        totals.current = page.totals;
        return toTableResult(page);
      }}
    />
  );
}
