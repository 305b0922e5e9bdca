import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { orgTypeLabels, zCreateOrganization } from '@benxi/shared';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
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
  const [error, setError] = useState<string | null>(null);
  const type = Form.useWatch('type', form);

  async function submit() {
    setError(null);
    let v: CreateValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const o = await create.mutateAsync({
        type: v.type!,
        name: v.name.trim(),
        regionCode: v.regionCode ?? null,
        parentId: v.parentId ?? null,
        industryType: v.type === 'authority' ? (v.industryType ?? null) : null,
      });
      message.success(`已新增单位 ${o.name ?? ''}`);
      onCreated(o);
    } catch (e) {
      if (!applyServerErrors(form, e, { CONFLICT: 'name' })) setError(errorMessage(e));
    }
  }

  return (
    <Modal
      title="新增单位"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="确定"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
      width={520}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<CreateValues>
        form={form}
        name="create-organization"
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 18 }}
        preserve={false}
        style={{ marginTop: 16 }}
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
      </Form>
    </Modal>
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
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!o) return;
    setError(null);
    let v: EditValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await update.mutateAsync({ id: o.id, patch: { name: v.name.trim(), parentId: v.parentId ?? null } });
      message.success('单位信息已保存');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    }
  }

  return (
    <Modal
      title="修改单位"
      open={!!o}
      onCancel={onClose}
      onOk={submit}
      okText="确定"
      cancelText="取消"
      confirmLoading={update.isPending}
      destroyOnHidden
      width={520}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {o && (
        <Form<EditValues>
          form={form}
          name="edit-organization"
          layout="horizontal"
          labelCol={{ span: 6 }}
          wrapperCol={{ span: 18 }}
          preserve={false}
          style={{ marginTop: 16 }}
          initialValues={{ name: o.name ?? '', parentId: o.parentId }}
        >
          <Form.Item label="单位类型">{orgTypeLabels[o.type]}</Form.Item>
          <Form.Item name="name" label="单位名称" rules={nameRules}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="parentId" label="上级单位">
            <OrgSelect type={o.type} excludeId={o.id} allowClear placeholder="无（可选）" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
