import { eq } from 'drizzle-orm';
import { formatDateTime, passwordMessages, type SmsPurpose, type TMe } from '@benxi/shared';
import { passwordProblems } from '@benxi/shared/password';
import type { Db } from '../../db/client';
import { organizations, users } from '../../db/schema/index';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, uniqueViolation } from '../../platform/errors';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords';
import { createSession, deleteSession, deleteUserSessions, type AuthUser, type SessionPolicy } from '../../platform/sessions';
import { smsCodeInvalid, type SmsService } from '../../platform/sms/service';
import { clearFailures, lock, lockedUntil, reserveAttempt, type LockoutPolicy } from './throttle';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  sms: SmsService;
  sessionPolicy: SessionPolicy;
  lockout: LockoutPolicy;
}

const INVALID_LOGIN = '手机号、密码或短信验证码不正确，请核对后重试（连续5次密码错误将锁定账户）';

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
          const [org] = await tx.insert(organizations).values({ type: 'enterprise', createdAt: now }).returning();
          const [user] = await tx
            .insert(users)
            .values({ phone: input.phone, passwordHash, role: 'enterprise', orgId: org!.id, createdAt: now, passwordChangedAt: now })
            .returning({ id: users.id });
          await writeAudit(tx, { ...actor, id: user!.id, phone: input.phone, role: 'enterprise' }, now, {
            action: 'user.register',
            targetType: 'user',
            targetId: user!.id,
            after: { phone: input.phone, role: 'enterprise' },
          });
        });
      } catch (err) {
        if (uniqueViolation(err)) throw new AppError('PHONE_TAKEN', '该手机号已注册，请直接登录或找回密码');
        throw err;
      }
    },

    /** SPEC §2 login: the lock is checked (and an attempt reserved) before the hash runs. */
    async login(
      input: { phone: string; password: string; smsCode: string },
      meta: { ip: string | null; userAgent: string | null },
    ): Promise<{ token: string; user: AuthUser }> {
      const { phone } = input;
      const now = clock.now();
      const attempt = await reserveAttempt(db, phone, now, deps.lockout);
      if (attempt === null) {
        const until = (await lockedUntil(db, phone)) ?? new Date(now.getTime() + deps.lockout.lockMs);
        throw lockedError(until);
      }
      const [user] = await db.select().from(users).where(eq(users.phone, phone)).limit(1);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
      if (!user || !ok) {
        if (attempt >= deps.lockout.threshold) {
          const until = new Date(now.getTime() + deps.lockout.lockMs);
          await db.transaction(async (tx) => {
            await lock(tx, phone, until);
            if (user) {
              await deleteUserSessions(tx, user.id);
              await writeAudit(tx, { id: null, phone, role: null, ip: meta.ip }, now, {
                action: 'user.lock',
                targetType: 'user',
                targetId: user.id,
                after: { lockedUntil: until.toISOString(), failedLogins: attempt },
              });
            }
          });
          throw lockedError(until);
        }
        throw new AppError('INVALID_CREDENTIALS', INVALID_LOGIN);
      }
      await clearFailures(db, phone);
      if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED', '该账户已停用，请联系平台运营人员');
      const code = await sms.check(phone, 'login', input.smsCode);
      if (!code.ok) throw new AppError('INVALID_CREDENTIALS', INVALID_LOGIN);

      const session = await db.transaction(async (tx) => {
        if (!(await sms.consume(tx, code.codeId))) throw new AppError('INVALID_CREDENTIALS', INVALID_LOGIN);
        const s = await createSession(tx, user.id, now, deps.sessionPolicy, meta);
        await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
        await writeAudit(tx, { id: user.id, phone, role: user.role, ip: meta.ip }, now, {
          action: 'user.login',
          targetType: 'user',
          targetId: user.id,
        });
        return s;
      });
      const [org] = await db.select().from(organizations).where(eq(organizations.id, user.orgId));
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
      const [user] = await db.select().from(users).where(eq(users.phone, input.phone)).limit(1);
      if (!user) throw smsCodeInvalid();
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (!(await sms.consume(tx, codeId))) throw smsCodeInvalid();
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: now, mustChangePassword: false })
          .where(eq(users.id, user.id));
        await clearFailures(tx, user.phone);
        await deleteUserSessions(tx, user.id);
        await writeAudit(tx, { ...actor, id: user.id, phone: user.phone, role: user.role }, now, {
          action: 'user.password.reset',
          targetType: 'user',
          targetId: user.id,
        });
      });
    },

    async changePassword(user: AuthUser, input: { oldPassword: string; newPassword: string }, actor: Actor): Promise<void> {
      const [row] = await db.select().from(users).where(eq(users.id, user.id));
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
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: now, mustChangePassword: false })
          .where(eq(users.id, user.id));
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
