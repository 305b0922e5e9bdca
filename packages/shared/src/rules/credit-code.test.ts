import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckChar,
  creditCodeMessages,
  isValidCreditCode,
  type CreditCodeProblem,
} from './credit-code';

/**
 * Independent reference for GB 32100-2015: 31 symbols, weight of position i is 3^i mod 31,
 * check value C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as "0".
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function refCheckChar(first17: string): string {
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    sum += ALPHABET.indexOf(ch) * w;
    w = (w * 3) % 31;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Real published codes; each was verified with refCheckChar (see the first test). */
const VALID = [
  '91350100M000100Y43',
  '91110000802100433B',
  '9144030071526726XG',
  '914403001922038216',
  '91330100716105852F',
  '91110108551385082Q',
  '91310000775785552L',
  '91440300708461136T',
  '11100000000013127D',
];

describe('credit code vectors', () => {
  it('the alphabet has 31 symbols and none of I, O, Z, S, V', () => {
    expect(ALPHABET).toHaveLength(31);
    expect(new Set(ALPHABET).size).toBe(31);
    for (const ch of 'IOZSV') expect(ALPHABET).not.toContain(ch);
  });

  it.each(VALID)('%s satisfies the reference algorithm', (code) => {
    expect(refCheckChar(code.slice(0, 17))).toBe(code[17]);
  });
});

describe('checkCreditCode / isValidCreditCode', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each(VALID)('rejects %s with any other check character', (code) => {
    for (const ch of ALPHABET) {
      if (ch === code[17]) continue;
      const bad = code.slice(0, 17) + ch;
      expect(checkCreditCode(bad)).toBe('CHECK_DIGIT');
      expect(isValidCreditCode(bad)).toBe(false);
    }
  });

  it('detects every single-character substitution in the body', () => {
    const code = VALID[0]!;
    for (let i = 0; i < 17; i++) {
      for (const ch of ALPHABET) {
        if (ch === code[i]) continue;
        const bad = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkCreditCode(bad), bad).toBe('CHECK_DIGIT');
      }
    }
  });

  it('detects every transposition of two different adjacent body characters', () => {
    for (const code of VALID) {
      for (let i = 0; i < 16; i++) {
        if (code[i] === code[i + 1]) continue;
        const bad = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(checkCreditCode(bad), bad).toBe('CHECK_DIGIT');
      }
    }
  });

  it('rejects lower case (the code is printed in capitals)', () => {
    expect(checkCreditCode('91350100m000100y43')).toBe('CHARSET');
    expect(checkCreditCode('9144030071526726xg')).toBe('CHARSET');
    expect(checkCreditCode('91110000802100433b')).toBe('CHARSET');
  });

  it('rejects a wrong length before anything else', () => {
    const code = VALID[0]!;
    expect(checkCreditCode('')).toBe('LENGTH');
    expect(checkCreditCode(code.slice(0, 17))).toBe('LENGTH');
    expect(checkCreditCode(`${code}0`)).toBe('LENGTH');
    expect(checkCreditCode(` ${code}`)).toBe('LENGTH');
    expect(checkCreditCode('abc')).toBe('LENGTH');
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s anywhere', (ch) => {
    const code = VALID[0]!;
    for (const i of [0, 8, 16, 17]) {
      expect(checkCreditCode(code.slice(0, i) + ch + code.slice(i + 1))).toBe('CHARSET');
    }
  });

  it('rejects other characters outside the alphabet', () => {
    const code = VALID[1]!;
    for (const ch of ['-', ' ', '*', '９', 'Ａ', '中']) {
      expect(checkCreditCode(code.slice(0, 5) + ch + code.slice(6))).toBe('CHARSET');
    }
  });

  it('has a Chinese message for every problem', () => {
    const problems: CreditCodeProblem[] = ['LENGTH', 'CHARSET', 'CHECK_DIGIT'];
    for (const p of problems) expect(creditCodeMessages[p]).toMatch(/统一社会信用代码/);
  });
});

describe('creditCodeCheckChar', () => {
  it.each(VALID)('computes the check character of %s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('writes a check value of 31 as "0"', () => {
    // Σ = 0 → 31 − 0 = 31 → "0"
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(checkCreditCode('000000000000000000')).toBeNull();
  });

  it('agrees with the reference on generated bodies', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 500; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) body += ALPHABET[next() % 31];
      expect(creditCodeCheckChar(body)).toBe(refCheckChar(body));
      expect(checkCreditCode(body + refCheckChar(body))).toBeNull();
    }
  });

  it('returns null for a wrong length or a character outside the alphabet', () => {
    expect(creditCodeCheckChar('')).toBeNull();
    expect(creditCodeCheckChar('9135010000000100')).toBeNull(); // 16
    expect(creditCodeCheckChar('91350100M000100Y43')).toBeNull(); // 18
    expect(creditCodeCheckChar('91350100M000100YI')).toBeNull();
    expect(creditCodeCheckChar('91350100m000100Y4')).toBeNull();
  });
});
