import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '@benxi/shared';
import { buildUser, createTestContext, login, newPhone, PASSWORD, smsCode, type Session, type TestContext } from '../../test/harness';
import { auditRows, expectError, loginRaw, me, throttleOf } from './test-helpers';

let ctx: TestContext;
let adminPhone: string;
beforeAll(async () => {
  ctx = await createTestContext();
  adminPhone = (await buildUser(ctx, { role: 'admin' })).phone;
});
afterAll(() => ctx.close());

const WRONG = 'Wrong#Pass9x';
const NEW_PASSWORD = 'Zp4&yT9@kW3!';
const LOCK_MS = 30 * 60_000;

const enterprise = () => buildUser(ctx, { role: 'enterprise', certified: true });

/** Five wrong passwords in a row; returns the fifth answer (the lock). */
async function lockOut(phone: string, code = '123456') {
  for (let i = 1; i <= 4; i++) expectError(await loginRaw(ctx, phone, WRONG, code), 401, 'INVALID_CREDENTIALS');
  return loginRaw(ctx, phone, WRONG, code);
}

/** A fresh admin session (tests move the clock past the idle timeout of older ones). */
const asAdmin = (): Promise<Session> => login(ctx, adminPhone);

async function adminRow(phone: string) {
  const admin = await asAdmin();
  const res = await admin.inject({ method: 'GET', url: `/api/admin/users?keyword=${phone}` });
  expect(res.statusCode, res.body).toBe(200);
  const [row] = res.json().items.filter((u: { phone: string }) => u.phone === phone);
  return row as { id: string; lockedUntil: string | null; failedLogins: number; status: string };
}

