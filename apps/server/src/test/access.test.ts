/**
 * Access is decided on the route the router matched, whatever the spelling of the URL
 * (docs/decisions/013). Every route of /api/openapi.json, anonymously and as a user of every role,
 * is sent under the plain path and under encoded and odd spellings; each spelling gets the same
 * answer as the plain path (same status, same error code) or, when the router matches no route, the
 * JSON 404 — never a 2xx where the plain path is refused.
 *
 * The requests are chosen to change nothing: path parameters are "x" (no parameter schema accepts
 * it), bodies are `{}`, and logout is sent anonymously only.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Fastify, { type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestContext, login, orgByName, type Session, type TestContext } from './harness';
import { registerAccess } from '../platform/access';
import { fixedClock } from '../platform/clock';
import { smsOutbox, users } from '../db/schema/index';

let ctx: TestContext;
let webDir: string;
interface Identity {
  label: string;
  session: Session | null;
}
const identities: Identity[] = [];
interface Op {
  method: string;
  /** the plain path, parameters filled in */
  path: string;
  key: string;
}
let ops: Op[] = [];

beforeAll(async () => {
  // a built web app, so that the static routes and the single-page fallback are in play too
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>本溪</title><div id="root"></div>');
  fs.writeFileSync(path.join(webDir, 'assets', 'index-abc.js'), 'console.log(1)');
  ctx = await createTestContext({ WEB_DIST: webDir, RATE_LIMIT_LOGIN_PER_MINUTE: '100000', RATE_LIMIT_SMS_PER_MINUTE: '100000' });
  const make = async (label: string, opts: Parameters<typeof buildUser>[1]) => {
    const u = await buildUser(ctx, opts);
    identities.push({ label, session: await login(ctx, u.phone) });
  };
  identities.push({ label: 'anonymous', session: null });
  await make('enterprise', { role: 'enterprise', certified: true });
  await make('enterprise (uncertified)', { role: 'enterprise' });
  await make('hrss', { role: 'hrss', orgId: await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局') });
  await make('authority', { role: 'authority', orgId: await orgByName(ctx, '辽宁省本溪市住房和城乡建设局') });
  await make('bank', { role: 'bank' });
  await make('insurer', { role: 'insurer' });
  await make('admin', { role: 'admin' });
  await make('must change password', { role: 'enterprise', certified: true, mustChangePassword: true });

  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const m of Object.keys(methods)) {
      const method = m.toUpperCase();
      ops.push({ method, path: p.replace(/\{[^}]+\}/g, 'x'), key: `${method} ${p}` });
    }
  }
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const send = (who: Identity, method: string, url: string): Promise<LightMyRequestResponse> => {
  const opts: InjectOptions = { method: method as InjectOptions['method'], url };
  if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') opts.payload = {};
  return who.session ? who.session.inject(opts) : ctx.app.inject(opts);
};

/**
 * The access decision a client learns: refused (with its code), not found, or allowed past the
 * access check (whatever the route then answered: 2xx, or a 400 for the placeholder "x").
 */
function decision(res: LightMyRequestResponse): string {
  if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404 || res.statusCode >= 500) {
    let code = '(not JSON)';
    try {
      code = String(res.json().code);
    } catch {}
    return `${res.statusCode} ${code}`;
  }
  return 'allowed';
}
const NOT_FOUND = '404 NOT_FOUND';

/** the spellings of a path under /api/: how the router is expected to treat each */
function spellings(plain: string): { name: string; url: string; expect: 'same' | 'not found' | 'same or not found' }[] {
  const rest = plain.slice('/api/'.length);
  const first = `%${rest.charCodeAt(0).toString(16)}`;
  return [
    { name: '/%61pi/', url: `/%61pi/${rest}`, expect: 'same' },
    { name: '/ap%69/', url: `/ap%69/${rest}`, expect: 'same' },
    { name: '/%61%70%69/', url: `/%61%70%69/${rest}`, expect: 'same' },
    { name: '/api/%xx…', url: `/api/${first}${rest.slice(1)}`, expect: 'same' },
    { name: '//api/', url: `//api/${rest}`, expect: 'not found' },
    { name: '/API/', url: `/API/${rest}`, expect: 'not found' },
    // a trailing slash or ";x" after a parameter lands in the parameter: the same route
    { name: 'trailing slash', url: `${plain}/`, expect: 'same or not found' },
    { name: ';x', url: `${plain};x`, expect: 'same or not found' },
    // light-my-request resolves dot segments as a browser does; over a socket they reach the router (below)
    { name: '/./', url: `/api/./${rest}`, expect: 'same' },
    { name: '/x/../', url: `/x/../api/${rest}`, expect: 'same' },
  ];
}

