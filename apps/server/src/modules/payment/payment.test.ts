/**
 * 缴纳 through HTTP (SPEC §6, ADR 022): 现金存缴 and online 银行保函 from the enterprise's submission to
 * 已缴纳, the bank's portal actions, the rows at every step, exact amounts in 分, a voucher counted
 * once, 超额, races (one wins, the other 409), another bank's 404, the 保函期限 rules, switching ways.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cashArrivals, cashDeposits, guaranteeApplications, guarantees, paymentAttempts, projects } from '../../db/schema/index';
import { buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, orgByName, PDF_BYTES, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';

let ctx: TestContext;
let ent: Session & { orgId: string };
let bank: Session & { orgId: string };
let otherBank: Session & { orgId: string };
let hrss: Session;
let enterpriseName: string;
const CCB = '中国建设银行股份有限公司本溪分行';
const ICBC = '中国工商银行股份有限公司本溪分行';
const BOC = '中国银行股份有限公司本溪分行';

beforeAll(async () => {
  ctx = await createTestContext();
  const e = await buildUser(ctx, { role: 'enterprise', certified: true, orgName: '本溪测试建工集团有限公司' });
  enterpriseName = '本溪测试建工集团有限公司';
  ent = { ...(await sessionFor(ctx, e)), orgId: e.orgId };
  const b = await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, CCB) });
  bank = { ...(await sessionFor(ctx, b)), orgId: b.orgId };
  const o = await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, ICBC) });
  otherBank = { ...(await sessionFor(ctx, o)), orgId: o.orgId };
  hrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局') }));
}, 120_000);
afterAll(() => ctx?.close());

const db = () => ctx.database.db;
/** An approved 一般缴纳 quota of the enterprise: 2% of 20,000,000.00 = 400,000.00 to cover. */
const approvedProject = async (): Promise<BuiltProject> => (await buildQuotaApplication(ctx, { status: 'approved', enterpriseOrgId: ent.orgId })).project;
const deposit = async (p: BuiltProject) => (await db().select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, p.id)))[0]!.s;
const attempts = async (p: BuiltProject) =>
  (await db().select().from(paymentAttempts).where(eq(paymentAttempts.projectId, p.id)).orderBy(asc(paymentAttempts.openedAt), asc(paymentAttempts.id))).map((a) => `${a.way}:${a.status}${a.closedReason ? `:${a.closedReason}` : ''}`);
const card = async (p: BuiltProject, s: Session = ent) => {
  const res = await s.inject({ method: 'GET', url: `/api/projects/${p.id}/deposit` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const audits = async (type: string, id: string) =>
  (await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, type), eq(auditLog.targetId, id))).orderBy(asc(auditLog.id))).map((a) => a.action);

async function submitCash(p: BuiltProject, extra: Record<string, unknown> = {}) {
  const agreement = await uploadFile(ent, '存款协议书.pdf');
  return ent.inject({
    method: 'POST',
    url: '/api/cash-deposits',
    payload: { projectId: p.id.toString(), bankOrgId: bank.orgId, agreementFileId: agreement, handlerName: '张三全', handlerPhone: '13455554444', ...extra },
  });
}
let voucherSeq = 0;
/** A distinct voucher file each time (its content is its identity), or the given bytes. */
async function confirm(id: string, body: Record<string, unknown>, as: Session = bank, bytes?: Buffer<ArrayBuffer>) {
  const voucherFileId = await uploadFile(as, '到账凭证.pdf', bytes ?? Buffer.concat([PDF_BYTES, Buffer.from(`% voucher ${++voucherSeq}\n`)]));
  return as.inject({
    method: 'POST',
    url: `/api/cash-deposits/${id}/confirm`,
    payload: { accountNo: '21050161360100000123', arrivedOn: '2026-03-02', payerName: enterpriseName, voucherFileId, ...body },
  });
}

