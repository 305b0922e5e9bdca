/**
 * The open API's layer (SPEC §13, docs/decisions/021), through app.inject with requests signed by
 * the independent client (tools/open-client/signer.ts): signatures both ways, the timestamp window,
 * one-time nonces (across a second app on the same database too), clients unknown or disabled, the
 * organisation type of a route, sessions and signatures kept apart, spellings of the path, files
 * inside JSON and the body limit. The probe routes (OPEN_TEST_PROBE) stand in for the workflows'.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClients, auditLog, files, openNonces } from '../../db/schema/index';
import { buildApp } from '../../app';
import { createConsoleSmsProvider } from '../../platform/sms/console';
import { buildBank, buildInsurer } from '../../test/factories';
import { buildUser, createTestContext, JPEG_BYTES, PDF_BYTES, sessionFor, type TestContext } from '../../test/harness';
import { buildApiClient, openInject, signedByPlatform, type TestApiClient } from '../../test/open';
import { generateKeyPair, newNonce, signRequest } from '../../../../../tools/open-client/signer';

let ctx: TestContext;
let bank: TestApiClient;
let otherBank: TestApiClient;
let insurer: TestApiClient;
let bankUser: { id: string; orgId: string; phone: string };

beforeAll(async () => {
  ctx = await createTestContext({ OPEN_TEST_PROBE: 'true' });
  bankUser = await buildBank(ctx);
  bank = await buildApiClient(ctx, bankUser.orgId);
  otherBank = await buildApiClient(ctx, (await buildBank(ctx)).orgId);
  insurer = await buildApiClient(ctx, (await buildInsurer(ctx)).orgId);
}, 120_000);
afterAll(() => ctx?.close());

const events = (c: TestApiClient, extra: Partial<Parameters<typeof openInject>[2]> = {}) => openInject(ctx, c, { method: 'GET', url: '/api/open/v1/events?after=0', ...extra });
const codeOf = (res: { json(): unknown }) => (res.json() as { code: string }).code;

describe('request signatures', () => {
  it('accepts a call signed by the client, and signs the answer with the platform key of GET /platform-key', async () => {
    const key = await ctx.app.inject({ method: 'GET', url: '/api/open/v1/platform-key' });
    expect(key.statusCode).toBe(200);
    expect(key.json().publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(key.headers['x-bx-signature']).toBeUndefined(); // the key itself is not signed
    const res = await events(bank);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ events: [], next: '0' });
    expect(res.headers['x-bx-timestamp']).toBe(String(ctx.clock.now().getTime()));
    expect(await signedByPlatform(ctx, res)).toBe(true);
    // the signature covers the body: another body with the same headers does not verify
    expect(await signedByPlatform(ctx, { ...res, rawPayload: Buffer.from('{"events":[],"next":"1"}') })).toBe(false);
  });

  it('refuses a tampered body, a wrong key, a malformed signature; each answer signed', async () => {
    const tampered = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { text: '200' }, signedBody: JSON.stringify({ text: '100' }) });
    expect([tampered.statusCode, codeOf(tampered)]).toEqual([401, 'OPEN_SIGNATURE']);
    expect(await signedByPlatform(ctx, tampered)).toBe(true);
    const wrongKey = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { text: 'x' }, privateKey: generateKeyPair().privateKey });
    expect([wrongKey.statusCode, codeOf(wrongKey)]).toEqual([401, 'OPEN_SIGNATURE']);
    const good = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { text: '200' } });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ role: 'bank', orgId: bank.orgId, appId: bank.appId, text: '200' });
    const bad = await openInject(ctx, bank, { method: 'GET', url: '/api/open/v1/events', headers: { 'x-bx-signature': '00'.repeat(64) } });
    expect([bad.statusCode, codeOf(bad)]).toEqual([401, 'OPEN_SIGNATURE']);
    const short = await openInject(ctx, bank, { method: 'GET', url: '/api/open/v1/events', headers: { 'x-bx-signature': 'abc' } });
    expect([short.statusCode, codeOf(short)]).toEqual([401, 'OPEN_SIGNATURE']);
    // the method and the query are signed too
    const query = signRequest({ method: 'GET', path: '/api/open/v1/events?after=0', appId: bank.appId, privateKey: bank.privateKey, timestamp: ctx.clock.now().getTime() });
    const other = await ctx.app.inject({ method: 'GET', url: '/api/open/v1/events?after=5', headers: query });
    expect([other.statusCode, codeOf(other)]).toEqual([401, 'OPEN_SIGNATURE']);
  });

  it('refuses a timestamp more than 300 s off, either way', async () => {
    const now = ctx.clock.now().getTime();
    for (const t of [now - 300_001, now + 300_001]) {
      const res = await events(bank, { timestamp: t });
      expect([res.statusCode, codeOf(res)], String(t - now)).toEqual([401, 'OPEN_TIMESTAMP']);
      expect(await signedByPlatform(ctx, res)).toBe(true);
    }
    for (const t of [now - 299_000, now + 299_000]) expect((await events(bank, { timestamp: t })).statusCode).toBe(200);
    const text = await events(bank, { headers: { 'x-bx-timestamp': '2026-03-02T02:00:00Z' } });
    expect(codeOf(text)).toBe('OPEN_TIMESTAMP');
  });

  it('refuses an unknown client, a disabled one and a missing or malformed header', async () => {
    const unknown = await openInject(ctx, { ...bank, appId: 'bx_nosuchclient0000000' }, { method: 'GET', url: '/api/open/v1/events' });
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([401, 'OPEN_CLIENT_UNKNOWN']);
    const disabled = await buildApiClient(ctx, bank.orgId, { enabled: false });
    const off = await events(disabled);
    expect([off.statusCode, codeOf(off)]).toEqual([401, 'OPEN_CLIENT_UNKNOWN']);
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/open/v1/events' });
    expect([anonymous.statusCode, codeOf(anonymous)]).toEqual([401, 'OPEN_CLIENT_UNKNOWN']);
    expect(await signedByPlatform(ctx, anonymous)).toBe(true);
    for (const nonce of ['short', 'x'.repeat(65), 'has space in it 123', 'ünïcödé-nonce-1234']) {
      const res = await events(bank, { nonce });
      expect([res.statusCode, codeOf(res)], nonce).toEqual([401, 'OPEN_SIGNATURE']);
    }
    // a client of an organisation that is not a bank or an insurer
    const hrssOrg = (await buildUser(ctx, { role: 'hrss' })).orgId;
    const stray = await buildApiClient(ctx, hrssOrg);
    expect(codeOf(await events(stray))).toBe('OPEN_CLIENT_UNKNOWN');
    // a GET may carry no body (Fastify would not read it, so it could not be signed)
    const withBody = await openInject(ctx, bank, { method: 'GET', url: '/api/open/v1/events', headers: { 'content-length': '2', 'content-type': 'application/json' }, body: '{}' });
    expect(withBody.statusCode).toBe(400);
  });
});

describe('one-time nonces', () => {
  it('refuses a replayed nonce, also through a second app on the same database, and records it only after the signature verified', async () => {
    const nonce = newNonce();
    // an outsider's request with the client's next nonce and a bad signature burns nothing
    const forged = await openInject(ctx, bank, { method: 'GET', url: '/api/open/v1/events', nonce, privateKey: generateKeyPair().privateKey });
    expect(codeOf(forged)).toBe('OPEN_SIGNATURE');
    const headers = signRequest({ method: 'GET', path: '/api/open/v1/events', appId: bank.appId, privateKey: bank.privateKey, timestamp: ctx.clock.now().getTime(), nonce });
    const first = await ctx.app.inject({ method: 'GET', url: '/api/open/v1/events', headers });
    expect(first.statusCode, first.body).toBe(200);
    const again = await ctx.app.inject({ method: 'GET', url: '/api/open/v1/events', headers });
    expect([again.statusCode, codeOf(again)]).toEqual([401, 'OPEN_NONCE_REUSED']);
    expect(await signedByPlatform(ctx, again)).toBe(true);
    // the same nonce is another client's own
    const theirs = await events(otherBank, { nonce });
    expect(theirs.statusCode).toBe(200);

    // a second process (or this one after a restart) on the same database refuses it too, and signs with the same key
    const second = await buildApp({ env: ctx.env, database: ctx.database, clock: ctx.clock, sms: createConsoleSmsProvider({ db: ctx.database.db, clock: ctx.clock }) });
    try {
      await second.ready();
      const replay = await second.inject({ method: 'GET', url: '/api/open/v1/events', headers });
      expect([replay.statusCode, codeOf(replay)]).toEqual([401, 'OPEN_NONCE_REUSED']);
      expect((await second.inject({ method: 'GET', url: '/api/open/v1/platform-key' })).json().publicKey).toBe(ctx.app.open.platformKey.publicKey);
      expect(await signedByPlatform(ctx, replay)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('lets exactly one of two identical requests through', async () => {
    const headers = signRequest({ method: 'POST', path: '/api/open/v1/test-probe', body: '{"text":"race"}', appId: bank.appId, privateKey: bank.privateKey, timestamp: ctx.clock.now().getTime() });
    const send = () => ctx.app.inject({ method: 'POST', url: '/api/open/v1/test-probe', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"text":"race"}' });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401]);
    expect(results.filter((r) => r.statusCode === 401).map(codeOf)).toEqual(['OPEN_NONCE_REUSED', 'OPEN_NONCE_REUSED']);
  });

  it('purges nonces older than twice the window, by the index on seen_at', async () => {
    const client = await buildApiClient(ctx, bank.orgId);
    expect((await events(client)).statusCode).toBe(200);
    const count = async () => (await ctx.database.db.select().from(openNonces).where(eq(openNonces.clientId, client.id))).length;
    expect(await count()).toBe(1);
    ctx.clock.advance(10 * 60_000);
    await ctx.app.open.layer.purgeNonces();
    expect(await count()).toBe(1); // 10 minutes: kept (a timestamp could still be 5 minutes ahead)
    ctx.clock.advance(61_000);
    await ctx.app.open.layer.purgeNonces();
    expect(await count()).toBe(0);
    ctx.clock.advance(-(11 * 60_000 + 1000));
  });
});

describe('who may call what', () => {
  it('decides the organisation type on the route: a bank on an insurer-only route is refused', async () => {
    const res = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe/insurer', body: {} });
    expect([res.statusCode, codeOf(res)]).toEqual([403, 'FORBIDDEN']);
    expect(await signedByPlatform(ctx, res)).toBe(true);
    const ok = await openInject(ctx, insurer, { method: 'POST', url: '/api/open/v1/test-probe/insurer', body: {} });
    expect(ok.json()).toMatchObject({ role: 'insurer', orgId: insurer.orgId });
  });

  it('keeps sessions and signatures apart: a cookie does not open an open route, a signature does not open a portal route', async () => {
    const s = await sessionFor(ctx, bankUser);
    const cookie = await s.inject({ method: 'GET', url: '/api/open/v1/events' });
    expect([cookie.statusCode, codeOf(cookie)]).toEqual([401, 'OPEN_CLIENT_UNKNOWN']);
    const me = await openInject(ctx, bank, { method: 'GET', url: '/api/me' });
    expect([me.statusCode, codeOf(me)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(me.headers['x-bx-signature']).toBeUndefined();
    // a valid signature plus a cookie: the client acts, the session is not even read
    const both = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: {}, headers: { cookie: s.cookie } });
    expect(both.json()).toMatchObject({ appId: bank.appId });
  });

  it('scopes the client like a portal user of its organisation: another organisation\'s object is not found', async () => {
    const sent = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { file: { name: '凭证.pdf', contentBase64: PDF_BYTES.toString('base64') } } });
    expect(sent.statusCode, sent.body).toBe(200);
    const fileId = sent.json().fileId as string;
    expect((await openInject(ctx, bank, { method: 'GET', url: `/api/open/v1/test-probe/files/${fileId}` })).statusCode).toBe(200);
    const theirs = await openInject(ctx, otherBank, { method: 'GET', url: `/api/open/v1/test-probe/files/${fileId}` });
    expect([theirs.statusCode, codeOf(theirs)]).toEqual([404, 'NOT_FOUND']);
    // the bank's portal user sees the same file, the other bank's client does not
    expect((await (await sessionFor(ctx, bankUser)).inject({ method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(200);
  });

  it('signs over the path as sent and decides on the route that matched', async () => {
    // an encoded spelling reaches the same route; the signature is over what was sent
    const encoded = await openInject(ctx, bank, { method: 'GET', url: '/api/open/v1/%65vents?after=0' });
    expect(encoded.statusCode, encoded.body).toBe(200);
    expect(await signedByPlatform(ctx, encoded)).toBe(true);
    const apiEncoded = await openInject(ctx, bank, { method: 'GET', url: '/%61pi/open/v1/events' });
    expect(apiEncoded.statusCode).toBe(200);
    // signed over the decoded path but sent encoded: not what was signed
    const headers = signRequest({ method: 'GET', path: '/api/open/v1/events', appId: bank.appId, privateKey: bank.privateKey, timestamp: ctx.clock.now().getTime() });
    const mismatch = await ctx.app.inject({ method: 'GET', url: '/api/open/v1/%65vents', headers });
    expect(codeOf(mismatch)).toBe('OPEN_SIGNATURE');
    // a doubled slash matches no route: the JSON 404, signed under /api/open/
    const doubled = await openInject(ctx, bank, { method: 'GET', url: '/api/open//v1/events' });
    expect([doubled.statusCode, codeOf(doubled)]).toEqual([404, 'NOT_FOUND']);
    expect(await signedByPlatform(ctx, doubled)).toBe(true);
    expect((await openInject(ctx, bank, { method: 'GET', url: '//api/open/v1/events' })).statusCode).toBe(404);
    // the insurer-only route under another spelling is still insurer-only
    const spelled = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe/%69nsurer', body: {} });
    expect([spelled.statusCode, codeOf(spelled)]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('files inside JSON', () => {
  it('stores a PDF or JPG as the client organisation\'s file, with the client as the audit actor', async () => {
    const res = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { file: { name: '保函.jpg', contentBase64: JPEG_BYTES.toString('base64') } } });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await ctx.database.db.select().from(files).where(eq(files.id, res.json().fileId));
    expect(row).toMatchObject({ ownerOrgId: bank.orgId, uploaderId: null, uploaderClientId: bank.id, mime: 'image/jpeg', originalName: '保函.jpg', size: JPEG_BYTES.length });
    const [audit] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(audit).toMatchObject({ action: 'file.upload', actorClient: bank.appId, actorRole: 'bank', actorId: null, actorPhone: null });
  });

  it('refuses what is not PDF, JPG or PNG (415), bad Base64 (400), more than 20 MB (413)', async () => {
    const html = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { file: { name: 'x.pdf', contentBase64: Buffer.from('<html>hi</html>').toString('base64') } } });
    expect([html.statusCode, codeOf(html)]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    expect(html.json().message).toMatch(/^测试文件：/);
    const bad = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { file: { name: 'x.pdf', contentBase64: '***' } } });
    expect(bad.statusCode).toBe(400);
    // 20 MB + 3 bytes of PDF: over the limit once decoded, within the body limit
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(20 * 1024 * 1024 + 3 - PDF_BYTES.length, 0x20)]);
    const large = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body: { file: { name: 'big.pdf', contentBase64: big.toString('base64') } } });
    expect([large.statusCode, codeOf(large)], large.body.slice(0, 200)).toEqual([413, 'FILE_TOO_LARGE']);
    expect(large.json().message).toContain('20MB');
  }, 60_000);

  it('has the large body limit on open routes only', async () => {
    const body = JSON.stringify({ text: 'x', pad: 'y'.repeat(31 * 1024 * 1024) });
    const open = await ctx.app.inject({ method: 'POST', url: '/api/open/v1/test-probe', headers: { 'content-type': 'application/json' }, payload: body });
    expect([open.statusCode, codeOf(open)]).toEqual([401, 'OPEN_CLIENT_UNKNOWN']); // refused before the body is read
    const signedTooLarge = await openInject(ctx, bank, { method: 'POST', url: '/api/open/v1/test-probe', body });
    expect(signedTooLarge.statusCode).toBe(413);
    const s = await sessionFor(ctx, bankUser);
    const portal = await s.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'y'.repeat(2 * 1024 * 1024) }) });
    expect(portal.statusCode).toBe(413);
  }, 60_000);
});

describe('the clients table', () => {
  it('refuses a public key that is not an uncompressed point on the curve (CHECK) and keeps appIds unique', async () => {
    const now = ctx.clock.now();
    await expect(ctx.database.db.insert(apiClients).values({ appId: 'bx_badkey', orgId: bank.orgId, publicKey: '04zz', createdAt: now })).rejects.toThrow();
    await expect(ctx.database.db.insert(apiClients).values({ appId: bank.appId, orgId: bank.orgId, publicKey: bank.publicKey, createdAt: now })).rejects.toThrow();
  });
});
