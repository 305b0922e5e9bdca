import { App, Form, Input, Select } from 'antd';
import { orgTypeLabels, zCreateOrganization } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { zodRule } from '../../../lib/zod-rule';
import {
  CREATABLE_ORG_TYPES,
  useCreateOrganization,
  useUpdateOrganization,
  type CreatableOrgType,
  type Organization,
} from '../api/organizations';
import { OrgSelect } from './OrgSelect';

export interface Choice {
  value: string;
  label: string;
}

interface CreateValues {
  type?: CreatableOrgType;
  name: string;
  regionCode?: string;
  parentId?: string;
  industryType?: string;
}

const nameRules = [{ required: true, message: '请输入单位名称' }, zodRule(zCreateOrganization.shape.name)];

/** 新增单位: a bureau, bank, insurer or the platform's own unit. */
export function CreateOrganizationModal({
  open,
  onClose,
  onCreated,
  regions,
  industryTypes,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (o: Organization) => void;
  regions: Choice[];
  industryTypes: Choice[];
}) {
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const create = useCreateOrganization();
  const type = Form.useWatch('type', form);

  async function submit(v: CreateValues) {
    const o = await create.mutateAsync({
      type: v.type!,
      name: v.name.trim(),
      regionCode: v.regionCode ?? null,
      parentId: v.parentId ?? null,
      industryType: v.type === 'authority' ? (v.industryType ?? null) : null,
    });
    message.success(`已新增单位 ${o.name ?? ''}`);
    onCreated(o);
  }

  return (
    <FormModal<CreateValues>
      title="新增单位"
      open={open}
      form={form}
      name="create-organization"
      onClose={onClose}
      onSubmit={submit}
      codeToField={{ CONFLICT: 'name' }}
      width={520}
      onValuesChange={(changed: Partial<CreateValues>) => {
        if ('type' in changed) form.setFieldsValue({ parentId: undefined, industryType: undefined });
      }}
    >
      <Form.Item name="type" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
        <Select placeholder="请选择" options={CREATABLE_ORG_TYPES.map((t) => ({ value: t, label: orgTypeLabels[t] }))} />
      </Form.Item>
      <Form.Item name="name" label="单位名称" rules={nameRules}>
        <Input placeholder="请输入单位全称" maxLength={100} />
      </Form.Item>
      <Form.Item name="regionCode" label="所在地区">
        <Select placeholder="请选择地区" allowClear options={regions} />
      </Form.Item>
      <Form.Item name="parentId" label="上级单位" extra="同类型单位，如区县人社局的上级为市人社局（市级单位可查看下辖区县的项目）">
        <OrgSelect type={type} allowClear placeholder="无（可选）" />
      </Form.Item>
      {type === 'authority' && (
        <Form.Item name="industryType" label="行业主管类型" rules={[{ required: true, message: '请选择行业主管类型' }]}>
          <Select placeholder="请选择" options={industryTypes} />
        </Form.Item>
      )}
    </FormModal>
  );
}

interface EditValues {
  name: string;
  parentId?: string | null;
}

/** 修改: name and parent of a unit (an enterprise's name comes from its certification). */
export function EditOrganizationModal({ organization: o, onClose }: { organization: Organization | null; onClose: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const { message } = App.useApp();
  const update = useUpdateOrganization();

  async function submit(v: EditValues) {
    if (!o) return;
    await update.mutateAsync({ id: o.id, patch: { name: v.name.trim(), parentId: v.parentId ?? null } });
    message.success('单位信息已保存');
    onClose();
  }

  return (
    <FormModal<EditValues>
      title="修改单位"
      open={!!o}
      form={form}
      name="edit-organization"
      onClose={onClose}
      onSubmit={submit}
      width={520}
      initialValues={o ? { name: o.name ?? '', parentId: o.parentId } : undefined}
    >
      {o && (
        <>
          <Form.Item label="单位类型">{orgTypeLabels[o.type]}</Form.Item>
          <Form.Item name="name" label="单位名称" rules={nameRules}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="parentId" label="上级单位">
            <OrgSelect type={o.type} excludeId={o.id} allowClear placeholder="无（可选）" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
