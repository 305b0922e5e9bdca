import type { ReactNode } from 'react';
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { formatDateTime } from '@benxi/shared';
import { ApiError, errorMessage } from '../../../lib/api';
import { applyServerErrors } from '../../../lib/form-errors';
import { useLogin, type LoginInput } from '../api/auth';
import type { Me } from '../api/me';
import { PhoneInput, phoneRules, smsCodeRules } from './PhoneInput';
import { SmsCodeInput } from './SmsCodeInput';

interface Props {
  initialPhone?: string;
  onLoggedIn: (me: Me) => void;
  /** Link to 忘记密码, shown inside the lock notice. */
  resetLink: ReactNode;
}

function lockedText(e: ApiError): string {
  const until = (e.details as { lockedUntil?: string } | undefined)?.lockedUntil;
  return until ? `账户已锁定，请于 ${formatDateTime(until)} 后再试，或通过短信重置密码` : e.message;
}

export function LoginForm({ initialPhone, onLoggedIn, resetLink }: Props) {
  const [form] = Form.useForm<LoginInput>();
  const login = useLogin();
  const [error, setError] = useState<ApiError | Error | null>(null);

  async function submit(values: LoginInput) {
    setError(null);
    try {
      const me = await login.mutateAsync({
        phone: values.phone.trim(),
        password: values.password,
        smsCode: values.smsCode.trim(),
      });
      onLoggedIn(me);
    } catch (e) {
      if (applyServerErrors(form, e, { SMS_CODE_INVALID: 'smsCode' })) return;
      setError(e instanceof Error ? e : new Error(errorMessage(e)));
    }
  }

  const locked = error instanceof ApiError && error.code === 'ACCOUNT_LOCKED';

  return (
    <Form form={form} name="login" layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ phone: initialPhone }}>
      {error && (
        <Alert
          type={locked ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          message={locked ? lockedText(error as ApiError) : errorMessage(error)}
          action={locked ? resetLink : undefined}
        />
      )}
      <Form.Item name="phone" label="手机号" rules={phoneRules}>
        <PhoneInput />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password size="large" placeholder="请输入密码" autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="smsCode" label="短信验证码" rules={smsCodeRules}>
        <SmsCodeInput purpose="login" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
          登录
        </Button>
      </Form.Item>
    </Form>
  );
}
