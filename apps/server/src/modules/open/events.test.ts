/**
 * The events feed (SPEC §13) and the operator's 开放接口 routes: a workflow records an event in its
 * transaction (rolled back: never seen), each organisation reads its own in order with a cursor;
 * admin registers (the key must be a point on the curve), lists and disables a client, audited.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { buildBank, buildInsurer } from '../../test/factories';
import { buildUser, createTestContext, sessionFor, type Session, type TestContext } from '../../test/harness';
import { buildApiClient, openInject, signedByPlatform, type TestApiClient } from '../../test/open';
import { generateKeyPair } from '../../../../../tools/open-client/signer';
import { recordOpenEvent, recordOpenEvents } from './events';

let ctx: TestContext;
let bank: TestApiClient;
let insurer: TestApiClient;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  bank = await buildApiClient(ctx, (await buildBank(ctx)).orgId);
  insurer = await buildApiClient(ctx, (await buildInsurer(ctx)).orgId);
  admin = await sessionFor(ctx, await buildUser(ctx, { role: 'admin' }));
}, 120_000);
afterAll(() => ctx?.close());

const feed = async (c: TestApiClient, query: string) => {
  const res = await openInject(ctx, c, { method: 'GET', url: `/api/open/v1/events${query}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(await signedByPlatform(ctx, res)).toBe(true);
  return res.json() as { events: { cursor: string; type: string; objectNo: string; at: string }[]; next: string };
};

describe('events feed', () => {
  it('gives each organisation its own events in order, from a cursor, a page at a time', async () => {
    const at = ctx.clock.now();
    const db = ctx.database.db;
    await db.transaction(async (tx) => {
      await recordOpenEvent(tx, { orgId: bank.orgId, type: 'guarantee_application.submitted', objectNo: '7000000000000000001', at });
    });
    await db.transaction(async (tx) => {
      await recordOpenEvents(tx, [
        { orgId: insurer.orgId, type: 'insurance_order.submitted', objectNo: '7000000000000000002', at },
        { orgId: bank.orgId, type: 'cash_deposit.submitted', objectNo: '7000000000000000003', at },
      ]);
    });
    // rolled back: never existed
    await expect(
      db.transaction(async (tx) => {
        await recordOpenEvent(tx, { orgId: bank.orgId, type: 'payment_notice.issued', objectNo: '7000000000000000004', at });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    for (let i = 5; i <= 7; i++) {
      await db.transaction((tx) => recordOpenEvent(tx, { orgId: bank.orgId, type: 'guarantee_application.submitted', objectNo: `700000000000000000${i}`, at }));
    }

    const all = await feed(bank, '?after=0');
    expect(all.events.map((e) => e.objectNo)).toEqual(['7000000000000000001', '7000000000000000003', '7000000000000000005', '7000000000000000006', '7000000000000000007']);
    expect(all.events[0]).toEqual({ cursor: expect.stringMatching(/^\d+$/), type: 'guarantee_application.submitted', objectNo: '7000000000000000001', at: at.toISOString() });
    expect(all.next).toBe(all.events[4]!.cursor);
    const cursors = all.events.map((e) => BigInt(e.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);

    const page = await feed(bank, `?after=${all.events[0]!.cursor}&limit=2`);
    expect(page.events.map((e) => e.objectNo)).toEqual(['7000000000000000003', '7000000000000000005']);
    const rest = await feed(bank, `?after=${page.next}`);
    expect(rest.events.map((e) => e.objectNo)).toEqual(['7000000000000000006', '7000000000000000007']);
    const none = await feed(bank, `?after=${rest.next}`);
    expect(none).toEqual({ events: [], next: rest.next });

    expect((await feed(insurer, '')).events.map((e) => e.objectNo)).toEqual(['7000000000000000002']);
  });

  it('validates the query: limit 1–100, after a non-negative integer', async () => {
    for (const q of ['?limit=0', '?limit=101', '?after=-1', '?after=abc', '?after=99999999999999999999']) {
      const res = await openInject(ctx, bank, { method: 'GET', url: `/api/open/v1/events${q}` });
      expect([res.statusCode, res.json().code], q).toEqual([400, 'VALIDATION_FAILED']);
      expect(await signedByPlatform(ctx, res)).toBe(true);
    }
  });
});

describe('开放接口 (admin)', () => {
  it('registers a client for a bank with its public key, lists it, disables it (audited); the client is refused at once', async () => {
    const keys = generateKeyPair();
    const bankOrg = (await buildBank(ctx)).orgId;
    const orgs = await admin.inject({ method: 'GET', url: '/api/admin/api-clients/organizations' });
    expect(orgs.json().items.some((o: { id: string; type: string }) => o.id === bankOrg && o.type === 'bank')).toBe(true);

    const created = await admin.inject({ method: 'POST', url: '/api/admin/api-clients', payload: { orgId: bankOrg, publicKey: keys.publicKey.toUpperCase().replace(/^04/, '04') } });
    expect(created.statusCode, created.body).toBe(201);
    const client = created.json();
    expect(client).toMatchObject({ orgId: bankOrg, orgType: 'bank', publicKey: keys.publicKey, status: 'enabled', disabledAt: null });
    expect(client.appId).toMatch(/^bx_[a-z2-7]{20}$/);
    const list = await admin.inject({ method: 'GET', url: '/api/admin/api-clients' });
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(client.id);

    const api: TestApiClient = { ...keys, id: client.id, appId: client.appId, orgId: bankOrg };
    expect((await openInject(ctx, api, { method: 'GET', url: '/api/open/v1/events' })).statusCode).toBe(200);

    const off = await admin.inject({ method: 'POST', url: `/api/admin/api-clients/${client.id}/disable` });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ status: 'disabled', disabledAt: ctx.clock.now().toISOString() });
    const refused = await openInject(ctx, api, { method: 'GET', url: '/api/open/v1/events' });
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'OPEN_CLIENT_UNKNOWN']);
    const again = await admin.inject({ method: 'POST', url: `/api/admin/api-clients/${client.id}/disable` });
    expect([again.statusCode, again.json().code]).toEqual([409, 'INVALID_STATE']);

    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, client.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['openapi.client.create', 'openapi.client.disable']);
    expect(audit.find((a) => a.action === 'openapi.client.disable')).toMatchObject({ before: { appId: client.appId, status: 'enabled' }, after: { appId: client.appId, status: 'disabled' } });
  });

  it('refuses a key off the curve, a malformed key, an organisation that is no bank or insurer; only admin may', async () => {
    const bankOrg = (await buildBank(ctx)).orgId;
    const offCurve = `04${'1'.repeat(128)}`;
    const r1 = await admin.inject({ method: 'POST', url: '/api/admin/api-clients', payload: { orgId: bankOrg, publicKey: offCurve } });
    expect([r1.statusCode, Object.keys(r1.json().details.fields)]).toEqual([400, ['publicKey']]);
    const r2 = await admin.inject({ method: 'POST', url: '/api/admin/api-clients', payload: { orgId: bankOrg, publicKey: '02abc' } });
    expect(r2.statusCode).toBe(400);
    const hrss = (await buildUser(ctx, { role: 'hrss' })).orgId;
    const r3 = await admin.inject({ method: 'POST', url: '/api/admin/api-clients', payload: { orgId: hrss, publicKey: generateKeyPair().publicKey } });
    expect([r3.statusCode, Object.keys(r3.json().details.fields)]).toEqual([400, ['orgId']]);
    const bankSession = await sessionFor(ctx, await buildUser(ctx, { role: 'bank' }));
    expect((await bankSession.inject({ method: 'GET', url: '/api/admin/api-clients' })).statusCode).toBe(403);
  });
});
