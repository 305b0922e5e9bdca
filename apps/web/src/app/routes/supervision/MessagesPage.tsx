import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Badge, Button, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link } from 'react-router';
import { formatDateTime, messageKindLabels, MESSAGE_KINDS, type MessageKind } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { messageListQueryOptions, useMarkAllRead, useMarkRead, useUnreadCount, type Message } from '../../../features/supervision/api/supervision';
import type { ActionType } from '@ant-design/pro-components';

const kindEnum = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, { text: messageKindLabels[k] }]));
const readEnum = { '1': { text: '未读' }, '0': { text: '已读' } };

/** 消息中心: the user's messages (预警提醒, 审核结果), unread first in the badge; mark read / all read. */
export default function MessagesPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const action = useRef<ActionType>(null);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  async function read(m: Message) {
    if (m.readAt) return;
    try {
      await markRead.mutateAsync(m.id);
      action.current?.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const columns: ProColumns<Message>[] = [
    {
      title: '状态',
      dataIndex: 'unread',
      valueType: 'select',
      valueEnum: readEnum,
      width: 80,
      fieldProps: { placeholder: '全部' },
      render: (_, m) => (m.readAt ? <Typography.Text type="secondary">已读</Typography.Text> : <Badge status="processing" text="未读" />),
    },
    { title: '类型', dataIndex: 'kind', valueType: 'select', valueEnum: kindEnum, width: 100, fieldProps: { placeholder: '全部' }, render: (_, m) => <Tag color={m.kind === 'warning' ? 'red' : 'blue'}>{messageKindLabels[m.kind]}</Tag> },
    {
      title: '标题',
      dataIndex: 'title',
      search: false,
      width: 260,
      render: (_, m) => (m.readAt ? m.title : <Typography.Text strong>{m.title}</Typography.Text>),
    },
    { title: '内容', dataIndex: 'body', search: false, ellipsis: true, width: 360 },
    { title: '时间', dataIndex: 'createdAt', search: false, width: 160, render: (_, m) => formatDateTime(m.createdAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 140,
      render: (_, m) => [
        m.link ? (
          <Link key="go" to={m.link} onClick={() => void read(m)}>
            查看
          </Link>
        ) : null,
        !m.readAt ? (
          <a key="read" onClick={() => void read(m)}>
            标为已读
          </a>
        ) : null,
      ],
    },
  ];
  return (
    <PageContainer title="消息中心" content="预警提醒和您单位事项的审核结果（企业认证、定额申请等）都会发到这里。">
      <ProTable<Message, { unread?: '1' | '0'; kind?: MessageKind }>
        rowKey="id"
        actionRef={action}
        columns={columns}
        headerTitle={`我的消息（未读 ${unread.data?.unread ?? 0} 条）`}
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1100 }}
        toolBarRender={() => [
          <Button
            key="all"
            disabled={!unread.data?.unread}
            loading={markAll.isPending}
            onClick={async () => {
              try {
                await markAll.mutateAsync();
                message.success('已全部标为已读');
                action.current?.reload();
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            全部标为已读
          </Button>,
        ]}
        request={async ({ current, pageSize, unread: u, kind }) =>
          toTableResult(await qc.fetchQuery(messageListQueryOptions({ unread: u || undefined, kind: kind || undefined, page: current ?? 1, pageSize: pageSize ?? 10 })))
        }
      />
    </PageContainer>
  );
}
