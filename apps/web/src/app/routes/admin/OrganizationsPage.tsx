import { useRef, useState } from 'react';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Popconfirm, Tag, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime, orgTypeLabels, type OrgType } from '@benxi/shared';
import {
  organizationListQueryOptions,
  useUpdateOrganization,
  type Organization,
} from '../../../features/admin-organizations/api/organizations';
import {
  CreateOrganizationModal,
  EditOrganizationModal,
} from '../../../features/admin-organizations/components/OrganizationModals';
import { useAdminDictionaries } from '../../../features/admin-dictionaries/api/dictionaries';
import { BankOfferModal } from '../../../features/payment/components/BankOfferModal';
import { errorMessage } from '../../../lib/api';
import { tablePagination, tableRequestError, toTableResult } from '../../../lib/page';

const typeValueEnum = Object.fromEntries(Object.entries(orgTypeLabels).map(([k, v]) => [k, { text: v }]));

/** 单位管理: bureaus, banks, insurers, the platform unit (and the enterprises, read only). */
export default function OrganizationsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const tableRef = useRef<ActionType>(undefined);
  const dicts = useAdminDictionaries();
  const update = useUpdateOrganization();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Organization | null>(null);
  const [offering, setOffering] = useState<Organization | null>(null);

  const regionName = new Map((dicts.data?.regions ?? []).map((r) => [r.code, r.name]));
  const industryLabel = new Map(
    (dicts.data?.items ?? []).filter((i) => i.dictType === 'industry_type').map((i) => [i.code, i.label]),
  );
  const regionChoices = (dicts.data?.regions ?? []).filter((r) => r.enabled).map((r) => ({ value: r.code, label: r.name }));
  const industryChoices = (dicts.data?.items ?? [])
    .filter((i) => i.dictType === 'industry_type' && i.enabled)
    .map((i) => ({ value: i.code, label: i.label }));

  async function toggle(o: Organization) {
    try {
      await update.mutateAsync({ id: o.id, patch: { enabled: !o.enabled } });
      message.success(`已${o.enabled ? '停用' : '启用'}单位 ${o.name ?? ''}`);
      tableRef.current?.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const columns: ProColumns<Organization>[] = [
    { title: '关键字', dataIndex: 'keyword', hideInTable: true, fieldProps: { placeholder: '单位名称/统一社会信用代码' } },
    {
      title: '类型',
      dataIndex: 'type',
      valueType: 'select',
      valueEnum: typeValueEnum,
      width: 130,
      fieldProps: { placeholder: '全部' },
      render: (_, o) => orgTypeLabels[o.type],
    },
    { title: '名称', dataIndex: 'name', search: false, ellipsis: true, width: 260, render: (_, o) => o.name ?? '（尚未认证）' },
    { title: '地区', dataIndex: 'regionCode', search: false, width: 130, render: (_, o) => (o.regionCode ? (regionName.get(o.regionCode) ?? o.regionCode) : '-') },
    { title: '上级单位', dataIndex: 'parentName', search: false, ellipsis: true, width: 220, render: (_, o) => o.parentName ?? '-' },
    {
      title: '行业主管类型',
      dataIndex: 'industryType',
      search: false,
      width: 110,
      render: (_, o) => (o.industryType ? (industryLabel.get(o.industryType) ?? o.industryType) : '-'),
    },
    { title: '用户数', dataIndex: 'userCount', search: false, width: 80, align: 'center' },
    {
      title: '状态',
      dataIndex: 'enabled',
      search: false,
      width: 80,
      render: (_, o) => <Tag color={o.enabled ? 'success' : 'default'}>{o.enabled ? '启用' : '停用'}</Tag>,
    },
    { title: '创建时间', dataIndex: 'createdAt', search: false, width: 170, render: (_, o) => formatDateTime(o.createdAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 170,
      fixed: 'right',
      render: (_, o) => [
        ...(o.type !== 'enterprise'
          ? [
              <Typography.Link key="edit" onClick={() => setEditing(o)}>
                修改
              </Typography.Link>,
            ]
          : []),
        ...(o.type === 'bank'
          ? [
              <Typography.Link key="offer" onClick={() => setOffering(o)}>
                银行业务
              </Typography.Link>,
            ]
          : []),
        <Popconfirm
          key="toggle"
          title={
            o.enabled
              ? `确认停用 ${o.name ?? '该单位'}？停用后不再出现在新建项目和新增用户的选项中。`
              : `确认启用 ${o.name ?? '该单位'}？`
          }
          okText="确认"
          cancelText="取消"
          onConfirm={() => toggle(o)}
        >
          <Typography.Link type={o.enabled ? 'danger' : undefined}>{o.enabled ? '停用' : '启用'}</Typography.Link>
        </Popconfirm>,
      ],
    },
  ];

  return (
    <PageContainer title="单位管理">
      <ProTable<Organization, { keyword?: string; type?: OrgType }>
        actionRef={tableRef}
        rowKey="id"
        columns={columns}
        headerTitle="单位列表"
        cardBordered
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={tablePagination}
        onRequestError={tableRequestError(message.error)}
        scroll={{ x: 1400 }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增单位
          </Button>,
        ]}
        request={async ({ current, pageSize, keyword, type }) =>
          toTableResult(
            await qc.fetchQuery(
              organizationListQueryOptions({
                keyword: keyword?.trim() || undefined,
                type: type || undefined,
                page: current ?? 1,
                pageSize: pageSize ?? 10,
              }),
            ),
          )
        }
      />
      {offering && <BankOfferModal bank={offering} regions={regionChoices} onClose={() => setOffering(null)} />}
      <CreateOrganizationModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          tableRef.current?.reload();
        }}
        regions={regionChoices}
        industryTypes={industryChoices}
      />
      <EditOrganizationModal
        organization={editing}
        onClose={() => {
          setEditing(null);
          tableRef.current?.reload();
        }}
      />
    </PageContainer>
  );
}
