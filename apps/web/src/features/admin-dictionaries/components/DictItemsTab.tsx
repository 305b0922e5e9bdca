import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { DICT_TYPES, dictTypeLabels, zCreateDictItem, zUpdateDictItem, type DictType } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { errorMessage } from '../../../lib/api';
import { zodRule } from '../../../lib/zod-rule';
import {
  useCreateDictItem,
  useDeleteDictItem,
  useUpdateDictItem,
  type AdminDictItem,
} from '../api/dictionaries';
import { DisabledLink, NameModal } from './common';

interface CreateValues {
  code: string;
  label: string;
  sort: number;
}

function CreateDictItemModal({ dictType, open, onClose, nextSort }: { dictType: DictType; open: boolean; onClose: () => void; nextSort: number }) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const create = useCreateDictItem();

  async function submit(v: CreateValues) {
    await create.mutateAsync({ dictType, code: v.code.trim(), label: v.label.trim(), sort: v.sort ?? 0 });
    message.success(`已新增${dictTypeLabels[dictType]}：${v.label.trim()}`);
    onClose();
  }

  return (
    <FormModal<CreateValues>
      title={`新增${dictTypeLabels[dictType]}`}
      open={open}
      form={form}
      name="create-dict-item"
      onClose={onClose}
      onSubmit={submit}
      codeToField={{ CONFLICT: 'code' }}
      width={460}
      labelSpan={5}
      initialValues={{ sort: nextSort }}
    >
      <Form.Item
        name="code"
        label="编码"
        extra="保存后不可修改，如 railway"
        rules={[{ required: true, message: '请输入编码' }, zodRule(zCreateDictItem.shape.code)]}
      >
        <Input maxLength={30} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="label" label="名称" rules={[{ required: true, message: '请输入名称' }, zodRule(zCreateDictItem.shape.label)]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="sort" label="排序" extra="数字小的排在前面">
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** 字典项: 行业主管类型, 工程类型, 企业资质, 项目种类. An entry in use can only be disabled. */
export function DictItemsTab({ items }: { items: AdminDictItem[] }) {
  const { message } = App.useApp();
  const [dictType, setDictType] = useState<DictType>('industry_type');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminDictItem | null>(null);
  const update = useUpdateDictItem();
  const remove = useDeleteDictItem();
  const rows = items.filter((i) => i.dictType === dictType);
  const nextSort = rows.reduce((m, i) => Math.max(m, i.sort + 1), 0);

  async function toggle(i: AdminDictItem) {
    try {
      await update.mutateAsync({ id: i.id, patch: { enabled: !i.enabled } });
      message.success(`已${i.enabled ? '停用' : '启用'}：${i.label}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  async function del(i: AdminDictItem) {
    try {
      await remove.mutateAsync(i.id);
      message.success(`已删除：${i.label}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Radio.Group
          value={dictType}
          onChange={(e) => setDictType(e.target.value as DictType)}
          optionType="button"
          buttonStyle="solid"
          options={DICT_TYPES.map((t) => ({ value: t, label: dictTypeLabels[t] }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新增{dictTypeLabels[dictType]}
        </Button>
      </Space>
      <Table<AdminDictItem>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '编码', dataIndex: 'code', width: 160, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: '名称', dataIndex: 'label' },
          { title: '排序', dataIndex: 'sort', width: 80, align: 'center' },
          {
            title: '状态',
            dataIndex: 'enabled',
            width: 90,
            render: (e: boolean) => <Tag color={e ? 'success' : 'default'}>{e ? '启用' : '停用'}</Tag>,
          },
          {
            title: '使用情况',
            dataIndex: 'inUse',
            width: 100,
            render: (u: boolean) => (u ? <Tag color="blue">已使用</Tag> : <Typography.Text type="secondary">未使用</Typography.Text>),
          },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_, i) => (
              <Space>
                <Typography.Link onClick={() => setEditing(i)}>修改</Typography.Link>
                <Popconfirm
                  title={i.enabled ? `确认停用“${i.label}”？停用后不再出现在表单选项中。` : `确认启用“${i.label}”？`}
                  okText="确认"
                  cancelText="取消"
                  onConfirm={() => toggle(i)}
                >
                  <Typography.Link type={i.enabled ? 'danger' : undefined}>{i.enabled ? '停用' : '启用'}</Typography.Link>
                </Popconfirm>
                {i.inUse ? (
                  <DisabledLink reason="已被使用，只能停用">删除</DisabledLink>
                ) : (
                  <Popconfirm title={`确认删除“${i.label}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => del(i)}>
                    <Typography.Link type="danger">删除</Typography.Link>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateDictItemModal dictType={dictType} open={creating} onClose={() => setCreating(false)} nextSort={nextSort} />
      <NameModal
        title={`修改${dictTypeLabels[dictType]}`}
        open={!!editing}
        label="名称"
        withSort
        initial={{ label: editing?.label ?? '', sort: editing?.sort ?? 0 }}
        rules={[{ required: true, message: '请输入名称' }, zodRule(zUpdateDictItem.shape.label)]}
        codeToField={{ INVALID_STATE: 'label' }}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          await update.mutateAsync({ id: editing!.id, patch: { label: v.label, sort: v.sort } });
          message.success('字典条目已修改');
        }}
      />
    </>
  );
}
