/**
 * The deadlines of 备案 / 注销 / 返还 as warnings (ADR 041, ADDING-A-WORKFLOW §13): raised by the daily
 * sweep with a moved clock (never a sleep), listed per scope (another district / bank sees none),
 * messaged to whoever must act, cleared through the command and the after-commit recheck; 注销's
 * approval lifts every open warning of the project (项目已注销). The 首页 figures of the new queues
 * equal their lists. (动用's 支付通知超期 / 补足超期: modules/deposit-uses/deposit-uses.test.ts.)
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@benxi/shared';
import { cashDeposits, warnings } from '../../db/schema/index';
import { buildBank, buildProject, CITY_HRSS } from '../../test/factories';
import { buildUser, createTestContext, orgByName, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { registerGuarantee } from '../guarantees/register';
import { sweepWarnings } from './sweep';
import { cancellationReviewOverdueRule, filingReviewOverdueRule, replenishOverdueRule, returnConfirmOverdueRule, usePaymentOverdueRule } from './rules';
import * as closureReads from '../closure/repositories/warning-reads';
import * as useReads from '../deposit-uses/repositories/warning-reads';
import { projectFacts } from '../projects/repositories/warning-reads';

let ctx: TestContext;
const sweepDeps = () => ({
  rules: [filingReviewOverdueRule(closureReads), cancellationReviewOverdueRule(closureReads), returnConfirmOverdueRule(closureReads), usePaymentOverdueRule(useReads), replenishOverdueRule(useReads)],
  projects: projectFacts,
  calendar: async () => createWorkCalendar(),
});
const sweep = () => ctx.database.db.transaction((tx) => sweepWarnings(tx, sweepDeps(), ctx.clock.now()));
const openOf = async (projectId: bigint) =>
  ctx.database.db
    .select()
    .from(warnings)
    .where(and(eq(warnings.projectId, projectId), isNull(warnings.clearedAt)));

/** A session made at the clock's current time for every request (the test moves the clock by days). */
type Caller = Pick<Session, 'inject'> & { orgId: string; session(): Promise<Session> };
const caller = (user: { id: string; phone: string; orgId: string }): Caller => ({
  orgId: user.orgId,
  session: () => sessionFor(ctx, user),
  inject: async (o: Parameters<Session['inject']>[0]) => (await sessionFor(ctx, user)).inject(o),
}) as Caller;
let hrss: Caller;
let district: Caller;
let otherCity: Caller;

beforeAll(async () => {
  ctx = await createTestContext();
  hrss = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, CITY_HRSS) }));
  district = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市平山区人力资源和社会保障局') }));
  otherCity = caller(await buildUser(ctx, { role: 'hrss', orgName: '辽宁省丹东市人力资源和社会保障局' }));
});
afterAll(() => ctx.close());

