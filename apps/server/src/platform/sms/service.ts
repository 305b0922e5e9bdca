import crypto from 'node:crypto';
import { and, count, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import { smsPurposeLabels, type SmsPurpose } from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import { appSecrets, smsCodes, users } from '../../db/schema/index';
import { AppError } from '../errors';
import { startOfShanghaiDay, type Clock } from '../clock';
import { SmsSendError, type SmsProvider } from './provider';

/**
 * SPEC §2: 6 digits, 5 minutes, single use, 5 tries, 60 s before a resend (per purpose, so a
 * user who has just registered can ask for a login code at once), 10 a phone a day (all purposes)
 * — counting only the codes no successful login, registration or reset used (ADR 014): a user who
 * logs in many times a day is not locked out, and nobody can make the platform send more than 10
 * codes a day to a phone that nobody uses.
 */
export const SMS_RULES = {
  validityMs: 5 * 60_000,
  maxTries: 5,
  cooldownMs: 60_000,
  dailyLimit: 10,
  /** from how many codes left today the answer says how many remain */
  warnWhenRemaining: 3,
} as const;

/** What the screen says after a code was sent; the count when few remain today. */
export function smsSentMessage(remainingToday: number): string {
  if (remainingToday > SMS_RULES.warnWhenRemaining) return '验证码已发送，5 分钟内有效';
  if (remainingToday <= 0) return '验证码已发送，5 分钟内有效；今日可获取的验证码已用完，请使用本条验证码';
  return `验证码已发送，5 分钟内有效；今日还可获取 ${remainingToday} 次`;
}

export interface SmsService {
  /** `remainingToday`: how many more codes the phone may get today if none of them is used. */
  request(phone: string, purpose: SmsPurpose): Promise<{ cooldownSeconds: number; remainingToday: number }>;
  /** Counts one try against the newest live code; true when it matches. Does not consume. */
  check(phone: string, purpose: SmsPurpose, code: string): Promise<{ ok: true; codeId: string } | { ok: false }>;
  /**
   * Marks the code used, inside the transaction of the action it authorises (so it stops counting
   * against the daily cap only if that action commits); false if it was used meanwhile.
   */
  consume(tx: Tx, codeId: string): Promise<boolean>;
}

async function loadSecret(db: Db): Promise<Buffer> {
  await db
    .insert(appSecrets)
    .values({ key: 'sms_hmac', value: crypto.randomBytes(32).toString('hex') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.key, 'sms_hmac'));
  return Buffer.from(row!.value, 'hex');
}

export async function createSmsService(deps: { db: Db; clock: Clock; provider: SmsProvider; cooldownMs?: number }): Promise<SmsService> {
  const { db, clock, provider } = deps;
  const cooldownMs = deps.cooldownMs ?? SMS_RULES.cooldownMs;
  const secret = await loadSecret(db);
  const hmac = (phone: string, purpose: string, code: string) =>
    crypto.createHmac('sha256', secret).update(`${purpose}:${phone}:${code}`).digest('hex');

  return {
    async request(phone, purpose) {
      const now = clock.now();
      const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
      // Login and reset codes for a phone nobody registered are recorded (so cooldown and the daily cap
      // behave the same) but not sent: the answer must not tell whether the phone has an account.
      const delivered =
        purpose === 'register' ||
        (await db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).limit(1)).length > 0;

      let remainingToday = 0;
      const codeId = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'sms:' + phone}))`);
        const [last] = await tx
          .select({ createdAt: smsCodes.createdAt })
          .from(smsCodes)
          .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose)))
          .orderBy(desc(smsCodes.createdAt))
          .limit(1);
        if (last) {
          const wait = cooldownMs - (now.getTime() - last.createdAt.getTime());
          if (wait > 0) {
            const seconds = Math.ceil(wait / 1000);
            throw new AppError('SMS_COOLDOWN', `验证码发送过于频繁，请 ${seconds} 秒后再试`, { retryAfterSeconds: seconds });
          }
        }
        // Under the advisory lock: two requests at once cannot both take the last place.
        const [today] = await tx
          .select({ n: count() })
          .from(smsCodes)
          .where(and(eq(smsCodes.phone, phone), gte(smsCodes.createdAt, startOfShanghaiDay(now)), isNull(smsCodes.usedAt)));
        const unused = today?.n ?? 0;
        if (unused >= SMS_RULES.dailyLimit) {
          throw new AppError(
            'SMS_DAILY_LIMIT',
            `该手机号今日已获取 ${SMS_RULES.dailyLimit} 条未使用的验证码，已达上限，请明天再试；已收到且未过期的验证码仍可使用`,
          );
        }
        remainingToday = SMS_RULES.dailyLimit - unused - 1;
        // Only the newest code of a purpose is valid.
        await tx
          .update(smsCodes)
          .set({ consumedAt: now })
          .where(and(eq(smsCodes.phone, phone), eq(smsCodes.purpose, purpose), isNull(smsCodes.consumedAt)));
        const [row] = await tx
          .insert(smsCodes)
          .values({
            phone,
            purpose,
            codeHash: hmac(phone, purpose, code),
            createdAt: now,
            expiresAt: new Date(now.getTime() + SMS_RULES.validityMs),
            delivered,
          })
          .returning({ id: smsCodes.id });
        return row!.id;
      });

      if (delivered) {
        try {
          await provider.send({
            phone,
            purpose,
            code,
            content: `【本溪农民工工资保证金平台】您的${smsPurposeLabels[purpose]}验证码为 ${code}，5分钟内有效，请勿泄露给他人。`,
          });
        } catch (err) {
          await db.update(smsCodes).set({ consumedAt: now }).where(eq(smsCodes.id, codeId));
          const detail = err instanceof SmsSendError ? { provider: err.provider, providerCode: err.providerCode } : undefined;
          throw new AppError('SERVICE_UNAVAILABLE', '短信发送失败，请稍后重试', detail);
        }
      }
      return { cooldownSeconds: Math.ceil(cooldownMs / 1000), remainingToday };
    },

    async check(phone, purpose, code) {
      const now = clock.now();
      // The try is counted atomically before comparing, so parallel guesses cannot exceed the limit.
      const live = db
        .select({ id: smsCodes.id })
        .from(smsCodes)
        .where(
          and(
            eq(smsCodes.phone, phone),
            eq(smsCodes.purpose, purpose),
            isNull(smsCodes.consumedAt),
            gt(smsCodes.expiresAt, now),
          ),
        )
        .orderBy(desc(smsCodes.createdAt))
        .limit(1);
      const [row] = await db
        .update(smsCodes)
        .set({ attempts: sql`${smsCodes.attempts} + 1` })
        .where(and(eq(smsCodes.id, sql`(${live})`), sql`${smsCodes.attempts} < ${SMS_RULES.maxTries}`))
        .returning({ id: smsCodes.id, codeHash: smsCodes.codeHash, delivered: smsCodes.delivered });
      if (!row || !row.delivered) return { ok: false };
      const expected = Buffer.from(row.codeHash, 'hex');
      const actual = Buffer.from(hmac(phone, purpose, code), 'hex');
      return crypto.timingSafeEqual(expected, actual) ? { ok: true, codeId: row.id } : { ok: false };
    },

    async consume(tx, codeId) {
      const now = clock.now();
      const rows = await tx
        .update(smsCodes)
        .set({ consumedAt: now, usedAt: now })
        .where(and(eq(smsCodes.id, codeId), isNull(smsCodes.consumedAt)))
        .returning({ id: smsCodes.id });
      return rows.length === 1;
    },
  };
}

export const smsCodeInvalid = () => new AppError('SMS_CODE_INVALID', '短信验证码错误或已失效，请重新获取');
