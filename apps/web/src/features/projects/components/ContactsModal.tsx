import { App, Form, Input, Select } from 'antd';
import { zProjectContacts } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { zodRule } from '../../../lib/zod-rule';
import { useUpdateProject, type Project } from '../api/projects';
import { WAGE_DAY_OPTIONS, phoneRules } from './ProjectForm';

interface Values {
  wageDay: number;
  managerName: string;
  managerPhone: string;
  laborOfficerName: string;
  laborOfficerPhone: string;
}

const shape = zProjectContacts.shape;

/** 工资发放日, 项目经理, 劳资专管员: editable at any time, also after the base data is locked. */
export function ContactsModal({ project, open, onClose }: { project: Project; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const save = useUpdateProject();
  async function submit(v: Values) {
    await save.mutateAsync({
      id: project.id,
      patch: {
        wageDay: v.wageDay,
        managerName: v.managerName.trim(),
        managerPhone: v.managerPhone.trim(),
        laborOfficerName: v.laborOfficerName.trim(),
        laborOfficerPhone: v.laborOfficerPhone.trim(),
      },
    });
    message.success('联系人信息已保存');
    onClose();
  }

  return (
    <FormModal<Values>
      title="编辑联系人"
      open={open}
      form={form}
      name="contacts"
      onClose={onClose}
      onSubmit={submit}
      labelSpan={7}
      initialValues={{
        wageDay: project.wageDay,
        managerName: project.managerName,
        managerPhone: project.managerPhone,
        laborOfficerName: project.laborOfficerName,
        laborOfficerPhone: project.laborOfficerPhone,
      }}
    >
      <Form.Item name="wageDay" label="工资发放日" rules={[{ required: true, message: '请选择工资发放日' }]}>
        <Select options={WAGE_DAY_OPTIONS} showSearch optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="managerName" label="项目经理" rules={[{ required: true, message: '请输入项目经理' }, zodRule(shape.managerName)]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="managerPhone" label="项目经理电话" rules={phoneRules('项目经理电话')}>
        <Input maxLength={11} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="laborOfficerName" label="劳资专管员" rules={[{ required: true, message: '请输入劳资专管员' }, zodRule(shape.laborOfficerName)]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="laborOfficerPhone" label="劳资专管员电话" rules={phoneRules('劳资专管员电话')}>
        <Input maxLength={11} inputMode="numeric" />
      </Form.Item>
    </FormModal>
  );
}
