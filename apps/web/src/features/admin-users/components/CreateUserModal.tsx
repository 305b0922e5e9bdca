import { Alert, App, Form, Input, Select } from 'antd';
import { ROLES, orgTypeLabels, roleLabels, roleOrgType, zCreateUser } from '@benxi/shared';
import { FormModal } from '../../../components/FormModal';
import { zodRule } from '../../../lib/zod-rule';
import { OrgSelect } from '../../admin-organizations/components/OrgSelect';
import { useCreateUser, type CreateUserInput, type UserRow } from '../api/users';

type CreatableRole = CreateUserInput['role'];
const CREATABLE_ROLES = ROLES.filter((r): r is CreatableRole => r !== 'enterprise');

interface Values {
  phone: string;
  name: string;
  role?: CreatableRole;
  orgId?: string;
}

/** 新增用户: supervisors, banks, insurers and operators (enterprises register themselves). */
export function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: UserRow) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateUser();
  const role = Form.useWatch('role', form);
  const orgType = role ? roleOrgType[role] : undefined;

  async function submit(v: Values) {
    const u = await create.mutateAsync({ phone: v.phone.trim(), name: v.name.trim(), role: v.role!, orgId: v.orgId! });
    message.success(`已创建账户 ${u.phone}，初始密码已通过短信发送至该手机号，首次登录须修改密码`, 6);
    onCreated(u);
  }

  return (
    <FormModal<Values>
      title="新增用户"
      open={open}
      form={form}
      name="create-user"
      onClose={onClose}
      onSubmit={submit}
      codeToField={{ PHONE_TAKEN: 'phone' }}
      width={520}
      labelSpan={5}
      intro={<Alert type="info" showIcon message="初始密码将以短信发送到该手机号，用户首次登录时须修改密码。" style={{ margin: '16px 0' }} />}
      onValuesChange={(changed: Partial<Values>) => {
        if ('role' in changed) form.setFieldsValue({ orgId: undefined });
      }}
    >
      <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请输入手机号码' }, zodRule(zCreateUser.shape.phone)]}>
        <Input maxLength={11} inputMode="numeric" placeholder="请输入手机号码" />
      </Form.Item>
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }, zodRule(zCreateUser.shape.name)]}>
        <Input maxLength={30} placeholder="请输入姓名" />
      </Form.Item>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select placeholder="请选择" options={CREATABLE_ROLES.map((r) => ({ value: r, label: roleLabels[r] }))} />
      </Form.Item>
      <Form.Item
        name="orgId"
        label="所属单位"
        rules={[{ required: true, message: '请选择所属单位' }]}
        extra={orgType ? `可选：${orgTypeLabels[orgType]}` : undefined}
      >
        <OrgSelect type={orgType} placeholder="请选择所属单位（可输入名称搜索）" />
      </Form.Item>
    </FormModal>
  );
}