describe('access is decided on the matched route, however the path is spelled', () => {
  it('gives every OpenAPI route the same decision under every spelling, anonymously and as every role', async () => {
    expect(ops.length).toBeGreaterThan(50);
    const sessions = identities.filter((i) => i.session);
    const failures: string[] = [];
    const allowedSomewhere = new Set<string>();
    const rolesSeen = new Set<string>();
    for (const [n, op] of ops.entries()) {
      // Each spelling of each route: anonymously, and as one session taken in turn (every role meets
      // every spelling across the routes); the plain path as everybody. A session's logout would end it.
      const plain = new Map<Identity, string>();
      await Promise.all(
        identities.map(async (who) => {
          if (op.key === 'POST /api/auth/logout' && who.session) return;
          const d = decision(await send(who, op.method, op.path));
          plain.set(who, d);
          if (d.startsWith('5')) failures.push(`${op.key} as ${who.label}: plain path answered ${d}`);
          if (d === 'allowed') allowedSomewhere.add(op.key);
        }),
      );
      await Promise.all(
        spellings(op.path).map(async (s, k) => {
          const turn = sessions[(n + k) % sessions.length]!;
          for (const who of [identities[0]!, turn]) {
            const expected = plain.get(who);
            if (expected === undefined) continue;
            rolesSeen.add(`${who.label} ${s.name}`);
            const res = await send(who, op.method, s.url);
            const got = decision(res);
            const ok = s.expect === 'same' ? got === expected : s.expect === 'not found' ? got === NOT_FOUND : got === expected || got === NOT_FOUND;
            if (!ok) failures.push(`${op.method} ${s.url} as ${who.label}: ${got}, plain path ${expected} (expected ${s.expect})`);
            if (got === NOT_FOUND) expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
          }
        }),
      );
    }
    expect(failures, failures.slice(0, 30).join('\n')).toEqual([]);
    // the matrix must reach past the access check too, or it compares refusals only
    expect(allowedSomewhere.size).toBeGreaterThan(ops.length / 2);
    // every identity met every spelling
    expect(rolesSeen.size).toBe(identities.length * spellings('/api/x').length);
  }, 120_000);

  it('refuses the encoded admin paths of the report: no user list, no administrator created', async () => {
    const anonymous = identities[0]!;
    for (const url of ['/%61pi/admin/users', '/ap%69/admin/users', '/%61%70%69/admin/users', '/api/%61dmin/users']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await send(anonymous, method, url);
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.body).not.toContain('items');
      }
    }
    const phone = '13700009999';
    const hrssOrg = await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局');
    for (const url of ['/%61pi/admin/users', '/ap%69/admin/users', '/%61%70%69/admin/users', '/api/%61dmin/users']) {
      const res = await ctx.app.inject({ method: 'POST', url, payload: { phone, name: '攻击者', role: 'admin', orgId: hrssOrg } });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
    expect(await ctx.database.db.select().from(users).where(eq(users.phone, phone))).toEqual([]);
    expect(await ctx.database.db.select().from(smsOutbox).where(eq(smsOutbox.phone, phone))).toEqual([]);
  });

  it('an enterprise cannot reach hrss or admin routes through encoded spellings', async () => {
    const ent = identities.find((i) => i.label === 'enterprise')!;
    const cases: [string, string][] = [
      ['GET', '/%61pi/admin/users'],
      ['GET', '/ap%69/admin/audit'],
      ['GET', '/%61%70%69/admin/organizations'],
      ['GET', '/api/%61dmin/job-runs'],
      ['POST', '/%61pi/admin/users'],
      ['GET', '/%61pi/arrears-records'],
      ['GET', '/api/%61rrears-records'],
      ['PUT', '/ap%69/enterprise-duties'],
      ['POST', '/%61pi/quota-applications/1/approve'],
      ['POST', '/api/%71uota-applications/1/reject'],
    ];
    for (const [method, url] of cases) {
      const res = await send(ent, method, url);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('over a socket, dot segments and other spellings the router does not match are the JSON 404, not the web app', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const get = (url: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: url, method: 'GET' }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const url of ['/api/./admin/users', '/./api/admin/users', '/x/../api/admin/users', '/api/x/../admin/users', '//api/admin/users', '/API/admin/users', '/api/admin/users/', '/api/admin/users;x', '/%2561pi/admin/users', '/%41PI/admin/users']) {
      const res = await get(url);
      expect(res.status === 401 || res.status === 404, `${url}: ${res.status} ${res.body}`).toBe(true);
      expect(res.type, url).toContain('application/json');
      expect(res.body).not.toContain('items');
    }
    const encoded = await get('/%61pi/admin/users');
    expect(encoded.status).toBe(401);
    // the web app still answers its own paths
    const page = await get('/projects/1');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
  });

  it('every route says who may call it; the web app, the API docs, health and the OpenAPI document are public on purpose', async () => {
    const table = ctx.app.routeAccess();
    expect(table.filter((r) => !r.access)).toEqual([]);
    const publicUrls = new Set(table.filter((r) => r.access && 'public' in r.access).map((r) => r.url));
    for (const url of ['/api/health', '/api/openapi.json', '/api/docs/json', '/api/docs/static/*', '/index.html', '/assets/index-abc.js', '/api/auth/login', '/api/dev/sms-outbox']) {
      expect(publicUrls.has(url), url).toBe(true);
    }
    // nothing else is public: each public API route is one of these
    const publicApi = [...publicUrls].filter((u) => u.startsWith('/api/') && !u.startsWith('/api/docs'));
    expect(publicApi.sort()).toEqual(
      // the platform's public key of the open API (SPEC §13: unsigned, for verifying its answers)
      ['/api/auth/login', '/api/auth/register', '/api/auth/reset-password', '/api/auth/sms-code', '/api/dev/sms-outbox', '/api/health', '/api/openapi.json', '/api/open/v1/platform-key'].sort(),
    );
    for (const url of ['/', '/index.html', '/assets/index-abc.js', '/api/docs', '/api/docs/json']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
  });
});

describe('a route without an access decision', () => {
  const sessions = { load: async () => ({ kind: 'none' as const }) };
  const clock = fixedClock('2026-03-02T02:00:00Z');
  const policy = { idleMs: 60_000, absoluteMs: 3_600_000 };

  it('stops the start in tests and development, naming the route', async () => {
    const app = Fastify();
    registerAccess(app, { sessions, clock, policy, strict: true });
    app.get('/api/forgotten', async () => ({ secret: 1 }));
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten/);
  });

  it('answers 500 in tests when it slipped past the start-up check', async () => {
    const app = Fastify();
    app.get('/api/early', async () => ({ secret: 1 })); // registered before registerAccess: not in its table
    registerAccess(app, { sessions, clock, policy, strict: true });
    const res = await app.inject({ method: 'GET', url: '/api/early' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });

  it('is refused and logged in production', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'error', stream: { write: (l: string) => lines.push(l) } } });
    registerAccess(app, { sessions, clock, policy, strict: false });
    app.setErrorHandler((err: { status?: number; code?: string }, _req, reply) => reply.code(err.status ?? 500).send({ code: err.code }));
    app.get('/api/forgotten', async () => ({ secret: 1 }));
    await app.ready();
    expect(lines.join('')).toContain('GET /api/forgotten');
    const res = await app.inject({ method: 'GET', url: '/%61pi/forgotten' });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('secret');
    expect(lines.filter((l) => l.includes('no access decision')).length).toBe(1);
  });
});
