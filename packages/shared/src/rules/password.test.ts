import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORD_COUNT,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordMessages,
  passwordProblems,
  structuralPasswordProblems,
  type PasswordProblem,
} from './password';

const PHONE = '13800138000';
/** Random-looking, all four classes, not in any list: acceptable. */
const STRONG = 'Xk9#mQ2$vL7p';

/** A password of exactly n characters with all four classes that zxcvbn rates as strong. */
function strongOfLength(n: number): string {
  const pool = 'Xk9#mQ2$vL7pRt5&wZ3!bN8@hJ4%cF6^';
  let s = '';
  while (s.length < n) s += pool;
  return s.slice(0, n);
}

describe('limits', () => {
  it('are 8 and 64', () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(PASSWORD_MAX).toBe(64);
  });
});

describe('structuralPasswordProblems', () => {
  it('accepts a password with every class', () => {
    expect(structuralPasswordProblems(STRONG)).toEqual([]);
    expect(structuralPasswordProblems(STRONG, PHONE)).toEqual([]);
  });

  it.each<[string, PasswordProblem]>([
    ['XK9#MQ2$VL7P', 'LOWER'],
    ['xk9#mq2$vl7p', 'UPPER'],
    ['Xkq#mQw$vLep', 'DIGIT'],
    ['Xk9amQ2bvL7p', 'SPECIAL'],
  ])('reports exactly %s → %s', (pw, problem) => {
    expect(structuralPasswordProblems(pw)).toEqual([problem]);
  });

  it('reports every missing class at once', () => {
    expect(structuralPasswordProblems('abc')).toEqual(['LENGTH', 'UPPER', 'DIGIT', 'SPECIAL']);
    expect(structuralPasswordProblems('')).toEqual(['LENGTH', 'LOWER', 'UPPER', 'DIGIT', 'SPECIAL']);
  });

  it('counts spaces, punctuation and non-ASCII as special characters', () => {
    for (const pw of ['Xk9 mQ2vL7p', 'Xk9_mQ2vL7p', 'Xk9中mQ2vL7p', 'Xk9~mQ2vL7p']) {
      expect(structuralPasswordProblems(pw), pw).toEqual([]);
    }
  });

  it('enforces 8 and 64 at the boundaries', () => {
    expect(structuralPasswordProblems(strongOfLength(7))).toEqual(['LENGTH']);
    expect(structuralPasswordProblems(strongOfLength(8))).toEqual([]);
    expect(structuralPasswordProblems(strongOfLength(64))).toEqual([]);
    expect(structuralPasswordProblems(strongOfLength(65))).toEqual(['LENGTH']);
  });

  it('counts characters, not UTF-16 units', () => {
    // 7 code points but 8 UTF-16 units: too short.
    expect([...'Aa1😀xyz']).toHaveLength(7);
    expect(structuralPasswordProblems('Aa1😀xyz')).toEqual(['LENGTH']);
    // 64 code points, 65 UTF-16 units: allowed.
    const pw64 = `${strongOfLength(63)}😀`;
    expect(pw64.length).toBe(65);
    expect(structuralPasswordProblems(pw64)).toEqual([]);
  });

  it('rejects a password containing the phone number', () => {
    expect(structuralPasswordProblems(`Ab!${PHONE}`, PHONE)).toEqual(['CONTAINS_PHONE']);
    expect(structuralPasswordProblems(`${PHONE}xY#`, PHONE)).toEqual(['CONTAINS_PHONE']);
    expect(structuralPasswordProblems(`Xk#${PHONE}mQ`, PHONE)).toEqual(['CONTAINS_PHONE']);
    // Without the phone there is nothing to compare with; part of the number is fine.
    expect(structuralPasswordProblems(`Ab!${PHONE}`)).toEqual([]);
    expect(structuralPasswordProblems('Ab!1380013xyz', PHONE)).toEqual([]);
  });
});

