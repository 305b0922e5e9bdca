/**
 * 动用's deadlines as warnings and its messages (ADR 041), and what 注销 returns after a use (ADR 042):
 * 支付通知超期 (the payer, 5 working days) and 补足超期 (the enterprise, 10 working days) raised by the
 * sweep with a moved clock, per scope (another bank / district / enterprise sees none), cleared by the
 * payments and the confirmed replenishment; the enterprise's 动用 / 补足 messages; a cash deposit drawn
 * on returns its amount less the use.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '@benxi/shared';
import { cashDeposits, returnConfirmations, smsRecords, warnings } from '../../db/schema/index';
import { buildProject, buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, orgByName, PDF_BYTES, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { pdfText } from '../../test/pdf';
import { sweepWarnings } from '../warnings/sweep';
import { replenishOverdueRule, usePaymentOverdueRule } from '../warnings/rules';
import * as useReads from './repositories/warning-reads';
import { projectFacts } from '../projects/repositories/warning-reads';

let ctx: TestContext;
const CCB = '中国建设银行股份有限公司本溪分行';
const ICBC = '中国工商银行股份有限公司本溪分行';
const PINGSHAN_HRSS = '本溪市平山区人力资源和社会保障局';
const XIHU_HRSS = '本溪市溪湖区人力资源和社会保障局';
const ENTERPRISE = '本溪动用预警测试建工有限公司';

type Caller = Pick<Session, 'inject'> & { orgId: string; session(): Promise<Session> };
const caller = (user: { id: string; phone: string; orgId: string }): Caller =>
  ({ orgId: user.orgId, session: () => sessionFor(ctx, user), inject: async (o: Parameters<Session['inject']>[0]) => (await sessionFor(ctx, user)).inject(o) }) as Caller;
let ent: Caller;
let otherEnt: Caller;
let bank: Caller;
let otherBank: Caller;
let hrss: Caller;
let xihu: Caller;

const sweepDeps = () => ({ rules: [usePaymentOverdueRule(useReads), replenishOverdueRule(useReads)], projects: projectFacts, calendar: async () => createWorkCalendar() });
const sweep = () => ctx.database.db.transaction((tx) => sweepWarnings(tx, sweepDeps(), ctx.clock.now()));
const openOf = async (projectId: bigint) =>
  ctx.database.db
    .select()
    .from(warnings)
    .where(and(eq(warnings.projectId, projectId), isNull(warnings.clearedAt)));
const total = async (who: Caller, query: string) => {
  const res = await who.inject({ method: 'GET', url: `/api/warnings?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
};

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00Z');
  ent = caller(await buildUser(ctx, { role: 'enterprise', certified: true, orgName: ENTERPRISE }));
  otherEnt = caller(await buildUser(ctx, { role: 'enterprise', certified: true }));
  bank = caller(await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, CCB) }));
  otherBank = caller(await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, ICBC) }));
  hrss = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, PINGSHAN_HRSS) }));
  xihu = caller(await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, XIHU_HRSS) }));
}, 120_000);
afterAll(() => ctx?.close());

let voucherSeq = 0;
async function confirmCash(id: string, amount: string, arrivedOn = '2026-03-02') {
  const voucherFileId = await uploadFile(await bank.session(), '到账凭证.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% voucher ${++voucherSeq}\n`)]));
  const res = await bank.inject({ method: 'POST', url: `/api/cash-deposits/${id}/confirm`, payload: { accountNo: '21050161360100000123', amount, arrivedOn, payerName: ENTERPRISE, voucherFileId } });
  expect(res.statusCode, res.body).toBe(200);
}

/** A project of the enterprise under 平山区人社 covered by 400,000.00 cash at 建设银行 (已缴纳). */
async function cashCoveredProject(name: string): Promise<BuiltProject> {
  const base = await buildProject(ctx, { enterpriseOrgId: ent.orgId, hrssOrgName: PINGSHAN_HRSS, name });
  const { project: p } = await buildQuotaApplication(ctx, { status: 'approved', project: base });
  const agreement = await uploadFile(await ent.session(), '存款协议书.pdf');
  const cd = await ent.inject({ method: 'POST', url: '/api/cash-deposits', payload: { projectId: p.id.toString(), bankOrgId: bank.orgId, agreementFileId: agreement, handlerName: '张三全', handlerPhone: '13455554444' } });
  expect(cd.statusCode, cd.body).toBe(201);
  await confirmCash(cd.json().id, '400000.00');
  return p;
}

