import { useRef, useState } from 'react';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Popconfirm, Tag, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime, roleLabels, userStatusLabels, type Role } from '@benxi/shared';
import {
  isLocked,
  useResetUserPassword,
  useUserAction,
  userActionLabels,
  userListQueryOptions,
  type UserAction,
  type UserRow,
} from '../../../features/admin-users/api/users';
import { CreateUserModal } from '../../../features/admin-users/components/CreateUserModal';
import { errorMessage } from '../../../lib/api';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';

const roleValueEnum = Object.fromEntries(Object.entries(roleLabels).map(([k, v]) => [k, { text: v }]));
const statusValueEnum = {
  active: { text: userStatusLabels.active, status: 'Success' },
  disabled: { text: userStatusLabels.disabled, status: 'Default' },
};

const confirmText: Record<UserAction, (u: UserRow) => string> = {
  unlock: (u) => `确认解除账户 ${u.phone} 的锁定？`,
  disable: (u) => `确认停用账户 ${u.phone}？停用后该账户无法登录，已登录的会话将立即失效。`,
  enable: (u) => `确认启用账户 ${u.phone}？`,
};

/** 用户管理: create accounts; unlock, disable, enable them and reset their password. */
export default function UsersPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const action = useUserAction();
  const tableRef = useRef<ActionType>(undefined);
  const resetPassword = useResetUserPassword();
  const [creating, setCreating] = useState(false);

  async function reset(u: UserRow) {
    try {
      await resetPassword.mutateAsync(u.id);
      message.success(`已重置账户 ${u.phone} 的密码，临时密码已通过短信发送，登录后须修改`, 6);
      tableRef.current?.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  async function run(u: UserRow, a: UserAction) {
    try {
      await action.mutateAsync({ id: u.id, action: a });
      message.success(`已${userActionLabels[a]}账户 ${u.phone}`);
      tableRef.current?.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const actionLink = (u: UserRow, a: UserAction) => (
    <Popconfirm key={a} title={confirmText[a](u)} okText="确认" cancelText="取消" onConfirm={() => run(u, a)}>
      <Typography.Link type={a === 'disable' ? 'danger' : undefined}>{userActionLabels[a]}</Typography.Link>
    </Popconfirm>
  );

  const columns: ProColumns<UserRow>[] = [
    { title: '关键字', dataIndex: 'keyword', hideInTable: true, fieldProps: { placeholder: '手机号/姓名' } },
    { title: '手机号', dataIndex: 'phone', search: false, width: 130 },
    { title: '姓名', dataIndex: 'name', search: false, width: 150, ellipsis: true, render: (_, u) => u.name || '-' },
    { title: '角色', dataIndex: 'role', valueType: 'select', valueEnum: roleValueEnum, width: 100, fieldProps: { placeholder: '全部' }, render: (_, u) => roleLabels[u.role] },
    { title: '所属单位', dataIndex: 'orgName', search: false, ellipsis: true, width: 220, render: (_, u) => u.orgName || '-' },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: statusValueEnum,
      width: 100,
      fieldProps: { placeholder: '全部' },
      render: (_, u) =>
        isLocked(u) ? (
          <Tag color="warning">已锁定</Tag>
        ) : (
          <Tag color={u.status === 'active' ? 'success' : 'default'}>{userStatusLabels[u.status]}</Tag>
        ),
    },
    {
      title: '锁定至',
      dataIndex: 'lockedUntil',
      search: false,
      width: 170,
      render: (_, u) => (isLocked(u) ? <Typography.Text type="warning">{formatDateTime(u.lockedUntil)}</Typography.Text> : '-'),
    },
    { title: '连续失败次数', dataIndex: 'failedLogins', search: false, width: 110, align: 'center' },
    { title: '创建时间', dataIndex: 'createdAt', search: false, width: 170, render: (_, u) => formatDateTime(u.createdAt) },
    { title: '最近登录', dataIndex: 'lastLoginAt', search: false, width: 170, render: (_, u) => formatDateTime(u.lastLoginAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 180,
      fixed: 'right',
      render: (_, u) => [
        ...(isLocked(u) ? [actionLink(u, 'unlock')] : []),
        u.status === 'active' ? actionLink(u, 'disable') : actionLink(u, 'enable'),
        <Popconfirm
          key="reset"
          title={`确认重置账户 ${u.phone} 的密码？`}
          description="临时密码将以短信发送到该手机号，账户同时解锁，已登录的会话将失效。"
          okText="确认"
          cancelText="取消"
          onConfirm={() => reset(u)}
        >
          <Typography.Link>重置密码</Typography.Link>
        </Popconfirm>,
      ],
    },
  ];

  return (
    <PageContainer title="用户管理">
      <ProTable<UserRow, { keyword?: string; role?: Role; status?: 'active' | 'disabled' }>
        actionRef={tableRef}
        rowKey="id"
        columns={columns}
        headerTitle="平台用户"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1590 }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增用户
          </Button>,
        ]}
        request={async ({ current, pageSize, keyword, role, status }) =>
          toTableResult(
            await qc.fetchQuery(
              userListQueryOptions({
                keyword: keyword?.trim() || undefined,
                role: role || undefined,
                status: status || undefined,
                page: current ?? 1,
                pageSize: pageSize ?? 10,
              }),
            ),
          )
        }
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          tableRef.current?.reload();
        }}
      />
    </PageContainer>
  );
}
