import { useState } from 'react';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { apiClientStatusLabels, formatDateTime, orgTypeLabels } from '@benxi/shared';
import { useApiClients, useDisableApiClient, type ApiClient } from '../../../features/admin-open-api/api/api-clients';
import { RegisterApiClientModal } from '../../../features/admin-open-api/components/RegisterApiClientModal';
import { errorMessage } from '../../../lib/api';

const abbreviate = (key: string) => `${key.slice(0, 10)}…${key.slice(-8)}`;

/** 开放接口: the API clients of banks and insurers (SPEC §13): register with a public key, disable. */
export default function OpenApiPage() {
  const { message } = App.useApp();
  const clients = useApiClients();
  const disable = useDisableApiClient();
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<ApiClient | null>(null);

  async function turnOff(c: ApiClient) {
    try {
      await disable.mutateAsync(c.id);
      message.success(`已停用客户端 ${c.appId}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const columns: ProColumns<ApiClient>[] = [
    { title: 'appId', dataIndex: 'appId', width: 215, render: (_, c) => <Typography.Text copyable code>{c.appId}</Typography.Text> },
    {
      title: '机构',
      dataIndex: 'orgName',
      ellipsis: true,
      render: (_, c) => (
        <span title={`${c.orgName ?? ''}（${orgTypeLabels[c.orgType]}）`}>
          {c.orgName ?? '-'}
          <Typography.Text type="secondary">（{orgTypeLabels[c.orgType]}）</Typography.Text>
        </span>
      ),
    },
    {
      title: '公钥',
      dataIndex: 'publicKey',
      width: 205,
      render: (_, c) => (
        <Typography.Text copyable={{ text: c.publicKey }} style={{ fontFamily: 'monospace' }} title={c.publicKey}>
          {abbreviate(c.publicKey)}
        </Typography.Text>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Tag color={c.status === 'enabled' ? 'success' : 'default'}>{apiClientStatusLabels[c.status]}</Tag>
          {c.disabledAt && <Typography.Text type="secondary">{formatDateTime(c.disabledAt)} 停用</Typography.Text>}
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 160, render: (_, c) => formatDateTime(c.createdAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 64,
      render: (_, c) =>
        c.status === 'enabled'
          ? [
              <Popconfirm
                key="disable"
                title={`确认停用 ${c.appId}？`}
                description={`停用后 ${c.orgName ?? '该机构'} 以此 appId 签名的请求立即被拒绝（401），且不能重新启用；如需恢复，请重新注册。`}
                okText="确认停用"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => turnOff(c)}
              >
                <Typography.Link type="danger">停用</Typography.Link>
              </Popconfirm>,
            ]
          : [],
    },
  ];

  return (
    <PageContainer title="开放接口">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="银行和保险公司的系统通过 /api/open/v1 对接平台：每个请求以机构私钥作 SM2 签名，平台对每个响应签名。"
        description="一个机构可以有多个客户端（如更换密钥时先注册新公钥、再停用旧客户端）。操作记录见「审计日志」。接口说明见 /api/docs（开放接口）。"
      />
      <ProTable<ApiClient>
        rowKey="id"
        columns={columns}
        headerTitle="客户端列表"
        cardBordered
        search={false}
        loading={clients.isLoading}
        dataSource={clients.data?.items ?? []}
        options={{ density: false, setting: false, reload: () => void clients.refetch() }}
        pagination={{ pageSize: 20, showTotal: (total, range) => `第${range[0]}-${range[1]}条/总共${total}条` }}
        tableLayout="fixed"
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            注册客户端
          </Button>,
        ]}
      />
      <RegisterApiClientModal
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(c) => {
          setRegistering(false);
          setRegistered(c);
        }}
      />
      <Modal
        title="客户端已注册"
        open={!!registered}
        onCancel={() => setRegistered(null)}
        footer={
          <Button type="primary" onClick={() => setRegistered(null)}>
            知道了
          </Button>
        }
      >
        {registered && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <div>
              机构：{registered.orgName}（{orgTypeLabels[registered.orgType]}）
            </div>
            <div>
              appId：
              <Typography.Text copyable code data-testid="registered-app-id">
                {registered.appId}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary">请将 appId 告知该机构；机构以 appId 和自己的私钥签名调用开放接口。</Typography.Text>
          </Space>
        )}
      </Modal>
    </PageContainer>
  );
}
