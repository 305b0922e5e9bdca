import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { smsCodes } from '../../db/schema/index';
import { expectError, loginRaw, register, sendCode } from '../../modules/auth/test-helpers';
import { buildUser, createTestContext, lastSmsCode, newPhone, PASSWORD, smsCode, type TestContext } from '../../test/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const GOOD = 'Xk9#mQ2$vL7p';
const outbox = (phone: string) => ctx.app.inject({ method: 'GET', url: `/api/dev/sms-outbox?phone=${phone}` });
const codeRows = (phone: string) => ctx.database.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));

describe('POST /api/auth/sms-code', () => {
  it('sends a 6-digit code and says when the next one may be asked for', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const phone = newPhone();
      const res = await sendCode(ctx, phone, 'register');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ sent: true, cooldownSeconds: 60, remainingToday: 9, message: '验证码已发送，5 分钟内有效' });
      const code = await lastSmsCode(ctx, phone);
      expect(code).toMatch(/^\d{6}$/);
      seen.add(code);
      const [item] = (await outbox(phone)).json().items;
      expect(item).toMatchObject({ phone, purpose: 'register', code });
      expect(item.content).toContain(code);
      expect(item.content).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('rejects an unknown purpose and a bad phone with 400', async () => {
    expectError(await sendCode(ctx, newPhone(), 'signup'), 400, 'VALIDATION_FAILED');
    expectError(await sendCode(ctx, '12012345678', 'register'), 400, 'VALIDATION_FAILED');
  });

  it('stores only a hash of the code', async () => {
    const phone = newPhone();
    const code = await smsCode(ctx, phone, 'register');
    const rows = await codeRows(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).not.toBe(code);
    expect(rows[0]!.codeHash).not.toContain(code);
    expect(rows[0]!.codeHash.length).toBeGreaterThanOrEqual(32);
  });

  it('waits 60 seconds before a resend: 429 SMS_COOLDOWN with retryAfterSeconds', async () => {
    const phone = newPhone();
    expect((await sendCode(ctx, phone, 'register')).statusCode).toBe(200);
    const now = expectError(await sendCode(ctx, phone, 'register'), 429, 'SMS_COOLDOWN');
    expect(now.details).toEqual({ retryAfterSeconds: 60 });
    ctx.clock.advance(45_000);
    expect(expectError(await sendCode(ctx, phone, 'register'), 429, 'SMS_COOLDOWN').details.retryAfterSeconds).toBe(15);
    ctx.clock.advance(14_500);
    expect(expectError(await sendCode(ctx, phone, 'register'), 429, 'SMS_COOLDOWN').details.retryAfterSeconds).toBe(1);
    ctx.clock.advance(500);
    expect((await sendCode(ctx, phone, 'register')).statusCode).toBe(200);
    expect((await outbox(phone)).json().items).toHaveLength(2); // the refused ones sent nothing
  });

  it('the cooldown is per purpose: a user who has just registered can ask for a login code at once', async () => {
    const phone = newPhone();
    expect((await sendCode(ctx, phone, 'register')).statusCode).toBe(200);
    expect((await sendCode(ctx, phone, 'login')).statusCode).toBe(200);
    expectError(await sendCode(ctx, phone, 'login'), 429, 'SMS_COOLDOWN');
  });

  it('keeps a code valid for 5 minutes', async () => {
    const fresh = newPhone();
    const code = await smsCode(ctx, fresh, 'register');
    const [row] = await codeRows(fresh);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(5 * 60_000);
    ctx.clock.advance(5 * 60_000 - 1_000);
    expect((await register(ctx, fresh, code, GOOD)).statusCode).toBe(201);

    const stale = newPhone();
    const old = await smsCode(ctx, stale, 'register');
    ctx.clock.advance(5 * 60_000);
    expectError(await register(ctx, stale, old, GOOD), 400, 'SMS_CODE_INVALID');
  });

  it('invalidates the older code of the same purpose when a newer one is sent, not those of other purposes', async () => {
    const phone = newPhone();
    const first = await smsCode(ctx, phone, 'register');
    const second = await smsCode(ctx, phone, 'register');
    if (first !== second) expectError(await register(ctx, phone, first, GOOD), 400, 'SMS_CODE_INVALID');
    expect((await register(ctx, phone, second, GOOD)).statusCode).toBe(201);

    const u = await buildUser(ctx, { role: 'enterprise', certified: true });
    const loginCode = await smsCode(ctx, u.phone, 'login');
    await smsCode(ctx, u.phone, 'reset');
    expect((await loginRaw(ctx, u.phone, PASSWORD, loginCode)).statusCode).toBe(200);
  });

  it('answers identically for an unknown phone but sends nothing', async () => {
    const known = await buildUser(ctx, { role: 'enterprise', certified: true });
    const unknown = newPhone();
    for (const purpose of ['login', 'reset'] as const) {
      ctx.clock.advance(61_000);
      const a = await sendCode(ctx, known.phone, purpose);
      const b = await sendCode(ctx, unknown, purpose);
      expect(a.statusCode).toBe(200);
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.json()).toEqual(a.json());
      expect(b.headers['content-type']).toBe(a.headers['content-type']);
      // The cooldown looks the same too.
      const a2 = await sendCode(ctx, known.phone, purpose);
      const b2 = await sendCode(ctx, unknown, purpose);
      expectError(a2, 429, 'SMS_COOLDOWN');
      expect(b2.statusCode).toBe(a2.statusCode);
      expect(b2.json()).toEqual(a2.json());
    }
    expect((await outbox(known.phone)).json().items).toHaveLength(2);
    expect((await outbox(unknown)).json().items).toEqual([]);
  });

  it('lists the outbox of a phone newest first', async () => {
    const phone = newPhone();
    const other = newPhone();
    const sent: string[] = [];
    for (const purpose of ['register', 'register', 'register'] as const) sent.push(await smsCode(ctx, phone, purpose));
    await smsCode(ctx, other, 'register');
    const res = await outbox(phone);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { phone: string; code: string; sentAt: string }[];
    expect(items.map((i) => i.code)).toEqual([...sent].reverse());
    expect(items.every((i) => i.phone === phone)).toBe(true);
    const times = items.map((i) => Date.parse(i.sentAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(times[0]).toBeGreaterThan(times[2]!);
  });

  it('sends at most 10 a phone a day; the count starts again at Beijing midnight (16:00 UTC)', async () => {
    const midnight = Date.parse('2026-03-02T16:00:00Z'); // 2026-03-03 00:00 in Beijing
    expect(ctx.clock.now().getTime()).toBeLessThan(midnight - 20 * 60_000);
    const phone = newPhone();
    const unknown = newPhone(); // unknown phones are capped the same way
    for (let i = 0; i < 10; i++) {
      ctx.clock.advance(61_000);
      expect((await sendCode(ctx, phone, 'register')).statusCode).toBe(200);
      expect((await sendCode(ctx, unknown, 'login')).statusCode).toBe(200);
    }
    ctx.clock.advance(61_000);
    const capped = expectError(await sendCode(ctx, phone, 'register'), 429, 'SMS_DAILY_LIMIT');
    expect(capped.message).toContain('10 条未使用的验证码');
    expect(capped.message).toContain('请明天再试');
    expectError(await sendCode(ctx, phone, 'login'), 429, 'SMS_DAILY_LIMIT');
    expectError(await sendCode(ctx, unknown, 'login'), 429, 'SMS_DAILY_LIMIT');
    expect((await outbox(phone)).json().items).toHaveLength(10);

    ctx.clock.set(new Date(midnight - 1_000)); // 23:59:59 in Beijing
    expectError(await sendCode(ctx, phone, 'register'), 429, 'SMS_DAILY_LIMIT');
    ctx.clock.set(new Date(midnight));
    expect((await sendCode(ctx, phone, 'register')).statusCode).toBe(200);
    expect((await sendCode(ctx, unknown, 'login')).statusCode).toBe(200);
  });
});