const actor = { id: null, phone: null, role: null, ip: null };
const total = async (who: Caller, query: string) => {
  const res = await who.inject({ method: 'GET', url: `/api/warnings?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
};
async function enterprise() {
  return caller(await buildUser(ctx, { role: 'enterprise', certified: true }));
}

/** A completed project, filed, holding 1,000,000.00 in cash at `bank` and a 1,600,000.00 bank guarantee of `bank`. */
async function filedProjectWithInstruments(e: Caller, bank: { orgId: string }, name: string) {
  const p = await buildProject(ctx, { enterpriseOrgId: e.orgId, depositStatus: 'filed', status: 'completed', name });
  const now = ctx.clock.now();
  const cashId = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
  await ctx.database.db.insert(cashDeposits).values({
    id: cashId, projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId, bankOrgId: bank.orgId,
    status: 'arrived', requiredFen: 100_000_000n, paidFen: 100_000_000n, handlerName: '王五', handlerPhone: '13454342345', submittedAt: now, updatedAt: now,
  });
  await ctx.database.db.transaction((tx) =>
    registerGuarantee(tx, {
      kind: 'bank_guarantee', number: `BH-${cashId}`, projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId,
      issuerOrgId: bank.orgId, issuerName: '测试银行', amountFen: 160_000_000n, feeFen: null, issuedOn: '2026-01-10', validFrom: '2026-01-10', validTo: '2027-01-10',
      sourceType: 'deadlines-test', sourceId: String(cashId), fileId: null, actor, at: now,
    }),
  );
  return p;
}

async function cancellationBody(s: Session, projectId: bigint) {
  return {
    projectId: projectId.toString(),
    actualStart: '2026-01-05',
    actualCompletion: '2026-02-27',
    publicityStart: '2026-01-20',
    handlerName: '王五',
    handlerPhone: '13454342345',
    acceptanceReportFileIds: [await uploadFile(s, '竣工验收报告.pdf')],
    applicationFormFileIds: [await uploadFile(s, '注销申请表.pdf')],
    noArrearsPledgeFileIds: [await uploadFile(s, '无拖欠承诺.pdf')],
  };
}

describe('备案 / 注销 / 返还 deadlines as warnings', () => {
  it('备案审核超期: raised after 5 working days, hrss of the remit only, messaged, cleared by the approval; the enterprise gets 备案审核结果', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const e = await enterprise();
    const p = await buildProject(ctx, { enterpriseOrgId: e.orgId, depositStatus: 'paid', name: '本溪市备案预警测试工程' });
    const f = await e.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().deadline).toBe('2026-03-09');
    // on the last day: nothing
    ctx.clock.set('2026-03-09T10:00:00Z');
    await sweep();
    expect(await openOf(p.id)).toHaveLength(0);
    ctx.clock.set('2026-03-10T02:00:00Z');
    expect((await sweep()).raised).toBeGreaterThanOrEqual(1);
    const open = await openOf(p.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ type: 'filing_review_overdue', objectType: 'filing', objectId: f.json().id, dueOn: '2026-03-09' });
    expect(open[0]!.detail).toContain('审核期限 2026-03-09 已过');
    // a second sweep raises nothing new
    expect((await sweep()).raised).toBe(0);

    expect(await total(hrss, `projectId=${p.id}&state=open&type=filing_review_overdue`)).toBe(1);
    expect(await total(e, `projectId=${p.id}&state=open`)).toBe(1);
    expect(await total(district, `projectId=${p.id}`)).toBe(0);
    expect(await total(otherCity, `projectId=${p.id}`)).toBe(0);
    const list = (await hrss.inject({ method: 'GET', url: `/api/warnings?projectId=${p.id}` })).json();
    expect(list.items[0]).toMatchObject({ type: 'filing_review_overdue', objectType: 'filing', state: 'open' });

    await ctx.app.outbox.drain();
    const hm = (await hrss.inject({ method: 'GET', url: '/api/messages?kind=warning&pageSize=100' })).json();
    expect(hm.items.some((m: { title: string }) => m.title === '备案审核超期：本溪市备案预警测试工程')).toBe(true);

    const ok = await hrss.inject({ method: 'POST', url: `/api/filings/${f.json().id}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    await ctx.app.outbox.drain();
    expect(await openOf(p.id)).toHaveLength(0);
    const [w] = await ctx.database.db.select().from(warnings).where(eq(warnings.id, open[0]!.id));
    expect(w!.clearedReason).toBe('resolved');
    // the decision message on the enterprise's own filing
    const em = (await e.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json();
    expect(em.items.map((m: { title: string }) => m.title)).toContain('备案已通过：本溪市备案预警测试工程');
  });

  it('备案驳回 clears the warning too and sends the reason', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const e = await enterprise();
    const p = await buildProject(ctx, { enterpriseOrgId: e.orgId, depositStatus: 'paid', name: '本溪市备案驳回测试工程' });
    const f = (await e.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } })).json();
    ctx.clock.set('2026-03-11T02:00:00Z');
    await sweep();
    expect((await openOf(p.id)).map((w) => w.type)).toEqual(['filing_review_overdue']);
    expect((await hrss.inject({ method: 'POST', url: `/api/filings/${f.id}/reject`, payload: { reason: '缴纳凭证不清晰' } })).statusCode).toBe(200);
    await ctx.app.outbox.drain();
    expect(await openOf(p.id)).toHaveLength(0);
    const em = (await e.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json();
    expect(em.items[0]).toMatchObject({ title: '备案未通过：本溪市备案驳回测试工程' });
    expect(em.items[0].body).toContain('缴纳凭证不清晰');
  });

  it('注销审核超期 → approval lifts it (项目已注销); 返还确认超期 for the bank 3 working days later, its own only; the return clears it', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const e = await enterprise();
    const bankUser = await buildBank(ctx);
    const bank = caller(bankUser);
    const otherBank = caller(await buildBank(ctx));
    const p = await filedProjectWithInstruments(e, bankUser, '本溪市注销预警测试工程');
    const sub = await e.inject({ method: 'POST', url: '/api/cancellations', payload: await cancellationBody(await e.session(), p.id) });
    expect(sub.statusCode, sub.body).toBe(201);
    const c = sub.json();

    ctx.clock.set('2026-03-10T02:00:00Z');
    await sweep();
    const review = await openOf(p.id);
    expect(review.map((w) => [w.type, w.objectType, w.objectId])).toEqual([['cancellation_review_overdue', 'cancellation', c.id]]);
    expect(await total(hrss, `projectId=${p.id}&state=open&type=cancellation_review_overdue`)).toBe(1);
    expect(await total(otherCity, `projectId=${p.id}`)).toBe(0);

    const ok = await hrss.inject({ method: 'POST', url: `/api/cancellations/${c.id}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    // lifted in the approval's transaction: no outbox drain needed
    const [lifted] = await ctx.database.db.select().from(warnings).where(eq(warnings.id, review[0]!.id));
    expect(lifted!.clearedReason).toBe('project_cancelled');
    await ctx.app.outbox.drain();
    const em = (await e.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json();
    expect(em.items[0].title).toBe('保证金注销申请已通过：本溪市注销预警测试工程');
    expect(em.items[0].body).toContain(ok.json().documentNo);

    // 返还确认: due 3 working days after 2026-03-10 → 2026-03-13; overdue from the 14th (a Saturday: the sweep of Monday the 16th)
    ctx.clock.set('2026-03-13T10:00:00Z');
    await sweep();
    expect(await openOf(p.id)).toHaveLength(0);
    ctx.clock.set('2026-03-16T02:00:00Z');
    await sweep();
    const due = await openOf(p.id);
    expect(due.map((w) => w.type)).toEqual(['return_confirm_overdue', 'return_confirm_overdue']);
    expect(due.every((w) => w.addresseeOrgId === bankUser.orgId && w.dueOn === '2026-03-13')).toBe(true);
    expect(await total(bank, `projectId=${p.id}&state=open`)).toBe(2);
    expect(await total(otherBank, `projectId=${p.id}`)).toBe(0);
    expect(await total(hrss, `projectId=${p.id}&state=open&type=return_confirm_overdue`)).toBe(2);
    expect(await total(otherCity, `projectId=${p.id}`)).toBe(0);
    await ctx.app.outbox.drain();
    const bm = (await bank.inject({ method: 'GET', url: '/api/messages?kind=warning' })).json();
    expect(bm.items.filter((m: { title: string }) => m.title === '返还确认超期：本溪市注销预警测试工程')).toHaveLength(2);
    expect((await otherBank.inject({ method: 'GET', url: '/api/messages?kind=warning' })).json().total).toBe(0);

    const mine = (await bank.inject({ method: 'GET', url: '/api/return-confirmations?status=pending' })).json();
    const cashR = mine.items.find((r: { kind: string; projectId?: string }) => r.kind === 'cash');
    const back = await bank.inject({ method: 'POST', url: `/api/return-confirmations/${cashR.id}/confirm`, payload: { returnedOn: '2026-03-16', principal: '1000000.00', interest: '0.00' } });
    expect(back.statusCode, back.body).toBe(200);
    await ctx.app.outbox.drain();
    const left = await openOf(p.id);
    expect(left).toHaveLength(1);
    expect(left[0]!.objectId).not.toBe(cashR.id);
  });
});
