import type { PasswordProblem } from '@benxi/shared';

/**
 * The dictionary half of the password policy lives in `@benxi/shared/password` (zxcvbn word lists,
 * several MB). It is fetched only when a password form opens, and never by the login page.
 */
type StrengthModule = typeof import('@benxi/shared/password');

let loading: Promise<StrengthModule> | null = null;
let loaded: StrengthModule | null = null;

export function loadPasswordStrength(): Promise<StrengthModule> {
  loading ??= import('@benxi/shared/password').then(
    (m) => {
      loaded = m;
      return m;
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

/** Every problem including COMMON / WEAK, or null while the dictionaries are still loading. */
export function fullPasswordProblems(password: string, phone?: string): PasswordProblem[] | null {
  return loaded ? loaded.passwordProblems(password, phone) : null;
}