describe('the daily cap counts only the codes no successful action used (ADR 014)', () => {
  it('15 login round trips in a day all succeed', async () => {
    const u = await buildUser(ctx, { role: 'enterprise', certified: true });
    const start = ctx.clock.now().getTime();
    for (let i = 0; i < 15; i++) {
      const code = await smsCode(ctx, u.phone, 'login');
      const res = await loginRaw(ctx, u.phone, PASSWORD, code);
      expect(res.statusCode, `login ${i + 1}: ${res.body}`).toBe(200);
    }
    expect(ctx.clock.now().getTime() - start).toBeLessThan(20 * 60_000); // within one Beijing day
    expect((await outbox(u.phone)).json().items).toHaveLength(15);
    const rows = await codeRows(u.phone);
    expect(rows.filter((r) => r.usedAt)).toHaveLength(15);
  });

  it('10 unused codes, then the 11th is refused; the answer says how many remain when few do', async () => {
    const u = await buildUser(ctx, { role: 'enterprise', certified: true });
    const messages: string[] = [];
    const remaining: number[] = [];
    for (let i = 0; i < 10; i++) {
      ctx.clock.advance(61_000);
      const res = await sendCode(ctx, u.phone, i % 2 ? 'login' : 'reset');
      expect(res.statusCode, res.body).toBe(200);
      messages.push(res.json().message);
      remaining.push(res.json().remainingToday);
    }
    expect(remaining).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(messages.slice(0, 6).every((m) => m === '验证码已发送，5 分钟内有效')).toBe(true);
    expect(messages[6]).toBe('验证码已发送，5 分钟内有效；今日还可获取 3 次');
    expect(messages[8]).toBe('验证码已发送，5 分钟内有效；今日还可获取 1 次');
    expect(messages[9]).toContain('今日可获取的验证码已用完');
    ctx.clock.advance(61_000);
    const refused = expectError(await sendCode(ctx, u.phone, 'register'), 429, 'SMS_DAILY_LIMIT');
    expect(refused.message).toMatch(/请明天再试/);
    expect((await outbox(u.phone)).json().items).toHaveLength(10);

    // The newest login code is still valid: using it gives one place back.
    const code = await lastSmsCode(ctx, u.phone);
    expect((await loginRaw(ctx, u.phone, PASSWORD, code)).statusCode).toBe(200);
    ctx.clock.advance(61_000);
    const again = await sendCode(ctx, u.phone, 'login');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ remainingToday: 0 });
    ctx.clock.advance(61_000);
    expectError(await sendCode(ctx, u.phone, 'reset'), 429, 'SMS_DAILY_LIMIT');
  });

  it('a failed login does not give the code back; a registration and a reset do', async () => {
    const u = await buildUser(ctx, { role: 'enterprise', certified: true });
    const code = await smsCode(ctx, u.phone, 'login');
    expect((await loginRaw(ctx, u.phone, 'Wrong#Pass9x', code)).statusCode).toBe(401);
    ctx.clock.advance(61_000);
    expect((await sendCode(ctx, u.phone, 'reset')).json().remainingToday).toBe(8);
    const resetCode = await lastSmsCode(ctx, u.phone);
    const reset = await ctx.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { phone: u.phone, smsCode: resetCode, newPassword: GOOD } });
    expect(reset.statusCode, reset.body).toBe(200);
    ctx.clock.advance(61_000);
    expect((await sendCode(ctx, u.phone, 'reset')).json().remainingToday).toBe(8); // the used reset code no longer counts

    const fresh = newPhone();
    const registerCode = await smsCode(ctx, fresh, 'register');
    expect((await register(ctx, fresh, registerCode, GOOD)).statusCode).toBe(201);
    ctx.clock.advance(61_000);
    expect((await sendCode(ctx, fresh, 'login')).json().remainingToday).toBe(9);
  });

  it('20 parallel requests on different purposes never pass the cap', async () => {
    const phone = newPhone();
    for (let i = 0; i < 8; i++) {
      ctx.clock.advance(61_000);
      expect((await sendCode(ctx, phone, 'register')).statusCode).toBe(200);
    }
    ctx.clock.advance(61_000);
    // 2 places left; each purpose has its own cooldown, so three purposes at once compete for them
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sendCode(ctx, phone, (['register', 'login', 'reset'] as const)[i % 3]!)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    expect(results.filter((r) => r.json().code === 'SMS_DAILY_LIMIT').length).toBeGreaterThanOrEqual(1);
    expect(await codeRows(phone)).toHaveLength(10);
  });
});

describe('GET /api/dev/sms-outbox', () => {
  it('exists while SMS_PROVIDER is unset (console)', async () => {
    expect(ctx.env.SMS_PROVIDER).toBe('console');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/dev/sms-outbox' });
    expect(res.statusCode).toBe(200);
    expect(Array.isArray(res.json().items)).toBe(true);
  });

  it('does not exist with a real provider configured', async () => {
    const real = await createTestContext({
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: 'test-id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'test-secret',
      ALIYUN_SMS_SIGN_NAME: '本溪测试',
      ALIYUN_SMS_TEMPLATE_REGISTER: 'SMS_1',
      ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_2',
      ALIYUN_SMS_TEMPLATE_RESET: 'SMS_3',
      ALIYUN_SMS_TEMPLATE_PASSWORD: 'SMS_4',
      ALIYUN_SMS_TEMPLATE_CERT_APPROVED: 'SMS_5',
      ALIYUN_SMS_TEMPLATE_CERT_REJECTED: 'SMS_6',
    });
    try {
      const res = await real.app.inject({ method: 'GET', url: `/api/dev/sms-outbox?phone=${newPhone()}` });
      expectError(res, 404, 'NOT_FOUND');
    } finally {
      await real.close();
    }
  });
});
