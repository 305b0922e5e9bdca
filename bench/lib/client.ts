/**
 * HTTP helpers against a running server: the real login (SMS code read from the development outbox),
 * and JSON calls carrying the session cookie and CSRF header.
 */
import { creditCodeCheckChar } from '@benxi/shared';

export const DEMO_PASSWORD = 'Benxi@2026!';

export interface HttpSession {
  phone: string;
  cookie: string;
  csrf: string;
  userId: string;
  headers: Record<string, string>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { session?: HttpSession; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.session?.headers ?? {}) };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** Login as a person does it: ask for a code, read it where the console SMS provider put it, log in. */
export async function loginViaSms(base: string, phone: string, password = DEMO_PASSWORD): Promise<HttpSession> {
  let sent = await call(base, 'POST', '/api/auth/sms-code', { body: { phone, purpose: 'login' } });
  for (let i = 0; i < 5 && sent.body?.code === 'SMS_COOLDOWN'; i++) {
    await new Promise((r) => setTimeout(r, (sent.body.details?.retryAfterSeconds ?? 1) * 1000 + 100));
    sent = await call(base, 'POST', '/api/auth/sms-code', { body: { phone, purpose: 'login' } });
  }
  if (sent.status !== 200) throw new Error(`sms-code for ${phone}: ${sent.status} ${sent.text}`);
  const outbox = await call(base, 'GET', `/api/dev/sms-outbox?phone=${phone}`);
  const item = (outbox.body?.items ?? []).find((i: { purpose: string }) => i.purpose === 'login');
  if (!item) throw new Error(`no login code in the outbox for ${phone}: ${outbox.text}`);
  const res = await call(base, 'POST', '/api/auth/login', { body: { phone, password, smsCode: item.code } });
  if (res.status !== 200) throw new Error(`login ${phone}: ${res.status} ${res.text}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('bx_session='));
  if (!setCookie) throw new Error(`login ${phone}: no session cookie`);
  const cookie = setCookie.split(';')[0]!;
  return { phone, cookie, csrf: res.body.csrfToken, userId: res.body.id, headers: { cookie, 'x-csrf-token': res.body.csrfToken } };
}

/** A valid 统一社会信用代码 built from a number, so inputs are deterministic. */
export function creditCode(n: number): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91210500';
  let x = Math.abs(Math.floor(n)) + 7919;
  for (let i = 0; i < 9; i++) {
    body += charset[x % 31];
    x = Math.floor(x / 31) + i * 7 + 3;
  }
  return body + creditCodeCheckChar(body);
}

export function projectBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    industryType: 'housing',
    regionCode: '210500',
    name: `本溪市平山区保障性住房项目${n}期`,
    location: '本溪市平山区胜利路18号',
    projectRegionCode: '210502',
    projectType: 'building',
    contractAmount: '20000000.00',
    plannedStart: '2027-01-01',
    plannedEnd: '2027-12-31',
    builderName: '本溪市城市建设投资有限公司',
    builderCreditCode: creditCode(n),
    contractSignedOn: '2026-01-15',
    category: 'government',
    wageDay: 7,
    managerName: '张三',
    managerPhone: '13454342345',
    laborOfficerName: '李四',
    laborOfficerPhone: '13456666666',
    ...overrides,
  };
}

export function quotaBody(projectId: string) {
  return {
    projectId,
    contractAmount: '20000000.00',
    prepayMode: 'ratio',
    prepayRatio: '2',
    applyType: 'general',
    payMethod: 'guarantee',
    handlerName: '张三全',
    handlerPhone: '13455554444',
    description: '按规定比例申请',
    justification: '压力测试：按规定比例申请',
  };
}

export const APPROVE_BODY = { acceptJustification: true, comment: '同意' };
