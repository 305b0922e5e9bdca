import { useRef } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Space, Table, Typography } from 'antd';
import DownloadOutlined from '@ant-design/icons/DownloadOutlined';
import { useExport } from '../../../lib/use-export';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime, INSURANCE_ORDER_STATUSES, type InsuranceOrderStatus } from '@benxi/shared';
import { useLinkedStatus } from '../../../lib/linked-status';
import { showYuan } from '../../../lib/money';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { exportOrders, orderListQueryOptions, useInsuranceOrders, type InsuranceOrder, type OrderListParams } from '../api/insurance';
import { OrderActions } from './OrderActions';
import { InsuranceStatusTag, insuranceStatusValueEnum } from './InsuranceTags';

const period = (o: InsuranceOrder) => `${o.startOn} ~ ${o.endOn}`;
const premium = (o: InsuranceOrder) => showYuan(o.finalPremium ?? o.referencePremium);

/**
 * The project's insurance orders (manual 2.2.2's order table): 被保险人, 保障时间, 保费, 保险公司, 状态,
 * 操作 (查看投保详情, 立即支付, 关闭订单, 收银台, 下载保单, 申请发票) — shown once there is one.
 */
export function ProjectInsuranceOrdersCard({ projectId }: { projectId: string }) {
  const orders = useInsuranceOrders({ projectId, page: 1, pageSize: 50 });
  const items = orders.data?.items ?? [];
  if (!orders.isPending && items.length === 0) return null;
  const columns = [
    {
      title: '基本信息',
      key: 'info',
      width: 260,
      render: (_: unknown, o: InsuranceOrder) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{o.productName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            投保订单号：{o.id}
          </Typography.Text>
          {o.policyNo && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              保单号：{o.policyNo}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '被保险人', dataIndex: 'insuredName', key: 'insured', width: 190 },
    { title: '保障时间', key: 'period', width: 200, render: (_: unknown, o: InsuranceOrder) => period(o) },
    { title: '保费（元）', key: 'premium', align: 'right' as const, width: 110, render: (_: unknown, o: InsuranceOrder) => premium(o) },
    { title: '保险公司', dataIndex: 'insurerName', key: 'insurer', width: 220 },
    { title: '状态', key: 'status', width: 100, render: (_: unknown, o: InsuranceOrder) => <InsuranceStatusTag status={o.status} /> },
    {
      title: '操作',
      key: 'op',
      width: 250,
      fixed: 'right' as const,
      render: (_: unknown, o: InsuranceOrder) => (
        <Space size={0} wrap>
          <Link to={`/insurance-orders/${o.id}`} style={{ marginRight: 8 }}>
            查看投保详情
          </Link>
          <OrderActions order={o} size="small" />
        </Space>
      ),
    },
  ];
  return (
    <Card title="保险办理" data-testid="insurance-orders">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="保险审核通过后，只能选择其中一个订单支付出单。注：点击【立即支付】，其他订单将会自动关闭，谨慎操作。" />
      {items.some((o) => o.status === 'issued') && <Alert type="success" showIcon style={{ marginBottom: 12 }} message="出单完成，可在订单列表点击【下载保单】查看保单详情" />}
      <Table<InsuranceOrder> rowKey="id" size="small" loading={orders.isPending} columns={columns} dataSource={items} pagination={false} scroll={{ x: 1420 }} />
      {items[0] && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          提交时间：{formatDateTime(items[items.length - 1]!.submittedAt)}　业务流水号：{items[0].businessNo}
        </Typography.Text>
      )}
    </Card>
  );
}

/** The insurer's 投保订单 (`todo`: its 待办 — to underwrite, to confirm, to issue — oldest first). */
export function InsurerOrderTable({ todo = false, headerTitle }: { todo?: boolean; headerTitle: string }) {
  const qc = useQueryClient();
  // 首页 links: /insurer/orders?status=underwriting (待核保) or paid (待出单)
  const linked = useLinkedStatus(INSURANCE_ORDER_STATUSES);
  const { message } = App.useApp();
  const filters = useRef<Omit<OrderListParams, 'page' | 'pageSize'>>({});
  const { exporting, runExport } = useExport(() => exportOrders(filters.current));
  const columns: ProColumns<InsuranceOrder>[] = [
    { title: '工程名称', dataIndex: 'projectName', ellipsis: true, width: 200, fieldProps: { placeholder: '请输入工程名称' }, render: (_, o) => <Link to={`/insurance-orders/${o.id}`}>{o.projectName}</Link> },
    { title: '订单编号', dataIndex: 'id', search: false, width: 185, copyable: true },
    { title: '被保险人', dataIndex: 'insuredName', search: false, ellipsis: true, width: 180 },
    { title: '保险金额（元）', dataIndex: 'amount', search: false, align: 'right', width: 130, render: (_, o) => showYuan(o.amount) },
    { title: '保障时间', key: 'period', search: false, width: 200, render: (_, o) => period(o) },
    { title: '保费（元）', key: 'premium', search: false, align: 'right', width: 110, render: (_, o) => premium(o) },
    { title: '状态', dataIndex: 'status', valueType: 'select', valueEnum: insuranceStatusValueEnum, search: !todo, width: 100, fieldProps: { placeholder: '请选择状态' }, render: (_, o) => <InsuranceStatusTag status={o.status} /> },
    { title: '提交时间', dataIndex: 'submittedAt', search: false, width: 160, render: (_, o) => formatDateTime(o.submittedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      fixed: 'right',
      render: (_, o) => [
        <Link key="go" to={`/insurance-orders/${o.id}`}>
          {o.allowedActions.length ? '办理' : '详情'}
        </Link>,
      ],
    },
  ];
  return (
    <ProTable<InsuranceOrder, { projectName?: string; status?: InsuranceOrderStatus }>
      key={linked.key}
      form={{ initialValues: linked.initialValues }}
      rowKey="id"
      columns={columns}
      headerTitle={headerTitle}
      cardBordered
      search={todo ? false : { labelWidth: 'auto', defaultCollapsed: false }}
      options={{ density: false, setting: false, reload: true }}
      pagination={tablePagination}
      onRequestError={tableRequestError(message.error)}
      scroll={{ x: 1300 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={runExport}>
          导出 Excel
        </Button>,
      ]}
      request={async ({ current, pageSize, projectName, status }) => {
        filters.current = { projectName: projectName?.trim() || undefined, status: status || undefined, todo: todo ? '1' : undefined };
        return toTableResult(await qc.fetchQuery(orderListQueryOptions({ ...filters.current, page: current ?? 1, pageSize: pageSize ?? 10 })));
      }}
    />
  );
}
