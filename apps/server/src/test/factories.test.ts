import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../db/schema/index';
import { buildBank, buildInsurer, buildProject, buildQuotaApplication, CITY_HRSS } from './factories';
import { buildUser, createTestContext, orgByName, sessionFor, type Session, type TestContext } from './harness';

/** Each factory's row is one the real API then works with: the state it claims is the state it is. */
let ctx: TestContext;
let hrss: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  hrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, CITY_HRSS) }));
});
afterAll(() => ctx.close());

const depositOf = async (id: bigint) => (await ctx.database.db.select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, id)))[0]!.s;

describe('test factories', () => {
  it('sessionFor: a session without the SMS round trip is a real one (/api/me, CSRF on a write)', async () => {
    const me = await hrss.inject({ method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'hrss' });
    const noCsrf = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: hrss.cookie } });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('buildQuotaApplication({ status: pending }): the bureau approves it through the API and the deposit becomes 待缴纳', async () => {
    const q = await buildQuotaApplication(ctx, { status: 'pending' });
    expect(await depositOf(q.project.id)).toBe('quota_review');
    const res = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', approvedAmount: '400000.00' });
    expect(await depositOf(q.project.id)).toBe('to_pay');
  });

  it('buildQuotaApplication({ status: rejected }): its enterprise may resubmit it, another enterprise gets 404', async () => {
    const q = await buildQuotaApplication(ctx, { status: 'rejected' });
    expect(await depositOf(q.project.id)).toBe('none');
    const owner = await sessionFor(ctx, await buildUser(ctx, { role: 'enterprise', orgId: q.project.enterpriseOrgId }));
    const mine = await owner.inject({ method: 'GET', url: `/api/quota-applications/${q.id}` });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().allowedActions).toContain('resubmit');
    const other = await sessionFor(ctx, await buildUser(ctx, { role: 'enterprise', certified: true }));
    expect((await other.inject({ method: 'GET', url: `/api/quota-applications/${q.id}` })).statusCode).toBe(404);
  });

  it('buildProject({ depositStatus: paid }): the enterprise sees 已缴纳; a bank and an insurer see nothing of it', async () => {
    const p = await buildProject(ctx, { depositStatus: 'paid' });
    const owner = await sessionFor(ctx, await buildUser(ctx, { role: 'enterprise', orgId: p.enterpriseOrgId }));
    const res = await owner.inject({ method: 'GET', url: `/api/projects/${p.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ depositStatus: 'paid', allowedActions: [] });
    for (const who of [await buildBank(ctx), await buildInsurer(ctx)]) {
      const s = await sessionFor(ctx, who);
      expect((await s.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
      expect([403, 404]).toContain((await s.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode);
    }
  });
});
