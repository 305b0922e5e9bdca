import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX, structuralPasswordProblems, type PasswordProblem } from './password-rules';
export * from './password-rules';

/**
 * Password policy of SPEC §2. The structural rules are cheap and synchronous; the dictionary
 * rules need the zxcvbn word lists (several MB), so the web app loads this module lazily.
 */
let factory: ZxcvbnFactory | undefined;
let commonSet: Set<string> | undefined;

function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

function commonPasswords(): Set<string> {
  commonSet ??= new Set(common.dictionary['passwords-common']!.map((w) => String(w).toLowerCase()));
  return commonSet;
}

/** Every rule; an empty list means the password is acceptable. */
export function passwordProblems(password: string, phone?: string): PasswordProblem[] {
  const out = structuralPasswordProblems(password, phone);
  if ([...password].length > PASSWORD_MAX) return out;
  if (commonPasswords().has(password.toLowerCase())) {
    out.push('COMMON');
    return out;
  }
  if (out.length === 0) {
    const result = zxcvbn().check(password, phone ? [phone] : []);
    // zxcvbn caps a patternless (pure brute-force) string at 10^length guesses, so every
    // 8-character password scores 2 however random it is; requiring score 3 alone would make
    // the 8-character minimum of SPEC §2 unreachable. Length is the LENGTH rule's business:
    // WEAK means zxcvbn found a word, keyboard run, sequence, repeat, date or the phone.
    const patternless = result.sequence.every((m) => m.pattern === 'bruteforce');
    if (result.score < 3 && !patternless) out.push('WEAK');
  }
  return out;
}

export const COMMON_PASSWORD_COUNT = (): number => commonPasswords().size;
