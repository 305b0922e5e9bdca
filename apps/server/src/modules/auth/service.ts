import { formatDateTime, loginFailureReasonLabels, maskPhone, passwordMessages, type LoginFailureReason, type SmsPurpose, type TMe } from '@benxi/shared';
import { passwordProblems } from '@benxi/shared/password';
import type { Db } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, uniqueViolation } from '../../platform/errors';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords';
import { createSession, deleteSession, deleteUserSessions, type AuthUser, type SessionPolicy } from '../../platform/sessions';
import { smsCodeInvalid, type SmsService } from '../../platform/sms/service';
import * as accounts from './repository';
import type { LockoutPolicy } from './repository';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  sms: SmsService;
  sessionPolicy: SessionPolicy;
  lockout: LockoutPolicy;
}

/**
 * The one answer to every failed login, whatever was wrong and whether the phone has an account:
 * it says how many tries are left before the lock (counted per phone, ADR 003/014, so the same for
 * unknown phones).
 */
export function invalidLoginMessage(remaining: number, lockMinutes: number): string {
  return `手机号、密码或短信验证码不正确，再错 ${remaining} 次账户将被锁定${lockMinutes}分钟；忘记密码可通过短信重置`;
}

type AuditArgs = Parameters<typeof writeAudit> extends [unknown, ...infer Rest] ? Rest : never;

/**
 * The audit row of a failed login (等保2.0): who tried (the phone, masked when no account has it —
 * it may be a typo of a stranger's number), from where, and why. Built the same way for known and
 * unknown phones, so that writing it costs the same.
 */
function loginFailureAudit(
  user: { id: string } | undefined,
  phone: string,
  ip: string | null,
  at: Date,
  reason: LoginFailureReason,
  extra: Record<string, unknown>,
): AuditArgs {
  return [
    { id: null, phone: user ? phone : maskPhone(phone), role: null, ip },
    at,
    { action: 'user.login.failed', targetType: 'user', targetId: user?.id ?? null, after: { reason, reasonText: loginFailureReasonLabels[reason], ...extra } },
  ];
}

export function assertPasswordPolicy(password: string, phone: string, field = 'password'): void {
  const problems = passwordProblems(password, phone);
  if (problems.length > 0) {
    const messages = problems.map((p) => passwordMessages[p]);
    throw new AppError('VALIDATION_FAILED', `密码不符合要求：${messages.join('；')}`, { fields: { [field]: messages } });
  }
}

export function toMe(user: AuthUser): TMe {
  return {
    id: user.id,
    phone: user.phone,
    name: user.name,
    role: user.role,
    org: { id: user.orgId, type: user.orgType, name: user.orgName, certified: user.orgCertified },
    mustChangePassword: user.mustChangePassword,
    csrfToken: user.csrfToken,
    sessionExpiresAt: user.sessionExpiresAt.toISOString(),
  };
}

