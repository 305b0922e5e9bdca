/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet
 * (digits and upper-case letters without I, O, Z, S, V); the 18th is a check character.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'LENGTH' | 'CHARSET' | 'CHECK_DIGIT';

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check]!;
}

/** Returns null when valid. Lower-case input is rejected: the code is printed in capitals. */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  for (const ch of code) if (!CHARSET.includes(ch)) return 'CHARSET';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'CHECK_DIGIT';
}

export const creditCodeMessages: Record<CreditCodeProblem, string> = {
  LENGTH: '统一社会信用代码应为18位',
  CHARSET: '统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）',
  CHECK_DIGIT: '统一社会信用代码校验位不正确，请核对',
};

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code) === null;
}
