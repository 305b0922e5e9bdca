/**
 * Upload limits (issue 9 item 6, docs/decisions/015): uploads per account a minute, a cap on the bytes
 * an account holds in files nothing references yet, and the per-IP limit of every other API route.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/schema/index';
import {
  buildUser,
  certificationInput,
  createTestContext,
  login,
  multipart,
  PDF_BYTES,
  type Session,
  type TestContext,
} from '../../test/harness';

const CJK = /[\u4e00-\u9fff]/;
const MiB = 1024 * 1024;
// two servers: a 10 MB cap and 40 uploads a minute; an API limit of 5 requests a minute with a web app
let ctx: TestContext;
let limited: TestContext;
const web = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-web-'));
beforeAll(async () => {
  ctx = await createTestContext({ UPLOAD_UNATTACHED_MAX_MB: '10', UPLOAD_RATE_PER_MINUTE: '40' });
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>本溪</title>');
  fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
  limited = await createTestContext({ RATE_LIMIT_GLOBAL_PER_MINUTE: '5', WEB_DIST: web });
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  await limited?.close();
  fs.rmSync(web, { recursive: true, force: true });
});
const upload = (s: Session, content: Buffer, name = 'a.pdf') => {
  const body = multipart(name, content);
  return s.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: body.headers });
};
/** A valid PDF of exactly `size` bytes. */
const pdfOf = (size: number) => {
  const b = Buffer.alloc(size, 0x20);
  PDF_BYTES.copy(b, 0);
  return b;
};
function storedFiles(ctx: TestContext): string[] {
  const root = path.join(ctx.dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

describe('cap on unattached uploads per account', () => {
  it('30 parallel 2 MiB uploads of a fresh, uncertified account stay within a 10 MB cap; attaching a file makes room', async () => {
    const u = await buildUser(ctx, { role: 'enterprise' });
    const s = await login(ctx, u.phone);
    const answers = await Promise.all(Array.from({ length: 30 }, () => upload(s, pdfOf(2 * MiB))));
    const ok = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode === 413);
    expect(ok.length).toBe(5); // 5 × 2 MiB = the 10 MB cap exactly
    expect(refused.length).toBe(25);
    for (const r of refused) {
      expect(r.json()).toMatchObject({ code: 'UPLOAD_QUOTA_EXCEEDED', details: { limitBytes: 10 * MiB } });
      expect(r.json().message).toMatch(CJK);
      expect(r.json().message).toContain('请先提交');
    }
    const rows = await ctx.database.db.select().from(files).where(eq(files.uploaderId, u.id));
    expect(rows.length).toBe(5);
    expect(rows.reduce((n, r) => n + r.size, 0)).toBeLessThanOrEqual(10 * MiB);
    // nothing of the refused ones is left on disk (the temporary folder included)
    expect(storedFiles(ctx).length).toBe(5);

    // full: refused before the body is stored, whatever its size
    expect((await upload(s, PDF_BYTES)).statusCode).toBe(413);

    // a file used by a record no longer counts: submitting the certification frees 2 MiB
    const cert = await s.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: ok[0]!.json().id }) });
    expect(cert.statusCode, cert.body).toBe(201);
    expect((await upload(s, pdfOf(2 * MiB))).statusCode).toBe(201);
    expect((await upload(s, pdfOf(2 * MiB))).statusCode).toBe(413);

    // the cap is the account's own: another account of the same enterprise still has its room
    const colleague = await buildUser(ctx, { role: 'enterprise', orgId: u.orgId });
    expect((await upload(await login(ctx, colleague.phone), pdfOf(2 * MiB))).statusCode).toBe(201);
  }, 180_000);
});

describe('uploads per account a minute', () => {
  it('the 41st upload within a minute is 429 with what to do; another account (same IP) is not affected', async () => {
    const a = await login(ctx, (await buildUser(ctx, { role: 'enterprise' })).phone);
    const b = await login(ctx, (await buildUser(ctx, { role: 'enterprise' })).phone);
    const answers = await Promise.all(Array.from({ length: 44 }, () => upload(a, PDF_BYTES)));
    expect(answers.filter((r) => r.statusCode === 201).length).toBe(40);
    expect(answers.filter((r) => r.statusCode === 429).length).toBe(4);
    const refused = answers.find((r) => r.statusCode === 429)!;
    expect(Object.keys(refused.json()).sort()).toEqual(['code', 'message']);
    expect(refused.json().code).toBe('RATE_LIMITED');
    expect(refused.json().message).toMatch(/每分钟最多上传 40 个文件，请 \d+ 秒后再上传/);
    expect(refused.headers['retry-after']).toBeDefined();
    // refused attempts count too, and other routes of the same account are not limited by it
    expect((await upload(a, Buffer.from('not a file'))).statusCode).toBe(429);
    expect((await a.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await upload(b, PDF_BYTES)).statusCode).toBe(201);
  }, 180_000);
});

describe('per-IP limit of the API (RATE_LIMIT_GLOBAL_PER_MINUTE)', () => {
  it('answers 429 in the SPEC error shape past the limit; the web app, /api/health and the login have their own rules', async () => {
    const c = limited;
    const s = await login(c, (await buildUser(c, { role: 'enterprise' })).phone); // /api/auth/*: its own limit
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await s.inject({ method: 'GET', url: '/api/me' }));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const body = answers[5]!.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.message).toMatch(/^操作过于频繁，请 \d+ 秒后再试$/);
    // per IP: every API route counts against it, anonymous or not
    expect((await c.app.inject({ method: 'GET', url: '/api/dictionaries' })).statusCode).toBe(429);
    expect((await c.app.inject({ method: 'GET', url: '/api/me', remoteAddress: '10.0.0.9' })).statusCode).toBe(401);
    // not counted: the health check, the web app's files and pages
    for (let i = 0; i < 20; i++) {
      expect((await c.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect((await c.app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
      expect((await c.app.inject({ method: 'GET', url: '/projects/123' })).statusCode).toBe(200);
    }
    // the login and SMS routes keep their own (stricter in production) limits, not this one
    expect((await c.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone: '13900000000', purpose: 'login' } })).statusCode).not.toBe(429);
  }, 60_000);
});
