import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, idNumberProblem, isValidIdNumber, maskIdNumber } from './id-number';

describe('GB 11643 ID number', () => {
  it('computes the check character (the standard example 11010519491231002X)', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });
  it('refuses a wrong check digit, a bad date or a wrong length, in Chinese', () => {
    expect(idNumberProblem('110105194912310021')).toBe('身份证号校验位不正确，请核对');
    expect(idNumberProblem('110105194902300021')).toBe('身份证号中的出生日期不正确');
    expect(idNumberProblem('11010519491231002')).toMatch(/18位/);
    expect(idNumberProblem('1101051949123100XX')).toMatch(/18位/);
  });
  it('masks', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
