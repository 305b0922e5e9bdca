import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { PHONE_MESSAGE, PHONE_RE } from '@benxi/shared';

export const phoneRules: Rule[] = [
  { required: true, message: '请输入手机号' },
  { pattern: PHONE_RE, message: PHONE_MESSAGE },
];

export const smsCodeRules: Rule[] = [
  { required: true, message: '请输入短信验证码' },
  { pattern: /^\d{6}$/, message: '短信验证码为6位数字' },
];

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

export function PhoneInput({ id, value, onChange }: Props) {
  return (
    <Input
      id={id}
      value={value}
      onChange={(e) => onChange?.(e.target.value.replace(/\D/g, '').slice(0, 11))}
      size="large"
      placeholder="请输入11位手机号"
      inputMode="numeric"
      autoComplete="username"
      maxLength={11}
    />
  );
}