const workers = () => [
  { name: '王小二', idNumber: '11010519491231002X', bankName: '中国工商银行本溪分行', cardNo: '6222020712000011111', amount: '3500.50' },
  { name: '李大山', idNumber: '210502199003071230'.slice(0, 17) + 'X', bankName: '中国农业银行本溪分行', cardNo: '6228480712000022222', amount: '4200.01' },
];
async function recordUse(p: BuiltProject) {
  const w = workers();
  // a valid check digit for the second worker
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = w[1]!.idNumber.slice(0, 17);
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i]!;
  w[1]!.idNumber = first17 + '10X98765432'[s % 11];
  const decisionFileId = await uploadFile(await hrss.session(), '责令限期清偿决定书.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% decision ${Math.random()}\n`)]));
  const res = await hrss.inject({
    method: 'POST',
    url: '/api/deposit-uses',
    payload: { projectId: p.id.toString(), decisionType: 'order_to_pay', decisionNo: '本人社监令〔2026〕12号', decisionDate: '2026-02-27', decisionFileId, workers: w, amount: '7700.51' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('动用 deadlines as warnings', () => {
  it('支付通知超期 for the payer only, cleared when every worker is paid; 补足超期 for the enterprise (message + SMS), cleared when hrss confirms; the messages', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const p = await cashCoveredProject('本溪市动用预警测试工程');
    const use = await recordUse(p);
    expect(use).toMatchObject({ payDueOn: '2026-03-09', replenishDueOn: '2026-03-16' });
    await ctx.app.outbox.drain();
    const used = (await ent.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json();
    expect(used.items[0]).toMatchObject({ title: '保证金已动用：本溪市动用预警测试工程', link: `/deposit-uses/${use.id}` });
    expect(used.items[0].body).toContain('7700.51');
    expect(used.items[0].body).toContain('2026-03-16 前补足');

    ctx.clock.set('2026-03-09T10:00:00Z');
    await sweep();
    expect(await openOf(p.id)).toHaveLength(0);
    ctx.clock.set('2026-03-10T02:00:00Z');
    await sweep();
    const late = await openOf(p.id);
    expect(late.map((w) => [w.type, w.objectType, w.objectId, w.addresseeOrgId, w.dueOn])).toEqual([['use_payment_overdue', 'deposit_use', use.id, bank.orgId, '2026-03-09']]);
    expect(late[0]!.detail).toContain(use.noticeNo);
    expect(await total(bank, `projectId=${p.id}&state=open`)).toBe(1);
    expect(await total(otherBank, `projectId=${p.id}`)).toBe(0);
    expect(await total(hrss, `projectId=${p.id}&type=use_payment_overdue`)).toBe(1);
    expect(await total(xihu, `projectId=${p.id}`)).toBe(0);
    expect(await total(otherEnt, `projectId=${p.id}`)).toBe(0);
    await ctx.app.outbox.drain();
    const bm = (await bank.inject({ method: 'GET', url: '/api/messages?kind=warning&pageSize=100' })).json();
    expect(bm.items.some((m: { title: string }) => m.title === '支付通知超期：本溪市动用预警测试工程')).toBe(true);

    // the bank pays: the first worker leaves it open, the last clears it (after commit)
    const [t1, t2] = (await bank.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).json().transfers;
    const pay = (t: { id: string }, reference: string) => bank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/pay`, payload: { transferId: t.id, paidOn: '2026-03-10', reference } });
    expect((await pay(t1, 'CCB-1')).statusCode).toBe(200);
    await ctx.app.outbox.drain();
    expect((await openOf(p.id)).map((w) => w.type)).toEqual(['use_payment_overdue']);
    expect((await pay(t2, 'CCB-2')).json().status).toBe('paid');
    await ctx.app.outbox.drain();
    expect(await openOf(p.id)).toHaveLength(0);
    const [cleared] = await ctx.database.db.select().from(warnings).where(eq(warnings.id, late[0]!.id));
    expect(cleared!.clearedReason).toBe('resolved');

    // 补足: due 2026-03-16; on the 17th the enterprise is warned (message + SMS to its 联系人 / 劳资专管员)
    ctx.clock.set('2026-03-17T02:00:00Z');
    await sweep();
    const rep = await openOf(p.id);
    expect(rep.map((w) => [w.type, w.objectId, w.addresseeOrgId, w.dueOn])).toEqual([['replenish_overdue', use.id, null, '2026-03-16']]);
    expect(await total(ent, `projectId=${p.id}&state=open&type=replenish_overdue`)).toBe(1);
    expect(await total(otherEnt, `projectId=${p.id}`)).toBe(0);
    expect(await total(bank, `projectId=${p.id}&state=open`)).toBe(0);
    await ctx.app.outbox.drain();
    const em = (await ent.inject({ method: 'GET', url: '/api/messages?kind=warning' })).json();
    expect(em.items[0]).toMatchObject({ title: '补足超期：本溪市动用预警测试工程' });
    const sms = await ctx.database.db.select().from(smsRecords).where(eq(smsRecords.warningId, rep[0]!.id));
    expect(sms.length).toBeGreaterThanOrEqual(1);
    expect(sms[0]!.content).toContain('补足超期');

    // the enterprise replenishes by cash, the bank confirms the arrival, hrss confirms → cleared + message
    const agreementFileId = await uploadFile(await ent.session(), '存款协议书（补足）.pdf', Buffer.concat([PDF_BYTES, Buffer.from('% replenish\n')]));
    const r = await ent.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/replenish-cash`, payload: { bankOrgId: bank.orgId, agreementFileId, handlerName: '张三全', handlerPhone: '13455554444' } });
    expect(r.statusCode, r.body).toBe(200);
    await confirmCash(r.json().replenishCash.id, '7700.51', '2026-03-17');
    await ctx.app.outbox.drain();
    expect((await openOf(p.id)).map((w) => w.type)).toEqual(['replenish_overdue']);
    expect((await hrss.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/confirm-replenishment` })).statusCode).toBe(200);
    await ctx.app.outbox.drain();
    expect(await openOf(p.id)).toHaveLength(0);
    const done = (await ent.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json();
    expect(done.items[0]).toMatchObject({ title: '保证金补足已确认：本溪市动用预警测试工程' });
    // another enterprise got none of these messages
    expect((await otherEnt.inject({ method: 'GET', url: '/api/messages' })).json().total).toBe(0);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('注销 after a use: the cash returned is the deposit less what the use drew', () => {
  it('the 确认书 and the bank’s 返还确认 show 392,299.49 of 400,000.00; the full amount is refused', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    const p = await buildProject(ctx, { enterpriseOrgId: ent.orgId, hrssOrgName: PINGSHAN_HRSS, depositStatus: 'filed', status: 'completed', name: '本溪市动用后注销测试工程' });
    const now = ctx.clock.now();
    await ctx.database.db.insert(cashDeposits).values({
      id: BigInt(Date.now()) * 1000n + 7n, projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId, bankOrgId: bank.orgId,
      status: 'arrived', requiredFen: 40_000_000n, paidFen: 40_000_000n, handlerName: '王五', handlerPhone: '13454342345', submittedAt: now, updatedAt: now,
    });
    const use = await recordUse(p);
    expect(use.instrumentType).toBe('cash_deposit');
    const s = await ent.session();
    const sub = await ent.inject({
      method: 'POST',
      url: '/api/cancellations',
      payload: {
        projectId: p.id.toString(), actualStart: '2026-01-05', actualCompletion: '2026-02-27', publicityStart: '2026-01-20', handlerName: '王五', handlerPhone: '13454342345',
        acceptanceReportFileIds: [await uploadFile(s, '竣工验收报告.pdf')], applicationFormFileIds: [await uploadFile(s, '注销申请表.pdf')], noArrearsPledgeFileIds: [await uploadFile(s, '无拖欠承诺.pdf')],
      },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const ok = await hrss.inject({ method: 'POST', url: `/api/cancellations/${sub.json().id}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().instruments.map((i: { amount: string }) => i.amount)).toEqual(['392299.49']);
    const [ret] = await ctx.database.db.select().from(returnConfirmations).where(eq(returnConfirmations.projectId, p.id));
    expect(ret!.amountFen).toBe(39_229_949n);
    const text = pdfText((await bank.inject({ method: 'GET', url: `/api/cancellations/${sub.json().id}/confirmation.pdf` })).rawPayload);
    expect(text).toContain('392,299.49');
    expect(text).not.toContain('400,000.00');
    const full = await bank.inject({ method: 'POST', url: `/api/return-confirmations/${ret!.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '400000.00' } });
    expect(full.statusCode).toBe(400);
    expect(JSON.stringify(full.json())).toContain('392299.49');
    const right = await bank.inject({ method: 'POST', url: `/api/return-confirmations/${ret!.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '392299.49', interest: '12.30' } });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ status: 'returned', principal: '392299.49' });
  });
});
