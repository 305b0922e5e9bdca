import { useState } from 'react';
import { Alert, Button, Form } from 'antd';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { useResetPassword } from '../api/auth';
import { NewPasswordFields } from './PasswordFields';
import { PhoneInput, phoneRules, smsCodeRules } from './PhoneInput';
import { SmsCodeInput } from './SmsCodeInput';

interface Values {
  phone: string;
  smsCode: string;
  newPassword: string;
  newPasswordConfirm: string;
}

/** 忘记密码: reset by SMS, which also unlocks a locked account. */
export function ResetPasswordForm({ onReset }: { onReset: (phone: string) => void }) {
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setError(null);
    try {
      await reset.mutateAsync({ phone: values.phone.trim(), smsCode: values.smsCode.trim(), newPassword: values.newPassword });
      onReset(values.phone.trim());
    } catch (e) {
      if (applyServerErrors(form, e, { SMS_CODE_INVALID: 'smsCode' })) return;
      setError(errorMessage(e));
    }
  }

  return (
    <Form form={form} name="reset" layout="vertical" requiredMark={false} onFinish={submit}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="通过短信验证码重置密码，重置后已锁定的账户将自动解锁。"
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="phone" label="手机号" rules={phoneRules}>
        <PhoneInput />
      </Form.Item>
      <Form.Item name="smsCode" label="短信验证码" rules={smsCodeRules}>
        <SmsCodeInput purpose="reset" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label="新密码" phoneField="phone" />
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" size="large" block loading={reset.isPending}>
          重置密码
        </Button>
      </Form.Item>
    </Form>
  );
}
