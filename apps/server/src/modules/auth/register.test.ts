import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { passwordMessages } from '@benxi/shared';
import { organizations, users } from '../../db/schema/index';
import { buildUser, createTestContext, login, newPhone, smsCode, type TestContext } from '../../test/harness';
import { auditRows, expectError, register, sendCode } from './test-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** Random-looking, every character class, in no dictionary. */
const GOOD = 'Xk9#mQ2$vL7p';

async function usersWithPhone(phone: string) {
  return ctx.database.db.select().from(users).where(eq(users.phone, phone));
}

describe('POST /api/auth/register', () => {
  it('creates an uncertified enterprise account that can log in', async () => {
    const phone = newPhone();
    const code = await smsCode(ctx, phone, 'register');
    // A role in the body is ignored: registration only ever makes enterprise users.
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { phone, smsCode: code, password: GOOD, role: 'admin' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ok: true });

    const [user] = await usersWithPhone(phone);
    expect(user).toMatchObject({ role: 'enterprise', status: 'active', mustChangePassword: false });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user!.passwordHash).not.toContain(GOOD);
    const [org] = await ctx.database.db.select().from(organizations).where(eq(organizations.id, user!.orgId));
    expect(org).toMatchObject({ type: 'enterprise', certified: false });

    const s = await login(ctx, phone, GOOD);
    const me = await s.inject({ method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user!.id, phone, role: 'enterprise', org: { certified: false } });
  });

  it('writes a user.register audit row in the same step', async () => {
    const phone = newPhone();
    const res = await register(ctx, phone, await smsCode(ctx, phone, 'register'), GOOD);
    expect(res.statusCode).toBe(201);
    const [user] = await usersWithPhone(phone);
    const rows = (await auditRows(ctx, 'user.register')).filter((r) => r.targetId === user!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ targetType: 'user', actorId: user!.id, actorPhone: phone, actorRole: 'enterprise' });
    expect(rows[0]!.at.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(rows[0]!.after).toMatchObject({ phone, role: 'enterprise' });
  });

  describe('password policy', () => {
    const cases: [string, (phone: string) => string, string[]][] = [
      ['too short (7 characters)', () => 'Xk9#mQ2', [passwordMessages.LENGTH]],
      ['too long (65 characters)', () => 'Xk9#mQ2$vL7pRt5&wZ3!bN8@hJ4%cF6^'.repeat(3).slice(0, 65), [passwordMessages.LENGTH]],
      ['without an upper-case letter', () => 'xk9#mq2$vl7p', [passwordMessages.UPPER]],
      ['without a lower-case letter', () => 'XK9#MQ2$VL7P', [passwordMessages.LOWER]],
      ['without a digit', () => 'Xkq#mQw$vLep', [passwordMessages.DIGIT]],
      ['without a special character', () => 'Xk9amQ2bvL7p', [passwordMessages.SPECIAL]],
      ['containing the phone number', (phone) => `Xk#${phone}mQ`, [passwordMessages.CONTAINS_PHONE]],
      ['a common password', () => 'P@ssw0rd', [passwordMessages.COMMON]],
      ['weak (dictionary word + digits)', () => 'Password1!', [passwordMessages.WEAK]],
    ];

    it.each(cases)('rejects a password %s with 400 and the Chinese reason', async (_name, make, expected) => {
      const phone = newPhone();
      const code = await smsCode(ctx, phone, 'register');
      const res = await register(ctx, phone, code, make(phone));
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details.fields.password).toEqual(expected);
      for (const m of body.details.fields.password) expect(m).toMatch(/[\u4e00-\u9fff]/);
      expect(await usersWithPhone(phone)).toHaveLength(0);
      // The code was not spent on a rejected password: the same code registers a good one.
      expect((await register(ctx, phone, code, GOOD)).statusCode).toBe(201);
    });

    it('states the limits in the message', () => {
      expect(passwordMessages.LENGTH).toContain('8');
      expect(passwordMessages.LENGTH).toContain('64');
    });

    it('accepts exactly 8 and exactly 64 characters', async () => {
      for (const pw of ['Xk9#mQ2$', 'Xk9#mQ2$vL7pRt5&wZ3!bN8@hJ4%cF6^'.repeat(2)]) {
        const phone = newPhone();
        const res = await register(ctx, phone, await smsCode(ctx, phone, 'register'), pw);
        expect(res.statusCode, `${pw}: ${res.body}`).toBe(201);
      }
    });
  });

  describe('SMS code', () => {
    it('rejects a wrong code', async () => {
      const phone = newPhone();
      const code = await smsCode(ctx, phone, 'register');
      const wrong = code === '000000' ? '000001' : '000000';
      expectError(await register(ctx, phone, wrong, GOOD), 400, 'SMS_CODE_INVALID');
      expect(await usersWithPhone(phone)).toHaveLength(0);
    });

    it('rejects a code without any code having been requested', async () => {
      expectError(await register(ctx, newPhone(), '123456', GOOD), 400, 'SMS_CODE_INVALID');
    });

    it('rejects a code older than 5 minutes', async () => {
      const phone = newPhone();
      const code = await smsCode(ctx, phone, 'register');
      ctx.clock.advance(5 * 60_000 + 1_000);
      expectError(await register(ctx, phone, code, GOOD), 400, 'SMS_CODE_INVALID');
      expect(await usersWithPhone(phone)).toHaveLength(0);
    });

    it('accepts a code a little under 5 minutes old', async () => {
      const phone = newPhone();
      const code = await smsCode(ctx, phone, 'register');
      ctx.clock.advance(4 * 60_000 + 55_000);
      expect((await register(ctx, phone, code, GOOD)).statusCode).toBe(201);
    });

    it('rejects a code that was already used', async () => {
      const phone = newPhone();
      const code = await smsCode(ctx, phone, 'register');
      expect((await register(ctx, phone, code, GOOD)).statusCode).toBe(201);
      expectError(await register(ctx, phone, code, 'Zp4&yT9@kW3!'), 400, 'SMS_CODE_INVALID');
      expect(await usersWithPhone(phone)).toHaveLength(1);
    });

    it('is bound to its purpose: a login code cannot register', async () => {
      // Login codes are only delivered to registered phones: get one, then free the phone again.
      const existing = await buildUser(ctx, { role: 'enterprise' });
      const loginCode = await smsCode(ctx, existing.phone, 'login');
      await ctx.database.db.delete(users).where(eq(users.id, existing.id));
      expectError(await register(ctx, existing.phone, loginCode, GOOD), 400, 'SMS_CODE_INVALID');
      expect(await usersWithPhone(existing.phone)).toHaveLength(0);
      // The right purpose works.
      expect((await register(ctx, existing.phone, await smsCode(ctx, existing.phone, 'register'), GOOD)).statusCode).toBe(201);
    });

    it('is bound to its phone', async () => {
      const a = newPhone();
      const b = newPhone();
      const codeA = await smsCode(ctx, a, 'register');
      await smsCode(ctx, b, 'register');
      expectError(await register(ctx, b, codeA, GOOD), 400, 'SMS_CODE_INVALID');
    });
  });

  it('answers 409 PHONE_TAKEN for a registered phone', async () => {
    const existing = await buildUser(ctx, { role: 'enterprise', certified: true });
    const code = await smsCode(ctx, existing.phone, 'register');
    expectError(await register(ctx, existing.phone, code, GOOD), 409, 'PHONE_TAKEN');
    expect(await usersWithPhone(existing.phone)).toHaveLength(1);
  });

  it('creates exactly one account when one phone registers 10 times at once', async () => {
    const phone = newPhone();
    const code = await smsCode(ctx, phone, 'register');
    const orphansBefore = await orphanEnterpriseOrgs();
    const results = await Promise.all(Array.from({ length: 10 }, () => register(ctx, phone, code, GOOD)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect([400, 409]).toContain(r.statusCode);
      expect(['SMS_CODE_INVALID', 'PHONE_TAKEN']).toContain(expectError(r, r.statusCode, r.json().code).code);
    }
    expect(await usersWithPhone(phone)).toHaveLength(1);
    // Losers left no organisation behind: each registration is one transaction.
    expect(await orphanEnterpriseOrgs()).toBe(orphansBefore);
    expect((await auditRows(ctx, 'user.register')).filter((r) => r.actorPhone === phone)).toHaveLength(1);
  });

  it.each([
    ['12812345678'], // second digit must be 3–9
    ['10012345678'],
    ['1381234567'], // 10 digits
    ['138123456789'], // 12 digits
    ['+8613812345678'],
    ['23812345678'],
    ['1381234567a'],
    [''],
  ])('rejects the phone %j with 400', async (phone) => {
    const res = await register(ctx, phone, '123456', GOOD);
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(body.details.fields.phone?.[0]).toMatch(/[\u4e00-\u9fff]/);
    expectError(await sendCode(ctx, phone, 'register'), 400, 'VALIDATION_FAILED');
  });

  it('rejects a missing or malformed SMS code and a missing password with 400', async () => {
    const phone = newPhone();
    const noCode = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: { phone, password: GOOD } });
    expect(expectError(noCode, 400, 'VALIDATION_FAILED').details.fields).toHaveProperty('smsCode');
    const shortCode = await register(ctx, phone, '12345', GOOD);
    expect(expectError(shortCode, 400, 'VALIDATION_FAILED').details.fields).toHaveProperty('smsCode');
    const noPassword = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: { phone, smsCode: '123456' } });
    expect(expectError(noPassword, 400, 'VALIDATION_FAILED').details.fields).toHaveProperty('password');
  });
});

async function orphanEnterpriseOrgs(): Promise<number> {
  const [row] = await ctx.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(sql`${organizations.type} = 'enterprise' and not exists (select 1 from users u where u.org_id = ${organizations.id})`);
  return Number(row!.n);
}
