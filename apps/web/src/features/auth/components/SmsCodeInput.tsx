import { useEffect, useRef, useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { PHONE_RE, type SmsPurpose } from '@benxi/shared';
import { ApiError, errorMessage } from '../../../lib/api';
import { registerSmsFiller } from '../../../lib/sms-fill';
import { sendSmsCode } from '../api/auth';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  purpose: SmsPurpose;
  /** Name of the phone field of the same form. */
  phoneField?: string;
  /** Name of this field in the form. */
  name?: string;
}

/** 短信验证码 input with the 获取验证码 button and its 60-second countdown. */
export function SmsCodeInput({ id, value, onChange, purpose, phoneField = 'phone', name = 'smsCode' }: Props) {
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  const [seconds, setSeconds] = useState(0);
  const [sending, setSending] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearInterval(timer.current), []);

  // The development SMS panel may fill this field (and the phone, when it is still empty).
  useEffect(
    () =>
      registerSmsFiller((code, phone) => {
        const current = form.getFieldValue(phoneField) as string | undefined;
        if (!current) form.setFieldValue(phoneField, phone);
        form.setFields([{ name, value: code, errors: [] }]);
      }),
    [form, phoneField, name],
  );

  function startCountdown(from: number) {
    window.clearInterval(timer.current);
    setSeconds(from);
    timer.current = window.setInterval(() => {
      setSeconds((s) => {
        if (s <= 1) {
          window.clearInterval(timer.current);
          return 0;
        }
        return s - 1;
      });
    }, 1000);
  }

  async function send() {
    let phone: string;
    try {
      const values = (await form.validateFields([phoneField])) as Record<string, string>;
      phone = String(values[phoneField] ?? '').trim();
    } catch {
      return;
    }
    if (!PHONE_RE.test(phone)) return;
    setSending(true);
    try {
      const res = await sendSmsCode(phone, purpose);
      // The server's words: they say how many codes remain today when few do.
      const text = res.message || '验证码已发送，5 分钟内有效';
      if (res.remainingToday <= 3) message.warning(text, 6);
      else message.success(text);
      startCountdown(res.cooldownSeconds || 60);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SMS_COOLDOWN') {
        const retry = Number((e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds);
        if (retry > 0) startCountdown(Math.ceil(retry));
      }
      message.error(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value.replace(/\D/g, '').slice(0, 6))}
        placeholder="请输入6位短信验证码"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        size="large"
      />
      <Button size="large" onClick={send} loading={sending} disabled={seconds > 0} style={{ width: 150, flex: "none" }}>
        {seconds > 0 ? `${seconds}秒后重新获取` : "获取验证码"}
      </Button>
    </Space.Compact>
  );
}
