/**
 * 公民身份号码 (GB 11643-1999): 17 digits (地址码 6, 出生日期码 8, 顺序码 3) and a check character
 * computed by ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; remainders 0–10 → 1 0 X 9 8 7 6 5 4 3 2).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Why an ID number is not one (in Chinese), or null when it is valid. A lower-case x is accepted as X. */
export function idNumberProblem(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为18位（前17位为数字，最后一位为数字或X）';
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '身份证号中的出生日期不正确';
  if (idNumberCheckChar(s) !== s[17]) return '身份证号校验位不正确，请核对';
  return null;
}

export const isValidIdNumber = (s: string): boolean => idNumberProblem(s) === null;

/** The ID number with the birth date and sequence hidden: 210502********123X. */
export function maskIdNumber(s: string): string {
  return s.length === 18 ? `${s.slice(0, 6)}********${s.slice(14)}` : '*'.repeat(s.length);
}

/** A bank card number shown as 6222 **** **** 1234 (its last four). */
export function maskCardNo(s: string): string {
  return s.length <= 4 ? s : `${'*'.repeat(Math.min(12, s.length - 4))}${s.slice(-4)}`;
}
