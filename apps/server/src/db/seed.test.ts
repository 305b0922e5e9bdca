/**
 * The demo data of `npm start` (issue 11): the demo enterprise has projects 待缴纳 ready to pay, the
 * reference banks offer their accounts and guarantees; a second start adds nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, sessionFor, type TestContext } from '../test/harness';
import { bankOffers, insurerAccounts, projects, users } from './schema/index';
import { DEMO_INSURERS } from './seed-insurance';
import { DEMO_PAYABLE_PROJECTS, seedDemo } from './seed';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
}, 120_000);
afterAll(() => ctx?.close());

describe('demo seed', () => {
  it('gives the demo enterprise projects 待缴纳 that it can pay at the reference banks, once', async () => {
    expect(await seedDemo(ctx.database.db, ctx.dataDir, ctx.clock.now())).toBe(true);
    expect(await seedDemo(ctx.database.db, ctx.dataDir, ctx.clock.now())).toBe(false);
    const [u] = await ctx.database.db.select().from(users).where(eq(users.phone, '13800000006'));
    // the demo enterprise also has the guarantees demo (paid and paying projects); these two are left to pay
    const all = await ctx.database.db.select().from(projects).where(eq(projects.enterpriseOrgId, u!.orgId));
    const names = new Set<string>(DEMO_PAYABLE_PROJECTS.map((d) => d.name));
    const rows = all.filter((p) => names.has(p.name));
    expect(rows.map((p) => [p.name, p.depositStatus]).sort()).toEqual(DEMO_PAYABLE_PROJECTS.map((d) => [d.name, 'to_pay']).sort());
    expect((await ctx.database.db.select().from(bankOffers)).length).toBe(4);
    const s = await sessionFor(ctx, u!);
    for (const p of rows) {
      const card = (await s.inject({ method: 'GET', url: `/api/projects/${p.id}/deposit` })).json();
      expect(card.allowedActions).toEqual(['cash_deposit.submit', 'guarantee_application.submit', 'offline_guarantee.submit', 'insurance_order.submit']);
      const banks = (await s.inject({ method: 'GET', url: `/api/projects/${p.id}/banks?service=cash` })).json();
      expect(banks.map((b: { name: string }) => b.name)).toContain('中国建设银行股份有限公司本溪分行');
      // 保险办理 (issue 12): the demo insurers quote it, each with its 收款账户
      const quotes = (await s.inject({ method: 'GET', url: `/api/projects/${p.id}/insurance-quotes?qualification=grade_2` })).json().quotes;
      expect(quotes.map((q: { insurerName: string }) => q.insurerName).sort()).toEqual(DEMO_INSURERS.map((d) => d.org).sort());
      expect(quotes.every((q: { documents: unknown[] }) => q.documents.length >= 2)).toBe(true);
    }
    expect((await ctx.database.db.select().from(insurerAccounts)).length).toBe(3);
    const [second] = await ctx.database.db.select().from(users).where(eq(users.phone, '13800000008'));
    expect(second!.role).toBe('insurer');
  });
});
