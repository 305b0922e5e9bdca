import { useState } from 'react';
import { App, Button, Checkbox, Form, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { FormModal } from '../../../components/FormModal';
import { errorMessage } from '../../../lib/api';
import { OrgSelect } from '../../admin-organizations/components/OrgSelect';
import {
  supervisionKindLabels,
  useCreateMapping,
  useDeleteMapping,
  type AdminDictionaries,
  type SupervisionKind,
  type SupervisionMapping,
} from '../api/dictionaries';

interface CreateValues {
  kind: SupervisionKind;
  industryType?: string;
  regionCode?: string;
  orgId?: string;
  isDefault: boolean;
}

function CreateMappingModal({
  open,
  onClose,
  regions,
  industryTypes,
  regionCode,
}: {
  open: boolean;
  onClose: () => void;
  regions: { value: string; label: string }[];
  industryTypes: { value: string; label: string }[];
  regionCode?: string;
}) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const create = useCreateMapping();
  const kind = Form.useWatch('kind', form);

  async function submit(v: CreateValues) {
    await create.mutateAsync({
      kind: v.kind,
      industryType: v.kind === 'authority' ? v.industryType : null,
      regionCode: v.regionCode!,
      orgId: v.orgId!,
      isDefault: v.isDefault,
    });
    message.success('单位映射已新增');
    onClose();
  }

  return (
    <FormModal<CreateValues>
      title="新增单位映射"
      open={open}
      form={form}
      name="create-mapping"
      onClose={onClose}
      onSubmit={submit}
      codeToField={{ CONFLICT: 'orgId' }}
      width={540}
      initialValues={{ kind: 'authority', isDefault: false, regionCode }}
      onValuesChange={(changed: Partial<CreateValues>) => {
        if ('kind' in changed) form.setFieldsValue({ orgId: undefined });
      }}
    >
      <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Radio.Group options={(['authority', 'hrss'] as const).map((k) => ({ value: k, label: supervisionKindLabels[k] }))} />
      </Form.Item>
      {kind === 'authority' && (
        <Form.Item name="industryType" label="行业主管类型" rules={[{ required: true, message: '请选择行业主管类型' }]}>
          <Select placeholder="请选择" options={industryTypes} />
        </Form.Item>
      )}
      <Form.Item name="regionCode" label="主管地区" rules={[{ required: true, message: '请选择地区' }]}>
        <Select placeholder="请选择地区" options={regions} />
      </Form.Item>
      <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
        <OrgSelect type={kind} />
      </Form.Item>
      <Form.Item name="isDefault" valuePropName="checked" wrapperCol={{ offset: 6, span: 18 }} extra="新建项目时自动带出默认单位；设为默认会取代原来的默认单位">
        <Checkbox>设为默认</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

/**
 * 单位映射: (行业主管类型, 主管地区) → 行业主管单位 and 主管地区 → 人社监管单位, the choices the
 * 新建项目 form offers. Existing projects keep their units when a mapping is removed.
 */
export function MappingsTab({ view }: { view: AdminDictionaries }) {
  const { message } = App.useApp();
  const remove = useDeleteMapping();
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);

  const regionName = new Map(view.regions.map((r) => [r.code, r.name]));
  const industryLabel = new Map(view.items.filter((i) => i.dictType === 'industry_type').map((i) => [i.code, i.label]));
  const regionOrder = new Map(view.regions.map((r, i) => [r.code, i]));
  const industryOrder = new Map(view.items.filter((i) => i.dictType === 'industry_type').map((i) => [i.code, i.sort]));
  const rows = view.mappings
    .filter((m) => !region || m.regionCode === region)
    .slice()
    .sort(
      (a, b) =>
        (regionOrder.get(a.regionCode) ?? 99) - (regionOrder.get(b.regionCode) ?? 99) ||
        (a.kind === b.kind ? 0 : a.kind === 'hrss' ? -1 : 1) ||
        (industryOrder.get(a.industryType ?? '') ?? -1) - (industryOrder.get(b.industryType ?? '') ?? -1) ||
        Number(b.isDefault) - Number(a.isDefault),
    );
  // one region cell per group of rows
  const spans = rows.map((m, i) => {
    if (i > 0 && rows[i - 1]!.regionCode === m.regionCode) return 0;
    let n = 1;
    while (rows[i + n]?.regionCode === m.regionCode) n++;
    return n;
  });

  const regionChoices = view.regions.map((r) => ({ value: r.code, label: r.enabled ? r.name : `${r.name}（已停用）` }));
  const industryChoices = view.items
    .filter((i) => i.dictType === 'industry_type' && i.enabled)
    .map((i) => ({ value: i.code, label: i.label }));

  async function del(m: SupervisionMapping) {
    try {
      await remove.mutateAsync(m.id);
      message.success('单位映射已删除');
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space>
          <span>主管地区</span>
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder="全部地区"
            value={region}
            onChange={setRegion}
            options={regionChoices}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新增映射
        </Button>
      </Space>
      <Table<SupervisionMapping>
        rowKey="id"
        size="middle"
        bordered
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: '主管地区',
            dataIndex: 'regionCode',
            width: 150,
            onCell: (_, i) => ({ rowSpan: spans[i ?? 0] }),
            render: (c: string) => regionName.get(c) ?? c,
          },
          { title: '单位类型', dataIndex: 'kind', width: 130, render: (k: SupervisionKind) => supervisionKindLabels[k] },
          {
            title: '行业主管类型',
            dataIndex: 'industryType',
            width: 120,
            render: (t: string | null) => (t ? (industryLabel.get(t) ?? t) : <Typography.Text type="secondary">全部</Typography.Text>),
          },
          { title: '单位', dataIndex: 'orgName' },
          {
            title: '默认',
            dataIndex: 'isDefault',
            width: 80,
            align: 'center',
            render: (d: boolean) => (d ? <Tag color="blue">默认</Tag> : '-'),
          },
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_, m) => (
              <Popconfirm
                title="确认删除该映射？"
                description="新建项目将不再带出该单位，已建项目不受影响。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => del(m)}
              >
                <Typography.Link type="danger">删除</Typography.Link>
              </Popconfirm>
            ),
          },
        ]}
      />
      <CreateMappingModal
        open={creating}
        onClose={() => setCreating(false)}
        regions={regionChoices}
        industryTypes={industryChoices}
        regionCode={region}
      />
    </>
  );
}
