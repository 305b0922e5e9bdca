/** Password policy of SPEC §2: the cheap structural rules, shared by browser and server. */
import { PASSWORD_MAX, PASSWORD_MIN } from './password-limits';
export { PASSWORD_MAX, PASSWORD_MIN };

export type PasswordProblem =
  | 'LENGTH'
  | 'LOWER'
  | 'UPPER'
  | 'DIGIT'
  | 'SPECIAL'
  | 'CONTAINS_PHONE'
  | 'COMMON'
  | 'WEAK';


export const passwordMessages: Record<PasswordProblem, string> = {
  LENGTH: `密码长度应为 ${PASSWORD_MIN}–${PASSWORD_MAX} 个字符`,
  LOWER: '密码需包含小写字母',
  UPPER: '密码需包含大写字母',
  DIGIT: '密码需包含数字',
  SPECIAL: '密码需包含特殊符号（如 !@#$%）',
  CONTAINS_PHONE: '密码不能包含手机号码',
  COMMON: '该密码属于常见密码，容易被猜到，请换一个',
  WEAK: '密码过于简单（含常见单词、键盘序列或重复字符），请换一个更复杂的密码',
};

export function structuralPasswordProblems(password: string, phone?: string): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  const len = [...password].length;
  if (len < PASSWORD_MIN || len > PASSWORD_MAX) out.push('LENGTH');
  if (!/[a-z]/.test(password)) out.push('LOWER');
  if (!/[A-Z]/.test(password)) out.push('UPPER');
  if (!/\d/.test(password)) out.push('DIGIT');
  if (!/[^A-Za-z0-9]/.test(password)) out.push('SPECIAL');
  if (phone && phone.length >= 7 && password.includes(phone)) out.push('CONTAINS_PHONE');
  return out;
}

