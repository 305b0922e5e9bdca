import { useState } from 'react';
import { Alert, Button, Form, Input, Space } from 'antd';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { useChangePassword } from '../api/auth';
import { NewPasswordFields } from './PasswordFields';

interface Values {
  oldPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

interface Props {
  phone: string;
  /** Called after the change; every session has ended by then. */
  onChanged: () => void;
  onCancel?: () => void;
}

/** 修改密码: 原密码, 新密码, 确认密码 with the live password rules. */
export function ChangePasswordForm({ phone, onChanged, onCancel }: Props) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setError(null);
    if (values.oldPassword === values.newPassword) {
      form.setFields([{ name: 'newPassword', errors: ['新密码不能与原密码相同'] }]);
      return;
    }
    try {
      await change.mutateAsync({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      onChanged();
    } catch (e) {
      if (applyServerErrors(form, e, { INVALID_CREDENTIALS: 'oldPassword' })) return;
      setError(errorMessage(e));
    }
  }

  return (
    <Form form={form} name="changePassword" layout="vertical" requiredMark={false} onFinish={submit}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password size="large" placeholder="请输入原密码" autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label="新密码" phone={phone} />
      <Form.Item style={{ marginBottom: 0 }}>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {onCancel && <Button onClick={onCancel}>取消</Button>}
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            确认修改
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
