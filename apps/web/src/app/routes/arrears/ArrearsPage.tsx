import { useRef, useState } from 'react';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { arrearsKindLabels, can, type ArrearsKind } from '@benxi/shared';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';
import { useMe } from '../../../features/auth/api/me';
import { useFormDictionaries } from '../../../features/dictionaries/api/dictionaries';
import { arrearsListQueryOptions, type ArrearsRecord } from '../../../features/arrears/api/arrears';
import { CreateArrearsModal, RemoveArrearsModal } from '../../../features/arrears/components/ArrearsModals';
import { DutiesForm } from '../../../features/arrears/components/DutiesForm';

const kindValueEnum = {
  arrears: { text: arrearsKindLabels.arrears },
  serious_dishonest: { text: arrearsKindLabels.serious_dishonest },
};

/** 欠薪及失信记录: the register hrss keeps; the quota rules engine reads it. */
export default function ArrearsPage() {
  const me = useMe().data!;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dicts = useFormDictionaries();
  const tableRef = useRef<ActionType>(undefined);
  const manage = can(me.role, 'arrears.manage');
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<ArrearsRecord | null>(null);
  const regionName = (code: string) => dicts.data?.regions.find((r) => r.code === code)?.name ?? code;

  const columns: ProColumns<ArrearsRecord>[] = [
    { title: '关键字', dataIndex: 'keyword', hideInTable: true, fieldProps: { placeholder: '企业名称/统一社会信用代码' } },
    { title: '企业名称', dataIndex: 'enterpriseName', search: false, ellipsis: true, width: 200 },
    { title: '统一社会信用代码', dataIndex: 'creditCode', search: false, width: 190, render: (_, r) => <span style={{ fontFamily: 'monospace' }}>{r.creditCode ?? '-'}</span> },
    {
      title: '类型',
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: kindValueEnum,
      width: 170,
      fieldProps: { placeholder: '全部' },
      render: (_, r) => <Tag color={r.kind === 'serious_dishonest' ? 'error' : 'warning'}>{arrearsKindLabels[r.kind]}</Tag>,
    },
    { title: '地区', dataIndex: 'regionCode', search: false, width: 120, render: (_, r) => regionName(r.regionCode) },
    { title: '发生日期', dataIndex: 'occurredOn', search: false, width: 110 },
    { title: '移出日期', dataIndex: 'removedOn', search: false, width: 110, render: (_, r) => r.removedOn ?? '-' },
    {
      title: '依据文书',
      dataIndex: 'sourceDocument',
      search: false,
      ellipsis: true,
      width: 220,
      render: (_, r) => (
        <span title={r.note ? `备注：${r.note}` : undefined}>
          {r.sourceDocument}
          {r.note && <Typography.Text type="secondary">（{r.note}）</Typography.Text>}
        </span>
      ),
    },
    { title: '登记人', dataIndex: 'enteredByPhone', search: false, width: 120 },
    { title: '登记单位', dataIndex: 'enteredByOrg', search: false, ellipsis: true, width: 220 },
    ...(manage
      ? [
          {
            title: '操作',
            valueType: 'option',
            width: 70,
            fixed: 'right',
            render: (_, r) =>
              r.removedOn
                ? [<Typography.Text key="done" type="secondary">已移出</Typography.Text>]
                : r.canRemove
                  ? [<a key="remove" onClick={() => setRemoving(r)}>移出</a>]
                  : [
                      <Tooltip key="remove" title={`由${r.enteredByOrg}登记，只能由登记单位或其上级单位移出`}>
                        <Typography.Text type="secondary" style={{ cursor: 'not-allowed' }}>
                          移出
                        </Typography.Text>
                      </Tooltip>,
                    ],
          } as ProColumns<ArrearsRecord>,
        ]
      : []),
  ];

  return (
    <PageContainer
      title="欠薪及失信记录"
      content="登记企业拖欠农民工工资和列入严重失信主体名单的情况；定额申请按合同签订日的记录计算规定应缴比例。列表含本单位、下级单位和上级单位登记的记录；记录只能由登记单位或其上级单位移出。"
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ProTable<ArrearsRecord, { keyword?: string; kind?: ArrearsKind }>
          actionRef={tableRef}
          rowKey="id"
          columns={columns}
          headerTitle="记录列表"
          cardBordered
          search={{ labelWidth: 'auto', defaultCollapsed: false }}
          options={{ density: false, setting: false, reload: true }}
          pagination={tablePagination}
          onRequestError={tableRequestError(message.error)}
          scroll={{ x: 1560 }}
          toolBarRender={() =>
            manage
              ? [
                  <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                    新增记录
                  </Button>,
                ]
              : []
          }
          request={async ({ current, pageSize, keyword, kind }) =>
            toTableResult(
              await qc.fetchQuery(
                arrearsListQueryOptions({ keyword: keyword?.trim() || undefined, kind: kind || undefined, page: current ?? 1, pageSize: pageSize ?? 10 }),
              ),
            )
          }
        />
        {manage && (
          <Card title="实名制和专用账户落实情况">
            <DutiesForm />
          </Card>
        )}
      </Space>
      {manage && (
        <>
          <CreateArrearsModal
            open={creating}
            onClose={() => {
              setCreating(false);
              tableRef.current?.reload();
            }}
          />
          <RemoveArrearsModal
            record={removing}
            onClose={() => {
              setRemoving(null);
              tableRef.current?.reload();
            }}
          />
        </>
      )}
    </PageContainer>
  );
}
