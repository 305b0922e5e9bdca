import { useState } from 'react';
import { Alert, Button, Form } from 'antd';
import { errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { useRegister } from '../api/auth';
import { NewPasswordFields } from './PasswordFields';
import { PhoneInput, phoneRules, smsCodeRules } from './PhoneInput';
import { SmsCodeInput } from './SmsCodeInput';

interface Values {
  phone: string;
  smsCode: string;
  password: string;
  passwordConfirm: string;
}

/** 企业用户注册: 手机号, 短信验证码, 密码, 确认密码. */
export function RegisterForm({ onRegistered }: { onRegistered: (phone: string) => void }) {
  const [form] = Form.useForm<Values>();
  const register = useRegister();
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setError(null);
    try {
      await register.mutateAsync({ phone: values.phone.trim(), smsCode: values.smsCode.trim(), password: values.password });
      onRegistered(values.phone.trim());
    } catch (e) {
      if (applyServerErrors(form, e, { SMS_CODE_INVALID: 'smsCode', PHONE_TAKEN: 'phone' })) return;
      setError(errorMessage(e));
    }
  }

  return (
    <Form form={form} name="register" layout="vertical" requiredMark={false} onFinish={submit}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="phone" label="手机号" rules={phoneRules}>
        <PhoneInput />
      </Form.Item>
      <Form.Item name="smsCode" label="短信验证码" rules={smsCodeRules}>
        <SmsCodeInput purpose="register" />
      </Form.Item>
      <NewPasswordFields name="password" label="密码" phoneField="phone" />
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" size="large" block loading={register.isPending}>
          注册
        </Button>
      </Form.Item>
    </Form>
  );
}