export function createAuthService(deps: AuthDeps) {
  const { db, clock, sms } = deps;

  async function checkCode(phone: string, purpose: SmsPurpose, code: string): Promise<string> {
    const result = await sms.check(phone, purpose, code);
    if (!result.ok) throw smsCodeInvalid();
    return result.codeId;
  }

  /**
   * A failed login: the reserved attempt stays counted; the last one allowed locks the phone (and ends
   * the sessions of its account). One audit row either way, the same insert for known and unknown phones.
   */
  async function rejectLogin(attempt: number, audit: AuditArgs, userId: string | null, phone: string, ip: string | null, now: Date): Promise<never> {
    const { threshold, lockMs } = deps.lockout;
    if (attempt >= threshold) {
      const until = new Date(now.getTime() + lockMs);
      await db.transaction(async (tx) => {
        await accounts.lock(tx, phone, until);
        await writeAudit(tx, ...audit);
        if (userId) {
          await deleteUserSessions(tx, userId);
          await writeAudit(tx, { id: null, phone, role: null, ip }, now, {
            action: 'user.lock',
            targetType: 'user',
            targetId: userId,
            after: { lockedUntil: until.toISOString(), failedLogins: attempt },
          });
        }
      });
      throw lockedError(until);
    }
    await writeAudit(db, ...audit);
    const remaining = threshold - attempt;
    throw new AppError('INVALID_CREDENTIALS', invalidLoginMessage(remaining, Math.round(lockMs / 60_000)), { remainingAttempts: remaining });
  }

  return {
    requestSmsCode: (phone: string, purpose: SmsPurpose) => sms.request(phone, purpose),

    async register(input: { phone: string; smsCode: string; password: string }, actor: Actor): Promise<void> {
      assertPasswordPolicy(input.password, input.phone);
      const codeId = await checkCode(input.phone, 'register', input.smsCode);
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      try {
        await db.transaction(async (tx) => {
          if (!(await sms.consume(tx, codeId))) throw smsCodeInvalid();
          const orgId = await accounts.insertOrganization(tx, { type: 'enterprise', createdAt: now });
          const userId = await accounts.insertUser(tx, { phone: input.phone, passwordHash, role: 'enterprise', orgId, createdAt: now, passwordChangedAt: now });
          await writeAudit(tx, { ...actor, id: userId, phone: input.phone, role: 'enterprise' }, now, {
            action: 'user.register',
            targetType: 'user',
            targetId: userId,
            after: { phone: input.phone, role: 'enterprise' },
          });
        });
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('PHONE_TAKEN', '该手机号已注册，请直接登录或找回密码');
        throw err;
      }
    },

    /**
     * SPEC §2 login: the lock is checked (and an attempt reserved) before the hash runs. Every failure
     * is answered the same way until password AND SMS code are both right (a disabled account included),
     * counts towards the lock, and leaves one `user.login.failed` audit row (ADR 014).
     */
    async login(
      input: { phone: string; password: string; smsCode: string },
      meta: { ip: string | null; userAgent: string | null },
    ): Promise<{ token: string; user: AuthUser }> {
      const { phone } = input;
      const now = clock.now();
      const attempt = await accounts.reserveAttempt(db, phone, now, deps.lockout);
      // Looked up on every path, known or not, so that the failure's audit row is written the same way.
      const user = await accounts.findUserByPhone(db, phone);
      const failure = (reason: LoginFailureReason, extra: Record<string, unknown> = {}) =>
        loginFailureAudit(user, phone, meta.ip, now, reason, extra);
      if (attempt === null) {
        const until = (await accounts.lockedUntil(db, phone)) ?? new Date(now.getTime() + deps.lockout.lockMs);
        await writeAudit(db, ...failure('locked', { lockedUntil: until.toISOString() }));
        throw lockedError(until);
      }
      const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
      // The code is tried only once the password is right (a wrong password must not spend its tries).
      const code = user && passwordOk ? await sms.check(phone, 'login', input.smsCode) : null;
      if (!user || !passwordOk || !code?.ok) {
        const reason = !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'sms_code_invalid';
        return rejectLogin(attempt, failure(reason, { failedLogins: attempt }), user?.id ?? null, phone, meta.ip, now);
      }

      // Password and code are both right: only now may the answer differ from a wrong credential's.
      if (user.status !== 'active') {
        await db.transaction(async (tx) => {
          await accounts.clearFailures(tx, phone);
          await writeAudit(tx, ...failure('disabled'));
        });
        throw new AppError('ACCOUNT_DISABLED', '该账户已停用，请联系平台运营人员');
      }
      const session = await db.transaction(async (tx) => {
        if (!(await sms.consume(tx, code.codeId))) return null;
        await accounts.clearFailures(tx, phone);
        const s = await createSession(tx, user.id, now, deps.sessionPolicy, meta);
        await accounts.updateUser(tx, user.id, { lastLoginAt: now });
        await writeAudit(tx, { id: user.id, phone, role: user.role, ip: meta.ip }, now, {
          action: 'user.login',
          targetType: 'user',
          targetId: user.id,
        });
        return s;
      });
      // The same code was spent by a login that ran at the same moment.
      if (!session) return rejectLogin(attempt, failure('sms_code_invalid', { failedLogins: attempt }), user.id, phone, meta.ip, now);
      const org = await accounts.findOrganization(db, user.orgId);
      return {
        token: session.token,
        user: {
          id: user.id,
          phone: user.phone,
          name: user.name,
          role: user.role as AuthUser['role'],
          orgId: org!.id,
          orgType: org!.type,
          orgName: org!.name,
          orgCertified: org!.certified,
          orgRegionCode: org!.regionCode,
          mustChangePassword: user.mustChangePassword,
          sessionId: '',
          csrfToken: session.csrfToken,
          sessionExpiresAt: session.expiresAt,
        },
      };
    },

    async logout(user: AuthUser, actor: Actor): Promise<void> {
      await db.transaction(async (tx) => {
        await deleteSession(tx, user.sessionId);
        await writeAudit(tx, actor, clock.now(), { action: 'user.logout', targetType: 'user', targetId: user.id });
      });
    },

    /** Reset by SMS: sets the password, unlocks, and ends every session. */
    async resetPassword(input: { phone: string; smsCode: string; newPassword: string }, actor: Actor): Promise<void> {
      assertPasswordPolicy(input.newPassword, input.phone, 'newPassword');
      const codeId = await checkCode(input.phone, 'reset', input.smsCode);
      const user = await accounts.findUserByPhone(db, input.phone);
      if (!user) throw smsCodeInvalid();
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (!(await sms.consume(tx, codeId))) throw smsCodeInvalid();
        await accounts.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, mustChangePassword: false });
        await accounts.clearFailures(tx, user.phone);
        await deleteUserSessions(tx, user.id);
        await writeAudit(tx, { ...actor, id: user.id, phone: user.phone, role: user.role }, now, {
          action: 'user.password.reset',
          targetType: 'user',
          targetId: user.id,
        });
      });
    },

    async changePassword(user: AuthUser, input: { oldPassword: string; newPassword: string }, actor: Actor): Promise<void> {
      const row = await accounts.findUserById(db, user.id);
      if (!row || !(await verifyPassword(row.passwordHash, input.oldPassword))) {
        throw new AppError('VALIDATION_FAILED', '原密码不正确', { fields: { oldPassword: ['原密码不正确'] } });
      }
      if (input.oldPassword === input.newPassword) {
        throw new AppError('VALIDATION_FAILED', '新密码不能与原密码相同', { fields: { newPassword: ['新密码不能与原密码相同'] } });
      }
      assertPasswordPolicy(input.newPassword, user.phone, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await accounts.updateUser(tx, user.id, { passwordHash, passwordChangedAt: now, mustChangePassword: false });
        await deleteUserSessions(tx, user.id);
        await writeAudit(tx, actor, now, { action: 'user.password.change', targetType: 'user', targetId: user.id });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

function lockedError(until: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', `密码连续错误次数过多，账户已锁定至 ${formatDateTime(until)}，请届时再试或通过短信重置密码`, {
    lockedUntil: until.toISOString(),
  });
}