describe('passwordProblems', () => {
  it('accepts a strong password', () => {
    expect(passwordProblems(STRONG)).toEqual([]);
    expect(passwordProblems(STRONG, PHONE)).toEqual([]);
    expect(passwordProblems('Tr0ub4dor&3-Lantern', PHONE)).toEqual([]);
  });

  it('accepts strong passwords of exactly 8 and 64 characters', () => {
    expect(passwordProblems(strongOfLength(8), PHONE)).toEqual([]);
    expect(passwordProblems(strongOfLength(64), PHONE)).toEqual([]);
  });

  it.each(['Xk9#mQ2$', 'q7$Rv!2L', 'Zp4&yT9@', 'G3#xW8!k'])(
    'accepts the random 8-character %s (zxcvbn alone caps every 8-character string at score 2)',
    (pw) => {
      expect(passwordProblems(pw, PHONE)).toEqual([]);
    },
  );

  it.each(['Aa1!aaaa', 'Abcd123!', 'Qwer123!', 'Admin@12'])('still rejects the patterned 8-character %s', (pw) => {
    expect(structuralPasswordProblems(pw)).toEqual([]);
    expect(passwordProblems(pw)).not.toEqual([]);
  });

  it('rejects 7 and 65 characters', () => {
    expect(passwordProblems(strongOfLength(7), PHONE)).toContain('LENGTH');
    expect(passwordProblems(strongOfLength(65), PHONE)).toEqual(['LENGTH']);
  });

  it('reports each structural rule', () => {
    expect(passwordProblems('XK9#MQ2$VL7P')).toEqual(['LOWER']);
    expect(passwordProblems('xk9#mq2$vl7p')).toEqual(['UPPER']);
    expect(passwordProblems('Xkq#mQw$vLep')).toEqual(['DIGIT']);
    expect(passwordProblems('Xk9amQ2bvL7p')).toEqual(['SPECIAL']);
  });

  it('rejects a password containing the phone number', () => {
    expect(passwordProblems(`Xk#${PHONE}mQ`, PHONE)).toEqual(['CONTAINS_PHONE']);
  });

  it.each(['P@ssw0rd', 'Pa$$w0rd', 'Zaq!2wsx', 'Ncc-1701'])(
    'rejects %s: it passes the structural rules but is a common password',
    (pw) => {
      expect(structuralPasswordProblems(pw)).toEqual([]);
      expect(passwordProblems(pw)).toEqual(['COMMON']);
    },
  );

  it('matches the common list case-insensitively', () => {
    expect(passwordProblems('p@SSW0RD')).toEqual(['COMMON']);
    expect(passwordProblems('PASSWORD')).toEqual(['LOWER', 'DIGIT', 'SPECIAL', 'COMMON']);
    expect(passwordProblems('password')).toEqual(['UPPER', 'DIGIT', 'SPECIAL', 'COMMON']);
  });

  it.each(['Password1!', 'Passw0rd!', 'Qwerty123!', 'Welcome1!', 'Admin@123', 'Iloveyou1!', 'Abcd1234!', 'Aa1!aaaa'])(
    'rejects %s: structurally fine but built from a dictionary word, keyboard run or repeats',
    (pw) => {
      expect(structuralPasswordProblems(pw)).toEqual([]);
      expect(passwordProblems(pw)).toEqual(['WEAK']);
    },
  );

  it('has a Chinese message for every problem', () => {
    const all: PasswordProblem[] = ['LENGTH', 'LOWER', 'UPPER', 'DIGIT', 'SPECIAL', 'CONTAINS_PHONE', 'COMMON', 'WEAK'];
    expect(Object.keys(passwordMessages).sort()).toEqual([...all].sort());
    for (const p of all) expect(passwordMessages[p]).toMatch(/[\u4e00-\u9fff]/);
    expect(passwordMessages.LENGTH).toContain('8');
    expect(passwordMessages.LENGTH).toContain('64');
  });

  it('uses a common-password list of at least 10,000 entries', () => {
    expect(COMMON_PASSWORD_COUNT()).toBeGreaterThanOrEqual(10_000);
  });
});
