import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, newPhone, type TestContext } from '../../test/harness';
import { expectError, loginRaw, sendCode } from './test-helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_SMS_PER_MINUTE: '3' });
});
afterAll(() => ctx.close());

describe('per-minute rate limits', () => {
  it('answers the 4th login request in a minute with 429 RATE_LIMITED', async () => {
    const phone = newPhone();
    for (let i = 0; i < 3; i++) expectError(await loginRaw(ctx, phone, 'Wrong#Pass9x', '123456'), 401, 'INVALID_CREDENTIALS');
    const limited = expectError(await loginRaw(ctx, phone, 'Wrong#Pass9x', '123456'), 429, 'RATE_LIMITED');
    expect(limited.message).toMatch(/频繁/);
    // Another phone from the same client is limited too: the limit is on the caller, not the account.
    expectError(await loginRaw(ctx, newPhone(), 'Wrong#Pass9x', '123456'), 429, 'RATE_LIMITED');
  });

  it('limits SMS code requests the same way', async () => {
    for (let i = 0; i < 3; i++) expect((await sendCode(ctx, newPhone(), 'register')).statusCode).toBe(200);
    expectError(await sendCode(ctx, newPhone(), 'register'), 429, 'RATE_LIMITED');
  });
});
