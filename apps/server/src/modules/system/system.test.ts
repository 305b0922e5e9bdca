import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, usingPostgres, type TestContext } from '../../test/harness';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('system endpoints', () => {
  it('GET /api/health names the database in use', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: usingPostgres() ? 'postgres' : 'pglite' });
  });

  it('GET /api/openapi.json documents every API route', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/auth/register', '/api/auth/sms-code', '/api/me', '/api/certification', '/api/admin/certifications/{id}/approve', '/api/files']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('an unknown API path answers 404 in the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
  });

  it('malformed JSON and a wrong content type are 4xx, never 500', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"phone":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_REQUEST');
    const xml = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
    const notObject = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: [1, 2] });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().code).toBe('VALIDATION_FAILED');
  });

  it('sets security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
