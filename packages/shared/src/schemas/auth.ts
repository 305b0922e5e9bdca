import { z } from 'zod';
import { zPhone, zSmsCode } from './common';
import { ROLES } from '../roles';
import { PASSWORD_MAX } from '../rules/password-limits';

export const SMS_PURPOSES = ['register', 'login', 'reset'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];
export const smsPurposeLabels: Record<SmsPurpose, string> = {
  register: '注册',
  login: '登录',
  reset: '重置密码',
};

export const zSmsCodeRequest = z.object({
  phone: zPhone,
  purpose: z.enum(SMS_PURPOSES, { error: '验证码用途只能是 register、login 或 reset' }),
});
export const zSmsCodeResponse = z.object({
  sent: z.literal(true),
  cooldownSeconds: z.number().int(),
  /** codes the phone may still get today if none of them is used (used ones do not count) */
  remainingToday: z.number().int(),
  /** what to show: 验证码已发送…, with the count when few remain today */
  message: z.string(),
});

const zPasswordInput = z
  .string({ error: '请输入密码' })
  .min(1, { error: '请输入密码' })
  .max(PASSWORD_MAX * 4, { error: '密码过长' });

export const zRegisterRequest = z.object({ phone: zPhone, smsCode: zSmsCode, password: zPasswordInput });
export const zLoginRequest = z.object({ phone: zPhone, password: zPasswordInput, smsCode: zSmsCode });
export const zResetPasswordRequest = z.object({ phone: zPhone, smsCode: zSmsCode, newPassword: zPasswordInput });
export const zChangePasswordRequest = z.object({ oldPassword: zPasswordInput, newPassword: zPasswordInput });

export const zMe = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  org: z.object({
    id: z.string(),
    type: z.string(),
    name: z.string().nullable(),
    certified: z.boolean(),
  }),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
  sessionExpiresAt: z.string(),
});
export type TMe = z.infer<typeof zMe>;

export const zSmsOutboxQuery = z.object({ phone: zPhone.optional() });
export const zSmsOutboxItem = z.object({
  phone: z.string(),
  purpose: z.string(),
  code: z.string(),
  content: z.string(),
  sentAt: z.string(),
});
export const zSmsOutbox = z.object({ items: z.array(zSmsOutboxItem) });
