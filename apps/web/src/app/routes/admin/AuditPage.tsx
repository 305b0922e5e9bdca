import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { auditActionLabels, formatDateTime, loginFailureReasonLabels, roleLabels, type LoginFailureReason, type Role } from '@benxi/shared';
import { auditListQueryOptions, auditTargetTypeLabels, type AuditRow } from '../../../features/audit/api/audit';
import { AuditDiff } from '../../../features/audit/components/AuditDiff';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';

const actionValueEnum = Object.fromEntries(Object.entries(auditActionLabels).map(([k, v]) => [k, { text: v }]));
const targetTypeValueEnum = Object.fromEntries(Object.entries(auditTargetTypeLabels).map(([k, v]) => [k, { text: v }]));

/** 登录失败 rows name their reason (密码错误, 短信验证码错误或已失效, 账户已锁定 …). */
function actionText(r: AuditRow): string {
  const label = auditActionLabels[r.action] ?? r.action;
  const reason = (r.after as { reason?: string } | null)?.reason;
  if (r.action !== 'user.login.failed' || !reason) return label;
  return `${label}：${loginFailureReasonLabels[reason as LoginFailureReason] ?? reason}`;
}

const columns: ProColumns<AuditRow>[] = [
  { title: '时间', dataIndex: 'at', search: false, width: 170, render: (_, r) => formatDateTime(r.at) },
  {
    title: '日期范围',
    dataIndex: 'range',
    valueType: 'dateRange',
    hideInTable: true,
    fieldProps: { placeholder: ['开始日期', '结束日期'] },
    search: { transform: (v: [string, string]) => ({ from: v?.[0], to: v?.[1] }) },
  },
  {
    title: '操作人',
    dataIndex: 'actor',
    width: 200,
    fieldProps: { placeholder: '手机号或开放接口 appId' },
    formItemProps: { label: '操作人' },
    render: (_, r) =>
      r.actorPhone ||
      (r.actorClient ? (
        <span title="开放接口客户端（机构系统签名调用）">
          开放接口 <Typography.Text code>{r.actorClient}</Typography.Text>
        </span>
      ) : (
        <Typography.Text type="secondary">系统</Typography.Text>
      )),
  },
  {
    title: '角色',
    dataIndex: 'actorRole',
    search: false,
    width: 100,
    render: (_, r) => (r.actorRole ? roleLabels[r.actorRole as Role] ?? r.actorRole : '-'),
  },
  {
    title: '操作',
    dataIndex: 'action',
    valueType: 'select',
    valueEnum: actionValueEnum,
    width: 220,
    fieldProps: { showSearch: true, placeholder: '全部' },
    render: (_, r) => <Tag color={r.action === 'user.login.failed' ? 'orange' : 'blue'}>{actionText(r)}</Tag>,
  },
  {
    title: '对象',
    dataIndex: 'targetType',
    valueType: 'select',
    valueEnum: targetTypeValueEnum,
    formItemProps: { label: '对象类型' },
    fieldProps: { placeholder: '全部' },
    ellipsis: true,
    render: (_, r) => (
      <span>
        {auditTargetTypeLabels[r.targetType] ?? r.targetType}
        {r.targetLabel && (
          <Typography.Text style={{ marginLeft: 6 }} title={r.targetLabel}>
            {r.targetLabel}
          </Typography.Text>
        )}
        {r.targetId && (
          <Typography.Text type="secondary" copyable={{ text: r.targetId }} style={{ marginLeft: 6, fontSize: 12 }}>
            {r.targetId.length > 12 ? `${r.targetId.slice(0, 8)}…` : r.targetId}
          </Typography.Text>
        )}
      </span>
    ),
  },
  { title: 'IP', dataIndex: 'ip', search: false, width: 140, render: (_, r) => r.ip || '-' },
];

/** 审计日志: read-only; every state change leaves a row with before → after. */
export default function AuditPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return (
    <PageContainer title="审计日志">
      <ProTable<AuditRow, { action?: string; actor?: string; targetType?: string; from?: string; to?: string }>
        rowKey="id"
        columns={columns}
        headerTitle="操作记录"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        expandable={{
          expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
          rowExpandable: (r) => r.before != null || r.after != null,
        }}
        request={async ({ current, pageSize, action, actor, targetType, from, to }) =>
          toTableResult(
            await qc.fetchQuery(
              auditListQueryOptions({
                action: action || undefined,
                actor: actor?.trim() || undefined,
                targetType: targetType || undefined,
                from: from || undefined,
                to: to || undefined,
                page: current ?? 1,
                pageSize: pageSize ?? 10,
              }),
            ),
          )
        }
      />
    </PageContainer>
  );
}
