/** Mainland China mobile number: 1[3-9] followed by 9 digits. */
export const PHONE_RE = /^1[3-9]\d{9}$/;
export const isMobilePhone = (s: string): boolean => PHONE_RE.test(s);
export const PHONE_MESSAGE = '请输入正确的11位手机号码';

/** 138****0001: for lists and logs where the whole number is not needed. */
export const maskPhone = (s: string): string =>
  s.length === 11 ? `${s.slice(0, 3)}****${s.slice(7)}` : s;