describe('POST /api/auth/login', () => {
  it('needs phone, password and the SMS code of a login', async () => {
    const u = await enterprise();
    const code = await smsCode(ctx, u.phone, 'login');
    const noCode = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone: u.phone, password: PASSWORD } });
    expect(expectError(noCode, 400, 'VALIDATION_FAILED').details.fields).toHaveProperty('smsCode');
    const noPassword = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone: u.phone, smsCode: code } });
    expect(expectError(noPassword, 400, 'VALIDATION_FAILED').details.fields).toHaveProperty('password');
    const badPhone = await loginRaw(ctx, '12345', PASSWORD, code);
    expect(expectError(badPhone, 400, 'VALIDATION_FAILED').details.fields).toHaveProperty('phone');

    const wrongCode = code === '000000' ? '000001' : '000000';
    expectError(await loginRaw(ctx, u.phone, PASSWORD, wrongCode), 401, 'INVALID_CREDENTIALS');
    // A register code is not a login code.
    const registerCode = await smsCode(ctx, u.phone, 'register');
    expectError(await loginRaw(ctx, u.phone, PASSWORD, registerCode), 401, 'INVALID_CREDENTIALS');

    const ok = await loginRaw(ctx, u.phone, PASSWORD, code);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: u.id, phone: u.phone, role: 'enterprise', mustChangePassword: false });
    expect(ok.cookies.find((c) => c.name === 'bx_session')?.value).toBeTruthy();
    expect((await auditRows(ctx, 'user.login')).some((r) => r.targetId === u.id)).toBe(true);
  });

  it('consumes the code only on success: a wrong password can be corrected with the same code', async () => {
    const u = await enterprise();
    const code = await smsCode(ctx, u.phone, 'login');
    expectError(await loginRaw(ctx, u.phone, WRONG, code), 401, 'INVALID_CREDENTIALS');
    expectError(await loginRaw(ctx, u.phone, 'Another#Wrong7', code), 401, 'INVALID_CREDENTIALS');
    expect((await loginRaw(ctx, u.phone, PASSWORD, code)).statusCode).toBe(200);
    // Single use: now it is spent.
    expectError(await loginRaw(ctx, u.phone, PASSWORD, code), 401, 'INVALID_CREDENTIALS');
  });

  it('allows 5 tries per code', async () => {
    const a = await enterprise();
    const codeA = await smsCode(ctx, a.phone, 'login');
    const wrongA = codeA === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) expectError(await loginRaw(ctx, a.phone, PASSWORD, wrongA), 401, 'INVALID_CREDENTIALS');
    expect((await loginRaw(ctx, a.phone, PASSWORD, codeA)).statusCode).toBe(200); // the 5th try

    // Five wrong codes are five failed logins: the fifth locks the phone (ADR 014) and spends the code.
    const b = await enterprise();
    const codeB = await smsCode(ctx, b.phone, 'login');
    const wrongB = codeB === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) expectError(await loginRaw(ctx, b.phone, PASSWORD, wrongB), 401, 'INVALID_CREDENTIALS');
    expectError(await loginRaw(ctx, b.phone, PASSWORD, wrongB), 423, 'ACCOUNT_LOCKED');
    const admin = await asAdmin();
    expect((await admin.inject({ method: 'POST', url: `/api/admin/users/${b.id}/unlock` })).statusCode).toBe(200);
    expectError(await loginRaw(ctx, b.phone, PASSWORD, codeB), 401, 'INVALID_CREDENTIALS'); // the 6th try: code is dead
    expect((await loginRaw(ctx, b.phone, PASSWORD, await smsCode(ctx, b.phone, 'login'))).statusCode).toBe(200);
  });

  it('says how many tries are left before the lock, the same for every kind of failure', async () => {
    const u = await enterprise();
    const code = await smsCode(ctx, u.phone, 'login');
    const wrongCode = code === '000000' ? '000001' : '000000';
    const left = (n: number, res: Awaited<ReturnType<typeof loginRaw>>) => {
      const body = expectError(res, 401, 'INVALID_CREDENTIALS');
      expect(body.details).toEqual({ remainingAttempts: n });
      expect(body.message).toContain(`再错 ${n} 次账户将被锁定30分钟`);
      return body;
    };
    const wrongPassword = left(4, await loginRaw(ctx, u.phone, WRONG, code));
    // The right password with a wrong code is counted and worded exactly like a wrong password: the
    // answer must not tell whoever lacks the code that the password was right.
    const rightPassword = left(3, await loginRaw(ctx, u.phone, PASSWORD, wrongCode));
    const wording = (m: string) => m.replace(/再错 \d+ 次/, '');
    expect(wording(rightPassword.message)).toBe(wording(wrongPassword.message));
    left(2, await loginRaw(ctx, u.phone, WRONG, code));
    left(1, await loginRaw(ctx, u.phone, PASSWORD, wrongCode));
    expectError(await loginRaw(ctx, u.phone, PASSWORD, wrongCode), 423, 'ACCOUNT_LOCKED');
    expect(await throttleOf(ctx, u.phone)).toMatchObject({ failedCount: 5 });
  });

  it('a right password does not restart the count unless the code is right too', async () => {
    // Otherwise four wrong guesses and a fifth candidate would tell by 401-or-423 whether it was right.
    const u = await enterprise();
    for (let i = 0; i < 4; i++) expectError(await loginRaw(ctx, u.phone, WRONG, '123456'), 401, 'INVALID_CREDENTIALS');
    expectError(await loginRaw(ctx, u.phone, PASSWORD, '123456'), 423, 'ACCOUNT_LOCKED');
  });

  it('locks after 5 consecutive wrong passwords for 30 minutes, then lifts', async () => {
    const u = await enterprise();
    const code = await smsCode(ctx, u.phone, 'login');
    const lockedAt = ctx.clock.now().getTime();
    const until = new Date(lockedAt + LOCK_MS);
    const fifth = expectError(await lockOut(u.phone, code), 423, 'ACCOUNT_LOCKED');
    expect(fifth.details.lockedUntil).toBe(until.toISOString());
    expect(fifth.message).toContain(formatDateTime(until)); // the screen says until when (Beijing time)
    expect(await throttleOf(ctx, u.phone)).toMatchObject({ failedCount: 5, lockedUntil: until });

    // The right password and code are refused while locked, and the code is not spent.
    const refused = expectError(await loginRaw(ctx, u.phone, PASSWORD, code), 423, 'ACCOUNT_LOCKED');
    expect(refused.details.lockedUntil).toBe(until.toISOString());
    ctx.clock.advance(LOCK_MS - 2_000);
    expect(expectError(await loginRaw(ctx, u.phone, PASSWORD, code), 423, 'ACCOUNT_LOCKED').details.lockedUntil).toBe(until.toISOString());

    const fresh = await smsCode(ctx, u.phone, 'login'); // moves the clock past the lock
    expect(ctx.clock.now().getTime()).toBeGreaterThan(until.getTime());
    const ok = await loginRaw(ctx, u.phone, PASSWORD, fresh);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await throttleOf(ctx, u.phone)).toBeNull();
  });

  it('counts afresh after a lock expired', async () => {
    const u = await enterprise();
    expectError(await lockOut(u.phone), 423, 'ACCOUNT_LOCKED');
    ctx.clock.advance(LOCK_MS + 1_000);
    // A single wrong password after the lock is failure 1 of a new run, not a new lock.
    expectError(await loginRaw(ctx, u.phone, WRONG, '123456'), 401, 'INVALID_CREDENTIALS');
    expect((await throttleOf(ctx, u.phone))?.failedCount).toBe(1);
  });

  it('resets the count on a right password', async () => {
    const u = await enterprise();
    for (let i = 0; i < 4; i++) expectError(await loginRaw(ctx, u.phone, WRONG, '123456'), 401, 'INVALID_CREDENTIALS');
    expect((await adminRow(u.phone)).failedLogins).toBe(4);
    await login(ctx, u.phone);
    expect((await adminRow(u.phone)).failedLogins).toBe(0);
    for (let i = 0; i < 4; i++) expectError(await loginRaw(ctx, u.phone, WRONG, '123456'), 401, 'INVALID_CREDENTIALS');
    expect((await throttleOf(ctx, u.phone))?.failedCount).toBe(4);
    expectError(await loginRaw(ctx, u.phone, WRONG, '123456'), 423, 'ACCOUNT_LOCKED');
  });

  it('answers unknown phones exactly like known ones, and locks them too', async () => {
    const known = await enterprise();
    const unknown = newPhone();
    const knownCode = await smsCode(ctx, known.phone, 'login');
    await smsCode(ctx, unknown, 'login');
    for (let i = 1; i <= 6; i++) {
      const a = await loginRaw(ctx, known.phone, WRONG, knownCode);
      const b = await loginRaw(ctx, unknown, WRONG, knownCode);
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.json()).toEqual(a.json());
      expect(a.statusCode).toBe(i < 5 ? 401 : 423);
      if (i >= 5) expect(expectError(b, 423, 'ACCOUNT_LOCKED').details.lockedUntil).toBeTruthy();
      else expect(expectError(b, 401, 'INVALID_CREDENTIALS').message).toContain(`再错 ${5 - i} 次`);
    }
    expect((await throttleOf(ctx, unknown))?.lockedUntil).toBeTruthy();
  });

  it('counts exactly 5 failures when 50 wrong passwords arrive at once', async () => {
    const u = await enterprise();
    const code = await smsCode(ctx, u.phone, 'login');
    const results = await Promise.all(Array.from({ length: 50 }, () => loginRaw(ctx, u.phone, WRONG, code)));
    const by = (s: number) => results.filter((r) => r.statusCode === s);
    expect(by(401)).toHaveLength(4);
    expect(by(423)).toHaveLength(46);
    for (const r of by(423)) expectError(r, 423, 'ACCOUNT_LOCKED');
    const until = new Date(ctx.clock.now().getTime() + LOCK_MS);
    expect(await throttleOf(ctx, u.phone)).toMatchObject({ failedCount: 5, lockedUntil: until });
    expect(await adminRow(u.phone)).toMatchObject({ failedLogins: 5, lockedUntil: until.toISOString() });
    expectError(await loginRaw(ctx, u.phone, PASSWORD, code), 423, 'ACCOUNT_LOCKED');
    expect((await auditRows(ctx, 'user.lock')).filter((r) => r.targetId === u.id)).toHaveLength(1);
    // every one of the 51 failures is in the audit log, with the counted attempt or the lock as reason
    const failed = (await auditRows(ctx, 'user.login.failed')).filter((r) => r.targetId === u.id);
    expect(failed).toHaveLength(51);
    const reasons = failed.map((r) => (r.after as { reason: string }).reason);
    expect(reasons.filter((r) => r === 'wrong_password')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'locked')).toHaveLength(46);
    expect(failed.filter((r) => (r.after as { failedLogins?: number }).failedLogins !== undefined).map((r) => (r.after as { failedLogins: number }).failedLogins).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('ends existing sessions when the account locks', async () => {
    const u = await enterprise();
    const s = await login(ctx, u.phone);
    expect((await me(ctx, s.cookie)).statusCode).toBe(200);
    expectError(await lockOut(u.phone), 423, 'ACCOUNT_LOCKED');
    expect((await me(ctx, s.cookie)).statusCode).toBe(401);
  });

  it('reset by SMS sets the password, ends every session and unlocks', async () => {
    const u = await enterprise();
    const s1 = await login(ctx, u.phone);
    const s2 = await login(ctx, u.phone);
    const reset = (smsCode: string, newPassword: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { phone: u.phone, smsCode, newPassword } });

    const code = await smsCode(ctx, u.phone, 'reset');
    const weak = expectError(await reset(code, 'P@ssw0rd'), 400, 'VALIDATION_FAILED');
    expect(weak.details.fields.newPassword).toBeDefined();
    expectError(await reset(code === '000000' ? '000001' : '000000', NEW_PASSWORD), 400, 'SMS_CODE_INVALID');
    const loginCode = await smsCode(ctx, u.phone, 'login'); // a login code is no reset code
    expectError(await reset(loginCode, NEW_PASSWORD), 400, 'SMS_CODE_INVALID');

    expect((await reset(code, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await me(ctx, s1.cookie)).statusCode).toBe(401);
    expect((await me(ctx, s2.cookie)).statusCode).toBe(401);
    expectError(await loginRaw(ctx, u.phone, PASSWORD, loginCode), 401, 'INVALID_CREDENTIALS');
    expect((await loginRaw(ctx, u.phone, NEW_PASSWORD, loginCode)).statusCode).toBe(200);
    expect((await auditRows(ctx, 'user.password.reset')).filter((r) => r.targetId === u.id)).toHaveLength(1);
    expectError(await reset(code, 'Other#Pass4Q9'), 400, 'SMS_CODE_INVALID'); // single use

    // Locked: the reset lifts the lock at once.
    expectError(await lockOut(u.phone), 423, 'ACCOUNT_LOCKED');
    expect((await reset(await smsCode(ctx, u.phone, 'reset'), PASSWORD)).statusCode).toBe(200);
    expect(await throttleOf(ctx, u.phone)).toBeNull();
    expect((await loginRaw(ctx, u.phone, PASSWORD, await smsCode(ctx, u.phone, 'login'))).statusCode).toBe(200);
  });

  it('admin can unlock, and it is audited', async () => {
    const u = await enterprise();
    const locked = expectError(await lockOut(u.phone), 423, 'ACCOUNT_LOCKED');
    expect(await adminRow(u.phone)).toMatchObject({ lockedUntil: locked.details.lockedUntil, failedLogins: 5 });

    const admin = await asAdmin();
    const res = await admin.inject({ method: 'POST', url: `/api/admin/users/${u.id}/unlock` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: u.id, lockedUntil: null, failedLogins: 0 });
    const [row] = (await auditRows(ctx, 'user.unlock')).filter((r) => r.targetId === u.id);
    expect(row).toMatchObject({ actorId: admin.userId, actorPhone: admin.phone, actorRole: 'admin', targetType: 'user' });
    expect(row!.before).toMatchObject({ lockedUntil: locked.details.lockedUntil, failedLogins: 5 });

    expect((await loginRaw(ctx, u.phone, PASSWORD, await smsCode(ctx, u.phone, 'login'))).statusCode).toBe(200);
    expectError(await admin.inject({ method: 'POST', url: `/api/admin/users/${u.id}/unlock` }), 409, 'INVALID_STATE');
    const missing = await admin.inject({ method: 'POST', url: '/api/admin/users/00000000-0000-4000-8000-000000000000/unlock' });
    expectError(missing, 404, 'NOT_FOUND');
  });

  it('admin disable ends sessions and login then answers 403 ACCOUNT_DISABLED', async () => {
    const u = await enterprise();
    const s1 = await login(ctx, u.phone);
    const s2 = await login(ctx, u.phone);
    const admin = await asAdmin();
    const res = await admin.inject({ method: 'POST', url: `/api/admin/users/${u.id}/disable` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: u.id, status: 'disabled' });
    expect((await auditRows(ctx, 'user.disable')).filter((r) => r.targetId === u.id)).toHaveLength(1);
    for (const s of [s1, s2]) expect((await me(ctx, s.cookie)).statusCode).toBe(401);

    // Until password AND code are right, a disabled account answers exactly like an active one with a
    // wrong credential: whoever has the password but not the phone learns nothing.
    const active = await enterprise();
    const code = await smsCode(ctx, u.phone, 'login');
    const activeCode = await smsCode(ctx, active.phone, 'login');
    const wrong = (c: string) => (c === '000000' ? '000001' : '000000');
    for (const [password, which] of [[WRONG, 'wrong password'], [PASSWORD, 'right password, wrong code']] as const) {
      const d = await loginRaw(ctx, u.phone, password, wrong(code));
      const a = await loginRaw(ctx, active.phone, password, wrong(activeCode));
      expect(d.statusCode, which).toBe(401);
      expect(d.json(), which).toEqual(a.json());
    }
    expectError(await loginRaw(ctx, u.phone, PASSWORD, code), 403, 'ACCOUNT_DISABLED');
    const failed = (await auditRows(ctx, 'user.login.failed')).filter((r) => r.targetId === u.id).sort((a, b) => Number(a.id) - Number(b.id));
    expect(failed.map((r) => (r.after as { reason: string }).reason)).toEqual([
      'wrong_password',
      'sms_code_invalid',
      'disabled',
    ]);

    expect((await admin.inject({ method: 'POST', url: `/api/admin/users/${u.id}/enable` })).statusCode).toBe(200);
    expect((await loginRaw(ctx, u.phone, PASSWORD, code)).statusCode).toBe(200);
  });

  it('writes every failed login to the audit log with IP and reason; an unknown phone masked', async () => {
    const ip = '203.0.113.7';
    const attempt = (phone: string, password: string, smsCode: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password, smsCode }, remoteAddress: ip });
    const u = await enterprise();
    const unknown = newPhone();
    const code = await smsCode(ctx, u.phone, 'login');

    expectError(await attempt(u.phone, WRONG, code), 401, 'INVALID_CREDENTIALS');
    expectError(await attempt(u.phone, PASSWORD, code === '000000' ? '000001' : '000000'), 401, 'INVALID_CREDENTIALS');
    expectError(await attempt(unknown, WRONG, code), 401, 'INVALID_CREDENTIALS');
    // this test's attempts come from their own address (the audit rows of earlier tests do not)
    const rows = (await auditRows(ctx, 'user.login.failed')).filter((r) => r.ip === ip).sort((a, b) => Number(a.id) - Number(b.id));
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => ({ actorId: r.actorId, actorPhone: r.actorPhone, ip: r.ip, targetType: r.targetType, targetId: r.targetId, after: r.after }))).toEqual([
      { actorId: null, actorPhone: u.phone, ip, targetType: 'user', targetId: u.id, after: { reason: 'wrong_password', reasonText: '密码错误', failedLogins: 1 } },
      { actorId: null, actorPhone: u.phone, ip, targetType: 'user', targetId: u.id, after: { reason: 'sms_code_invalid', reasonText: '短信验证码错误或已失效', failedLogins: 2 } },
      {
        actorId: null,
        actorPhone: `${unknown.slice(0, 3)}****${unknown.slice(7)}`,
        ip,
        targetType: 'user',
        targetId: null,
        after: { reason: 'unknown_account', reasonText: '账户不存在', failedLogins: 1 },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(unknown);
    // the lock, and the tries refused while it lasts
    for (let i = 0; i < 4; i++) await attempt(unknown, WRONG, code);
    expectError(await attempt(unknown, PASSWORD, code), 423, 'ACCOUNT_LOCKED');
    const locked = (await auditRows(ctx, 'user.login.failed'))
      .filter((r) => r.actorPhone === rows[2]!.actorPhone)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((r) => (r.after as { reason: string }).reason);
    expect(locked).toEqual(['unknown_account', 'unknown_account', 'unknown_account', 'unknown_account', 'unknown_account', 'locked']);
  });

  it('admin cannot disable their own account', async () => {
    const admin = await asAdmin();
    expectError(await admin.inject({ method: 'POST', url: `/api/admin/users/${admin.userId}/disable` }), 409, 'INVALID_STATE');
  });
});
