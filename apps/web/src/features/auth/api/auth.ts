import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SmsPurpose } from '@benxi/shared';
import { api, setCsrfToken } from '../../../lib/api';
import { notifySmsSent } from '../../../lib/sms-fill';
import { clearSignOut, markSignedOut } from '../../../lib/sign-out';
import { meQueryKey, type Me } from './me';

export interface SmsCodeResponse {
  sent: true;
  cooldownSeconds: number;
  /** codes the phone may still get today if none is used */
  remainingToday: number;
  /** 验证码已发送…, with how many remain today when few do */
  message: string;
}

export const sendSmsCode = (phone: string, purpose: SmsPurpose) =>
  api.post<SmsCodeResponse>('/api/auth/sms-code', { phone, purpose }).then((r) => {
    notifySmsSent();
    return r;
  });

export interface LoginInput {
  phone: string;
  password: string;
  smsCode: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/api/auth/login', input),
    onSuccess: (me) => {
      clearSignOut();
      setCsrfToken(me.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      qc.setQueryData(meQueryKey, me);
    },
  });
}

export interface RegisterInput {
  phone: string;
  smsCode: string;
  password: string;
}

export function useRegister() {
  return useMutation({
    mutationFn: (input: RegisterInput) => api.post<{ ok: true }>('/api/auth/register', input),
  });
}

export interface ResetPasswordInput {
  phone: string;
  smsCode: string;
  newPassword: string;
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: ResetPasswordInput) => api.post<{ ok: true }>('/api/auth/reset-password', input),
  });
}

/** After logout or a password change every session is gone: forget everything we had. */
function useForgetSession(notice: string | null) {
  const qc = useQueryClient();
  return () => {
    markSignedOut(notice);
    setCsrfToken(null);
    qc.cancelQueries();
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    qc.setQueryData(meQueryKey, null);
  };
}

export function useLogout() {
  const forget = useForgetSession('您已安全退出登录');
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: forget,
  });
}

export interface ChangePasswordInput {
  oldPassword: string;
  newPassword: string;
}

export function useChangePassword() {
  const forget = useForgetSession('密码已修改，请重新登录');
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<{ ok: true }>('/api/auth/change-password', input),
    onSuccess: forget,
  });
}
