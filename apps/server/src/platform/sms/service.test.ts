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
      expect(res.json()).toEqual({ sent: true, cooldownSeconds: 60 });
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
    expectError(await sendCode(ctx, phone, 'register'), 429, 'SMS_DAILY_LIMIT');
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
