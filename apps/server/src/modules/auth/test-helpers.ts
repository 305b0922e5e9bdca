/** Small assertions shared by the account tests (auth/*.test.ts, platform/sms/service.test.ts). */
import { asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { auditLog, loginThrottle } from '../../db/schema/index';
import type { TestContext } from '../../test/harness';

export const CHINESE = /[\u4e00-\u9fff]/;

/** SPEC §12: `{ code, message (Chinese), details? }` with the given status; returns the body. */
export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe('string');
  expect(body.message).toMatch(CHINESE);
  for (const key of Object.keys(body)) expect(['code', 'message', 'details']).toContain(key);
  return body as { code: string; message: string; details?: any };
}

export const sendCode = (ctx: TestContext, phone: string, purpose: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone, purpose } });

export const register = (ctx: TestContext, phone: string, smsCode: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: { phone, smsCode, password } });

export const loginRaw = (ctx: TestContext, phone: string, password: string, smsCode: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password, smsCode }, headers });

export const me = (ctx: TestContext, cookie?: string) =>
  ctx.app.inject({ method: 'GET', url: '/api/me', headers: cookie ? { cookie } : {} });

/** The login_throttle row of a phone (null when there is none). */
export async function throttleOf(ctx: TestContext, phone: string) {
  const [row] = await ctx.database.db.select().from(loginThrottle).where(eq(loginThrottle.phone, phone));
  return row ?? null;
}

/** In the order they were written (callers slice off the rows of earlier tests). */
export async function auditRows(ctx: TestContext, action: string) {
  return ctx.database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
}