describe('现金存缴', () => {
  it('lists the banks of the region with the account, then goes 待缴纳 → 缴纳中 → 部分到账 → 已到账 / 已缴纳, exact in 分, 超额 shown', async () => {
    const p = await approvedProject();
    const banks = await ent.inject({ method: 'GET', url: `/api/projects/${p.id}/banks?service=cash` });
    expect(banks.statusCode, banks.body).toBe(200);
    const names = banks.json().map((b: { name: string }) => b.name);
    expect(names).toContain(CCB);
    expect(names).not.toContain(BOC); // 中国银行 offers guarantees only
    expect(banks.json().find((b: { name: string }) => b.name === CCB).accountInstructions).toContain('工资保证金专户');
    expect((await ent.inject({ method: 'GET', url: `/api/projects/${p.id}/banks?service=guarantee` })).json().map((b: { name: string }) => b.name)).toContain(BOC);

    const before = await card(p);
    expect(before).toMatchObject({ depositStatus: 'to_pay', filingState: 'none', allowedActions: ['cash_deposit.submit', 'guarantee_application.submit', 'offline_guarantee.submit', 'insurance_order.submit'] });
    expect(before.quota).toMatchObject({ contractAmount: '20000000.00', ratioText: '2.00%', requiredAmount: '400000.00', applyType: 'general', handlerName: '王经办' });

    const res = await submitCash(p);
    expect(res.statusCode, res.body).toBe(201);
    const cd = res.json();
    expect(cd).toMatchObject({ status: 'awaiting', requiredAmount: '400000.00', paidAmount: '0.00', differenceAmount: '400000.00', bankName: CCB, enterpriseName });
    expect(cd.id).toMatch(/^\d{19}$/);
    expect(cd.agreementFile.name).toBe('存款协议书.pdf');
    expect(await deposit(p)).toBe('paying');
    expect(await attempts(p)).toEqual(['cash:open']);
    expect((await card(p)).progress).toMatchObject({ statusLabel: '待到账', paidAmount: '0.00', differenceAmount: '400000.00', note: '等待银行确认到账' });

    // the bank sees it in its 待办; another bank does not see it at all
    const todo = await bank.inject({ method: 'GET', url: '/api/cash-deposits?todo=1' });
    expect(todo.json().items.map((x: { id: string }) => x.id)).toContain(cd.id);
    expect((await otherBank.inject({ method: 'GET', url: `/api/cash-deposits/${cd.id}` })).statusCode).toBe(404);
    expect((await confirm(cd.id, { amount: '1.00' }, otherBank)).statusCode).toBe(404);
    expect((await otherBank.inject({ method: 'GET', url: '/api/cash-deposits' })).json().total).toBe(0);

    // a payer that is not the enterprise: 400 naming the enterprise
    const wrongPayer = await confirm(cd.id, { amount: '100.00', payerName: '本溪某劳务有限公司' });
    expect(wrongPayer.statusCode).toBe(400);
    expect(wrongPayer.json().message).toBe(`付款人名称须与企业名称「${enterpriseName}」一致：工资保证金须由施工总承包单位从本单位账户缴存`);

    // 150,000.01 of 400,000.00: 部分到账, 差额 249,999.99 (exact)
    const voucher: Buffer<ArrayBuffer> = Buffer.concat([PDF_BYTES, Buffer.from('% voucher first\n')]);
    const first = await confirm(cd.id, { amount: '150000.01', voucherNo: 'LS20260302001' }, bank, voucher);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'partial', paidAmount: '150000.01', differenceAmount: '249999.99', overAmount: '0.00', accountNo: '21050161360100000123' });
    expect(await deposit(p)).toBe('paying');
    // the same voucher again (uploaded anew): the same result, counted once
    const again = await confirm(cd.id, { amount: '150000.01', voucherNo: 'LS20260302001' }, bank, voucher);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().paidAmount).toBe('150000.01');
    // the same 凭证号 with another amount: refused
    const clash = await confirm(cd.id, { amount: '9.00', voucherNo: 'LS20260302001' });
    expect([clash.statusCode, clash.json().code]).toEqual([409, 'CONFLICT']);
    expect((await db().select().from(cashArrivals).where(eq(cashArrivals.cashDepositId, BigInt(cd.id)))).map((a) => a.amountFen)).toEqual([15_000_001n]);

    // 300,000.00 more: 450,000.01 arrived, 超额 50,000.01, 已到账 and the project 已缴纳
    const second = await confirm(cd.id, { amount: '300000.00', arrivedOn: '2026-03-03' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ status: 'arrived', paidAmount: '450000.01', differenceAmount: '0.00', overAmount: '50000.01', allowedActions: [] });
    expect(second.json().arrivals.map((a: { amount: string; voucherFile: { name: string } }) => [a.amount, a.voucherFile.name])).toEqual([
      ['150000.01', '到账凭证.pdf'],
      ['300000.00', '到账凭证.pdf'],
    ]);
    const [row] = await db().select().from(cashDeposits).where(eq(cashDeposits.id, BigInt(cd.id)));
    expect([row!.status, row!.paidFen, row!.requiredFen]).toEqual(['arrived', 45_000_001n, 40_000_000n]);
    expect(await deposit(p)).toBe('paid');
    expect(await attempts(p)).toEqual(['cash:covered']);
    expect((await card(p)).allowedActions).toEqual([]);
    // after 已到账 nothing more is confirmed
    expect((await confirm(cd.id, { amount: '1.00' })).statusCode).toBe(409);
    expect(await audits('cash_deposit', cd.id)).toEqual(['cash_deposit.submit', 'cash_deposit.confirm', 'cash_deposit.confirm']);
    expect(await audits('project', p.id.toString())).toEqual(['payment.open', 'deposit.payment_started', 'payment.cover', 'deposit.payment_covered']);
    // the vouchers are readable by the parties, not by another bank
    const voucherId = second.json().arrivals[0].voucherFile.id;
    for (const [s, code] of [[ent, 200], [bank, 200], [hrss, 200], [otherBank, 404]] as const) expect((await s.inject({ method: 'GET', url: `/api/files/${voucherId}` })).statusCode).toBe(code);
  });

  it('two confirmations that each cover it, at once: exactly one wins, the other gets 409', async () => {
    const p = await approvedProject();
    const cd = (await submitCash(p)).json();
    const files = await Promise.all([1, 2].map((i) => uploadFile(bank, '凭证.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% race ${i}\n`)]))));
    const results = await Promise.all(
      files.map((voucherFileId) =>
        bank.inject({ method: 'POST', url: `/api/cash-deposits/${cd.id}/confirm`, payload: { accountNo: '21050161360100000999', amount: '400000.00', arrivedOn: '2026-03-02', payerName: enterpriseName, voucherFileId } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await db().select().from(cashArrivals).where(eq(cashArrivals.cashDepositId, BigInt(cd.id)))).length).toBe(1);
    expect(await deposit(p)).toBe('paid');
  });
});

async function submitGuarantee(p: BuiltProject, extra: Record<string, unknown> = {}) {
  return ent.inject({
    method: 'POST',
    url: '/api/guarantee-applications',
    payload: { projectId: p.id.toString(), bankOrgId: bank.orgId, amount: '400000.00', termFrom: '2026-03-02', termTo: '2027-03-01', handlerName: '张三全', handlerPhone: '13455554444', ...extra },
  });
}
async function issueBody(no: string, extra: Record<string, unknown> = {}) {
  return { guaranteeNo: no, issuedOn: '2026-03-02', validFrom: '2026-03-02', validTo: '2027-03-01', amount: '400000.00', fee: '1200.00', letterFileId: await uploadFile(bank, '保函.pdf'), ...extra };
}

describe('银行保函办理', () => {
  it('待受理 → 已受理 → 已出函: the letter registered and downloadable, the project 已缴纳', async () => {
    const p = await approvedProject();
    const res = await submitGuarantee(p, { remark: '请尽快办理' });
    expect(res.statusCode, res.body).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({ status: 'submitted', amount: '400000.00', beneficiaryName: '辽宁省本溪市人力资源和社会保障局', termTo: '2027-03-01', allowedActions: [] });
    expect(await deposit(p)).toBe('paying');
    expect((await card(p)).progress).toMatchObject({ statusLabel: '待受理', note: '等待银行回传办理结果' });
    expect((await card(p)).amountLabel).toBe('保函金额');

    const seen = await bank.inject({ method: 'GET', url: `/api/guarantee-applications/${g.id}` });
    expect(seen.json().allowedActions).toEqual(['accept', 'refuse']);
    expect((await otherBank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/accept` })).statusCode).toBe(404);
    expect((await ent.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/accept` })).statusCode).toBe(403);
    // 出函 before 受理: 409
    expect((await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/issue`, payload: await issueBody('BH-NOT-YET') })).statusCode).toBe(409);

    const accepted = await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/accept` });
    expect(accepted.json()).toMatchObject({ status: 'accepted', allowedActions: ['refuse', 'issue'] });
    // two 出函 at once: one wins, the other gets 409; one guarantee in the register
    const bodies = await Promise.all([issueBody('JSBX-BH-2026-0001'), issueBody('JSBX-BH-2026-0001')]);
    const results = await Promise.all(bodies.map((payload) => bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/issue`, payload })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const issued = results.find((r) => r.statusCode === 200)!.json();
    expect(issued).toMatchObject({ status: 'issued', guaranteeNo: 'JSBX-BH-2026-0001', issuedAmount: '400000.00', fee: '1200.00', validTo: '2027-03-01' });
    expect(issued.letterFile.name).toBe('保函.pdf');
    const [row] = await db().select().from(guaranteeApplications).where(eq(guaranteeApplications.id, BigInt(g.id)));
    expect([row!.status, row!.issuedAmountFen, row!.feeFen]).toEqual(['issued', 40_000_000n, 120_000n]);
    const registered = await db().select().from(guarantees).where(eq(guarantees.sourceId, g.id));
    expect(registered.map((r) => [r.kind, r.number, r.amountFen, r.issuerOrgId])).toEqual([['bank_guarantee', 'JSBX-BH-2026-0001', 40_000_000n, bank.orgId]]);
    expect(row!.guaranteeId).toBe(registered[0]!.id);
    expect(await deposit(p)).toBe('paid');
    expect(await attempts(p)).toEqual(['bank_guarantee:covered']);
    // the letter: the enterprise downloads it, another bank does not
    const letter = await ent.inject({ method: 'GET', url: `/api/files/${issued.letterFile.id}` });
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await otherBank.inject({ method: 'GET', url: `/api/files/${issued.letterFile.id}` })).statusCode).toBe(404);
    expect(await audits('guarantee_application', g.id)).toEqual(['guarantee_application.submit', 'guarantee_application.accept', 'guarantee_application.issue']);
    const c = await card(p);
    expect(c).toMatchObject({ payWayLabel: '银行保函', amount: '400000.00', progress: { statusLabel: '已出函', note: null }, allowedActions: [] });
  });

  it('不受理 (reason) takes the deposit back to 待缴纳; the 保函期限 and 金额 rules answer 400 in Chinese', async () => {
    const p = await approvedProject();
    const short = await submitGuarantee(p, { termTo: '2027-02-28' });
    expect([short.statusCode, short.json().message]).toEqual([400, '保函期限不得少于一年：自 2026-03-02 起应至少到 2027-03-01']);
    await db().update(projects).set({ plannedEnd: '2027-06-30' }).where(eq(projects.id, p.id));
    const remaining = await submitGuarantee(p);
    expect([remaining.statusCode, remaining.json().message]).toEqual([400, '保函期限不得短于剩余工期：应至少到 2027-06-30（计划竣工日期 2027-06-30）']);
    const low = await submitGuarantee(p, { amount: '399999.99', termTo: '2027-06-30' });
    expect([low.statusCode, low.json().details.fields.amount[0]]).toEqual([400, '保函金额不得低于核定的保证金应缴金额 400000.00 元']);
    expect(await deposit(p)).toBe('to_pay');

    const g = (await submitGuarantee(p, { termTo: '2027-06-30' })).json();
    const refused = await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/refuse`, payload: { reason: '企业授信额度不足' } });
    expect(refused.json()).toMatchObject({ status: 'refused', refuseReason: '企业授信额度不足' });
    expect(await deposit(p)).toBe('to_pay');
    expect(await attempts(p)).toEqual(['bank_guarantee:closed:refused']);
    expect((await card(p)).guarantee).toMatchObject({ status: 'refused', refuseReason: '企业授信额度不足' });
    expect((await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/accept` })).statusCode).toBe(409);
  });
});

describe('races on one application', () => {
  it('two 受理 at once, and two 不受理 at once: exactly one of each wins, the other gets 409; one audit row each', async () => {
    const p = await approvedProject();
    const g = (await submitGuarantee(p)).json();
    const accepts = await Promise.all([1, 2].map(() => bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/accept` })));
    expect(accepts.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refuses = await Promise.all(['资料不全', '授信不足'].map((reason) => bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g.id}/refuse`, payload: { reason } })));
    expect(refuses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await audits('guarantee_application', g.id)).toEqual(['guarantee_application.submit', 'guarantee_application.accept', 'guarantee_application.refuse']);
    expect(await deposit(p)).toBe('to_pay');
    expect(await attempts(p)).toEqual(['bank_guarantee:closed:refused']);
  });
});

describe('switching ways', () => {
  it('asks first (409 PAYMENT_SWITCH_CONFIRM), closes the open way on confirmation, and cannot close an issued guarantee', async () => {
    const p = await approvedProject();
    const g = (await submitGuarantee(p)).json();
    const ask = await submitCash(p);
    expect(ask.statusCode).toBe(409);
    expect(ask.json()).toEqual({ code: 'PAYMENT_SWITCH_CONFIRM', message: '切换缴纳方式将关闭当前的银行保函办理，确定切换吗？', details: { openWay: 'bank_guarantee', openRefId: g.id } });
    expect((await db().select().from(cashDeposits).where(eq(cashDeposits.projectId, p.id))).length).toBe(0);

    const switched = await submitCash(p, { confirmSwitch: true });
    expect(switched.statusCode, switched.body).toBe(201);
    expect((await bank.inject({ method: 'GET', url: `/api/guarantee-applications/${g.id}` })).json()).toMatchObject({ status: 'closed', allowedActions: [] });
    expect(await attempts(p)).toEqual(['bank_guarantee:closed:switched', 'cash:open']);
    expect(await deposit(p)).toBe('paying');
    expect(await audits('project', p.id.toString())).toEqual(['payment.open', 'deposit.payment_started', 'payment.switch', 'payment.open']);

    // back to a guarantee, accepted and issued below the required amount: open, but no longer closable
    const g2 = (await submitGuarantee(p, { confirmSwitch: true })).json();
    await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g2.id}/accept` });
    const partial = await bank.inject({ method: 'POST', url: `/api/guarantee-applications/${g2.id}/issue`, payload: await issueBody('JSBX-BH-2026-0002', { amount: '300000.00' }) });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(await deposit(p)).toBe('paying');
    const blocked = await submitCash(p, { confirmSwitch: true });
    expect([blocked.statusCode, blocked.json().message]).toEqual([409, '银行已出函，不能切换缴纳方式']);
    expect(await attempts(p)).toEqual(['bank_guarantee:closed:switched', 'cash:closed:switched', 'bank_guarantee:open']);
  });
});
