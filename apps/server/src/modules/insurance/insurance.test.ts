/**
 * 保险办理 through HTTP (SPEC §6, manual 2.2.2, issue 12, ADR 024–027): the catalogue (admin), quotes
 * with the exact 参考保费, one order per insurer, 核保, 立即支付 closing the others in one transaction
 * (a race: exactly one wins), the 收银台, 收款确认, 出单 (refused when it does not cover the
 * construction period), the policy in 保函管理 covering the deposit, 申请发票 and the invoice; the
 * scope (another insurer / enterprise: 404) and the open API signed by the independent client.
 */
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodRateText, premiumFen, premiumFromRateFen } from '@benxi/shared';
import { auditLog, guarantees, insuranceOrders, paymentAttempts, projects } from '../../db/schema/index';
import { buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, orgByName, PDF_BYTES, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { buildApiClient, openInject, signedByPlatform, type TestApiClient } from '../../test/open';

const PICC = '中国人民财产保险股份有限公司本溪市分公司';
const CPIC = '中国太平洋财产保险股份有限公司本溪中心支公司';
const ZIJIN = '紫金财产保险股份有限公司辽宁分公司';
const ENTERPRISE = '本溪保险测试建工集团有限公司';

let ctx: TestContext;
let admin: Session;
let ent: Session & { orgId: string };
let otherEnt: Session & { orgId: string };
let picc: Session & { orgId: string };
let cpic: Session & { orgId: string };
let zijin: Session & { orgId: string };
let hrss: Session;
let bank: Session & { orgId: string };
const product: Record<'picc' | 'cpic' | 'zijin', string> = { picc: '', cpic: '', zijin: '' };

const productBody = (insurerOrgId: string, extra: Record<string, unknown> = {}) => ({
  insurerOrgId,
  name: '农民工工资支付履约保证保险',
  productType: 'project',
  regions: ['210500'],
  applicantTypes: ['contractor'],
  qualifications: ['comprehensive', 'special', 'grade_1', 'grade_2'],
  annualRatePercent: '1',
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestContext();
  const user = async (role: 'insurer' | 'enterprise' | 'hrss' | 'bank' | 'admin', opts: { org?: string; orgName?: string } = {}) => {
    const u = await buildUser(ctx, { role, certified: true, ...(opts.org ? { orgId: await orgByName(ctx, opts.org) } : {}), ...(opts.orgName ? { orgName: opts.orgName } : {}) });
    return { ...(await sessionFor(ctx, u)), orgId: u.orgId };
  };
  admin = await user('admin');
  ent = await user('enterprise', { orgName: ENTERPRISE });
  otherEnt = await user('enterprise');
  picc = await user('insurer', { org: PICC });
  cpic = await user('insurer', { org: CPIC });
  zijin = await user('insurer', { org: ZIJIN });
  hrss = await user('hrss', { org: '辽宁省本溪市人力资源和社会保障局' });
  bank = await user('bank', { org: '中国建设银行股份有限公司本溪分行' });
  const clauses = await uploadFile(admin, '保险条款.pdf', Buffer.concat([PDF_BYTES, Buffer.from('% clauses\n')]));
  const made = async (body: Record<string, unknown>) => {
    const res = await admin.inject({ method: 'POST', url: '/api/insurance/products', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  product.picc = await made(productBody(picc.orgId, { clausesFileId: clauses }));
  product.cpic = await made(productBody(cpic.orgId, { annualRatePercent: '0.85' }));
  product.zijin = await made(productBody(zijin.orgId, { annualRatePercent: '1.2', qualifications: ['grade_3'] }));
  for (const [s, name] of [[picc, PICC], [cpic, CPIC]] as const) {
    const res = await admin.inject({ method: 'PUT', url: `/api/insurance/insurers/${s.orgId}/account`, payload: { accountName: name, accountBank: '中国工商银行股份有限公司本溪分行', accountNo: '0705020109024800001' } });
    expect(res.statusCode, res.body).toBe(200);
  }
}, 120_000);
afterAll(() => ctx?.close());

const db = () => ctx.database.db;
/** An approved 一般缴纳 quota: 2% of 20,000,000.00 = 400,000.00; 计划 2026-01-01 … 2026-12-31 (365 days). */
const approvedProject = async (): Promise<BuiltProject> => (await buildQuotaApplication(ctx, { status: 'approved', enterpriseOrgId: ent.orgId })).project;
const deposit = async (p: BuiltProject) => (await db().select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, p.id)))[0]!.s;
const attempts = async (p: BuiltProject) =>
  (await db().select().from(paymentAttempts).where(eq(paymentAttempts.projectId, p.id)).orderBy(asc(paymentAttempts.openedAt), asc(paymentAttempts.id))).map((a) => `${a.way}:${a.status}${a.closedReason ? `:${a.closedReason}` : ''}`);
const audits = async (id: string) =>
  (await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'insurance_order'), eq(auditLog.targetId, id))).orderBy(asc(auditLog.id))).map((a) => a.action);
let seq = 0;
const pdf = (s: Session, name: string) => uploadFile(s, name, Buffer.concat([PDF_BYTES, Buffer.from(`% ${name} ${++seq}\n`)]));

async function submit(p: BuiltProject, productIds: string[], extra: Record<string, unknown> = {}) {
  return ent.inject({
    method: 'POST',
    url: '/api/insurance-applications',
    payload: {
      projectId: p.id.toString(),
      regionCode: '210502',
      productType: 'project',
      applicantType: 'contractor',
      qualification: 'grade_1',
      productIds,
      startOn: '2026-01-01',
      endOn: '2026-12-31',
      tenderFileId: await pdf(ent, '招标文件.pdf'),
      awardFileId: await pdf(ent, '中标通知书.pdf'),
      ...extra,
    },
  });
}
const post = (s: Session, id: string, verb: string, payload?: Record<string, unknown>) => s.inject({ method: 'POST', url: `/api/insurance-orders/${id}/${verb}`, ...(payload ? { payload } : {}) });

describe('参考保费 (exact, half-up)', () => {
  it("follows the manual: 1,000.00 × 1% × 35 / 365 = 0.96, 保险费率 0.00096; rounding half-up in 分", () => {
    expect(premiumFen(100_000n, 10_000, 35)).toBe(96n);
    expect(periodRateText(10_000, 35)).toBe('0.00096');
    expect(premiumFen(40_000_000n, 10_000, 365)).toBe(400_000n);
    // 2,600,000.00 × 1% × 35 / 365 = 2493.150684… → 2493.15
    expect(premiumFen(260_000_000n, 10_000, 35)).toBe(249_315n);
    // exactly half a fen rounds up: 0.50 × 1% × 365 / 365 = 0.005 → 0.01
    expect(premiumFen(50n, 10_000, 365)).toBe(1n);
    expect(premiumFen(49n, 10_000, 365)).toBe(0n);
    expect(premiumFromRateFen(100_000n, '0.00096')).toBe(96n);
    expect(premiumFromRateFen(40_000_000n, '0.0094315')).toBe(377_260n);
  });
});

describe('the catalogue (admin)', () => {
  it('creates, edits and withdraws products (audited); only admin; a withdrawn product is no longer quoted', async () => {
    expect((await ent.inject({ method: 'POST', url: '/api/insurance/products', payload: productBody(picc.orgId) })).statusCode).toBe(403);
    expect((await picc.inject({ method: 'GET', url: '/api/insurance/products' })).statusCode).toBe(403);
    const bad = await admin.inject({ method: 'POST', url: '/api/insurance/products', payload: productBody(bank.orgId) });
    expect([bad.statusCode, bad.json().message]).toEqual([400, '所选保险公司不存在，请重新选择']);
    const created = await admin.inject({ method: 'POST', url: '/api/insurance/products', payload: productBody(picc.orgId, { name: '临时产品', annualRatePercent: '0.5', qualifications: ['other'] }) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ insurerName: PICC, annualRateText: '0.5%', withdrawn: false });
    const edited = await admin.inject({ method: 'PUT', url: `/api/insurance/products/${id}`, payload: productBody(picc.orgId, { name: '临时产品（改）', annualRatePercent: '0.75', qualifications: ['other'] }) });
    expect(edited.json()).toMatchObject({ name: '临时产品（改）', annualRateText: '0.75%', annualRatePercent: '0.75' });
    const p = await approvedProject();
    const quoted = async () => (await ent.inject({ method: 'GET', url: `/api/projects/${p.id}/insurance-quotes?qualification=other` })).json().quotes.map((q: { productId: string }) => q.productId);
    expect(await quoted()).toContain(id);
    expect((await admin.inject({ method: 'POST', url: `/api/insurance/products/${id}/withdraw` })).json().withdrawn).toBe(true);
    expect((await admin.inject({ method: 'POST', url: `/api/insurance/products/${id}/withdraw` })).statusCode).toBe(409);
    expect(await quoted()).not.toContain(id);
    const rows = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'insurance_product'), eq(auditLog.targetId, id))).orderBy(asc(auditLog.id));
    expect(rows.map((r) => r.action)).toEqual(['insurance_product.create', 'insurance_product.update', 'insurance_product.withdraw']);
    const insurers = (await admin.inject({ method: 'GET', url: '/api/insurance/insurers' })).json();
    expect(insurers.find((i: { name: string }) => i.name === PICC).account).toMatchObject({ accountNo: '0705020109024800001' });
    // ordering a withdrawn product: refused
    const r = await submit(p, [id], { qualification: 'other' });
    expect([r.statusCode, r.json().message]).toEqual([400, '保险产品「临时产品（改）」已下架，请重新选择保险公司']);
  });
});

describe('保险办理: the lifecycle', () => {
  it('quotes → two orders 核保中 → approve / 立即支付 closes the other → 收银台 → 收款确认 → 出单 → 已缴纳 → 发票', async () => {
    const p = await approvedProject();
    const q = await ent.inject({ method: 'GET', url: `/api/projects/${p.id}/insurance-quotes?productType=project&applicantType=contractor&qualification=grade_1&regionCode=210502` });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ amount: '400000.00', plannedStart: '2026-01-01', plannedEnd: '2026-12-31', durationDays: 365, startOn: '2026-01-01', endOn: '2026-12-31', days: 365, projectNature: '房屋建筑工程' });
    const quotes = q.json().quotes as { productId: string; insurerName: string; annualRateText: string; rate: string; referencePremium: string; documents: { kind: string }[] }[];
    expect(quotes.map((x) => [x.insurerName, x.annualRateText, x.rate, x.referencePremium])).toEqual([
      [CPIC, '0.85%', '0.00850', '3400.00'],
      [PICC, '1%', '0.01000', '4000.00'],
    ]);
    expect(quotes.find((x) => x.insurerName === PICC)!.documents.map((d) => d.kind)).toEqual(['clauses']);
    // 紫金 does not accept 一级: not listed
    expect(quotes.map((x) => x.insurerName)).not.toContain(ZIJIN);
    // a shorter period than the construction: refused with the rule's sentence
    const short = await submit(p, [product.picc, product.cpic], { endOn: '2026-06-30' });
    expect([short.statusCode, short.json().message]).toEqual([400, '保险期间应覆盖施工期：起保日期不晚于 2026-03-02，终保日期不早于计划竣工日期 2026-12-31']);
    // a product that does not accept the qualification: refused
    expect((await submit(p, [product.zijin])).statusCode).toBe(400);

    const res = await submit(p, [product.picc, product.cpic]);
    expect(res.statusCode, res.body).toBe(201);
    const { businessNo, orders } = res.json() as { businessNo: string; orders: { id: string; insurerName: string; status: string; referencePremium: string; allowedActions: string[] }[] };
    expect(businessNo).toMatch(/^JN\d{14}$/);
    expect(orders.map((o) => [o.insurerName, o.status, o.referencePremium, o.allowedActions])).toEqual([
      [PICC, 'underwriting', '4000.00', ['close']],
      [CPIC, 'underwriting', '3400.00', ['close']],
    ]);
    for (const o of orders) expect(o.id).toMatch(/^\d{19}$/);
    const [a, b] = orders as [(typeof orders)[0], (typeof orders)[0]];
    expect(await deposit(p)).toBe('paying');
    expect(await attempts(p)).toEqual(['insurance:open']);

    // each insurer sees its own order only; another enterprise sees nothing
    expect((await picc.inject({ method: 'GET', url: `/api/insurance-orders/${a.id}` })).json().allowedActions).toEqual(['approve', 'refuse']);
    expect((await picc.inject({ method: 'GET', url: `/api/insurance-orders/${b.id}` })).statusCode).toBe(404);
    expect((await zijin.inject({ method: 'POST', url: `/api/insurance-orders/${a.id}/approve`, payload: { rate: '0.0095' } })).statusCode).toBe(404);
    expect((await otherEnt.inject({ method: 'GET', url: `/api/insurance-orders/${a.id}` })).statusCode).toBe(404);
    expect((await otherEnt.inject({ method: 'POST', url: `/api/insurance-orders/${a.id}/close` })).statusCode).toBe(404);
    expect((await hrss.inject({ method: 'GET', url: `/api/insurance-orders/${a.id}` })).statusCode).toBe(200);
    expect((await zijin.inject({ method: 'GET', url: '/api/insurance-orders' })).json().total).toBe(0);
    expect((await picc.inject({ method: 'GET', url: '/api/insurance-orders?todo=1' })).json().items.map((x: { id: string }) => x.id)).toContain(a.id);
    // 导出 Excel: the insurer's list, its own orders only
    const xlsx = await picc.inject({ method: 'GET', url: '/api/insurance-orders/export?status=underwriting' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('attachment;');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ids = wb.worksheets[0]!.getColumn(1).values.slice(2).map(String);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
    // 立即支付 before 核保: 409
    expect((await post(ent, a.id, 'pay')).statusCode).toBe(409);

    // 核保: PICC gives only the rate (保费 = 400,000.00 × 0.0094315 = 3772.60, half-up), CPIC both
    const ap = await post(picc, a.id, 'approve', { rate: '0.0094315' });
    expect(ap.statusCode, ap.body).toBe(200);
    expect(ap.json()).toMatchObject({ status: 'approved', finalRate: '0.0094315', finalPremium: '3772.60', payable: '3772.60' });
    expect((await post(cpic, b.id, 'approve', { rate: '0.0085', premium: '3390.00' })).json()).toMatchObject({ status: 'approved', finalPremium: '3390.00' });
    const seen = (await ent.inject({ method: 'GET', url: `/api/insurance-orders?applicationId=${res.json().applicationId}` })).json();
    expect(seen.items.map((x: { allowedActions: string[] }) => x.allowedActions)).toEqual([['pay', 'close'], ['pay', 'close']]);

    // 立即支付 on PICC's: it is 待支付, CPIC's 已关闭, in one transaction
    const paid = await post(ent, a.id, 'pay');
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paying', allowedActions: ['voucher'], account: { accountName: PICC, accountBank: '中国工商银行股份有限公司本溪分行', accountNo: '0705020109024800001' } });
    const rows = await db().select().from(insuranceOrders).where(eq(insuranceOrders.applicationId, BigInt(res.json().applicationId))).orderBy(asc(insuranceOrders.id));
    expect(rows.map((r) => [r.status, r.closedReason])).toEqual([
      ['paying', null],
      ['closed', 'chosen_other'],
    ]);
    // the other insurer approving / the enterprise paying it now: 409
    expect((await post(cpic, b.id, 'refuse', { reason: '已关闭' })).statusCode).toBe(409);
    expect((await post(ent, b.id, 'pay')).statusCode).toBe(409);
    expect(await audits(b.id)).toEqual(['insurance_order.submit', 'insurance_order.approve', 'insurance_order.switchClose']);

    // 收银台: 收款确认 needs the voucher
    expect((await post(picc, a.id, 'confirm-payment')).statusCode).toBe(409);
    const v = await post(ent, a.id, 'voucher', { voucherFileId: await pdf(ent, '支付凭证.pdf') });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json().allowedActions).toEqual([]);
    expect(v.json().files.voucher.name).toBe('支付凭证.pdf');
    expect((await picc.inject({ method: 'GET', url: `/api/insurance-orders/${a.id}` })).json().allowedActions).toEqual(['confirmPayment']);
    expect((await post(picc, a.id, 'confirm-payment')).json().status).toBe('paid');

    // 出单: a period that does not cover the construction is refused; a PDF only
    const policyFileId = await pdf(picc, '保单.pdf');
    const shortPolicy = await post(picc, a.id, 'issue-policy', { policyNo: 'PICC-BX-2026-0001', validFrom: '2026-03-01', validTo: '2026-11-30', policyFileId });
    expect([shortPolicy.statusCode, shortPolicy.json().message]).toEqual([400, '保险期间应覆盖施工期：保险起期不晚于 2026-03-02，保险止期不早于计划竣工日期 2026-12-31']);
    const issued = await post(picc, a.id, 'issue-policy', { policyNo: 'PICC-BX-2026-0001', validFrom: '2026-03-01', validTo: '2027-02-28', policyFileId });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', policyNo: 'PICC-BX-2026-0001', policyFrom: '2026-03-01', policyTo: '2027-02-28', allowedActions: [] });
    expect((await ent.inject({ method: 'GET', url: `/api/insurance-orders/${a.id}` })).json().allowedActions).toEqual(['requestInvoice']);
    expect(await deposit(p)).toBe('paid');
    expect(await attempts(p)).toEqual(['insurance:covered']);
    // the enterprise's messages: 核保结果 and 出单 of its own order (ADR 038)
    await ctx.app.outbox.drain();
    const decided = (await ent.inject({ method: 'GET', url: '/api/messages?kind=decision&pageSize=100' })).json().items.filter((m: { link: string }) => m.link === `/insurance-orders/${a.id}`);
    expect(decided.map((m: { title: string }) => m.title.split('：')[0]).sort()).toEqual(['保单已出单', '核保通过']);
    expect(decided.find((m: { title: string }) => m.title.startsWith('保单已出单')).body).toContain('PICC-BX-2026-0001');
    expect((await otherEnt.inject({ method: 'GET', url: '/api/messages?kind=decision&pageSize=100' })).json().items.filter((m: { link: string }) => m.link === `/insurance-orders/${a.id}`)).toHaveLength(0);
    const reg = await db().select().from(guarantees).where(eq(guarantees.sourceId, a.id));
    expect(reg.map((r) => [r.kind, r.number, r.amountFen, r.feeFen, r.issuerOrgId, r.validTo])).toEqual([['insurance_policy', 'PICC-BX-2026-0001', 40_000_000n, 377_260n, picc.orgId, '2027-02-28']]);
    // 保函管理 lists it for the enterprise and the insurer
    const list = (await ent.inject({ method: 'GET', url: `/api/guarantees?projectId=${p.id}` })).json();
    expect(list.items.map((g: { number?: string; guaranteeNo?: string }) => g.number ?? g.guaranteeNo)).toContain('PICC-BX-2026-0001');
    // 下载保单: the enterprise and PICC, not another insurer or enterprise
    const policy = issued.json().files.policy.id;
    for (const [s, code] of [[ent, 200], [picc, 200], [hrss, 200], [cpic, 404], [otherEnt, 404]] as const) expect((await s.inject({ method: 'GET', url: `/api/files/${policy}` })).statusCode).toBe(code);

    // 申请发票 → the insurer uploads it → downloadable
    expect((await post(picc, a.id, 'invoice', { invoiceFileId: await pdf(picc, '发票.pdf') })).statusCode).toBe(409);
    const bad = await post(ent, a.id, 'invoice-request', { title: ENTERPRISE, taxNo: '12', email: 'x' });
    expect(bad.statusCode).toBe(400);
    const asked = await post(ent, a.id, 'invoice-request', { title: ENTERPRISE, taxNo: '91210500MA0XXXXX1X', email: 'caiwu@example.com' });
    expect(asked.json()).toMatchObject({ invoiceTitle: ENTERPRISE, invoiceTaxNo: '91210500MA0XXXXX1X', allowedActions: [] });
    expect((await picc.inject({ method: 'GET', url: `/api/insurance-orders/${a.id}` })).json().allowedActions).toEqual(['invoice']);
    const inv = await post(picc, a.id, 'invoice', { invoiceFileId: await pdf(picc, '发票.pdf') });
    expect(inv.statusCode, inv.body).toBe(200);
    expect((await ent.inject({ method: 'GET', url: `/api/files/${inv.json().files.invoice.id}` })).statusCode).toBe(200);
    expect(await audits(a.id)).toEqual([
      'insurance_order.submit',
      'insurance_order.approve',
      'insurance_order.pay',
      'insurance_order.voucher',
      'insurance_order.confirmPayment',
      'insurance_order.issuePolicy',
      'insurance_order.requestInvoice',
      'insurance_order.invoice',
    ]);
    // after 出单 the enterprise cannot switch ways
    const cash = await ent.inject({
      method: 'POST',
      url: '/api/cash-deposits',
      payload: { projectId: p.id.toString(), bankOrgId: await orgByName(ctx, '中国建设银行股份有限公司本溪分行'), agreementFileId: await pdf(ent, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444', confirmSwitch: true },
    });
    expect(cash.statusCode).toBe(409);
  });

  it('two 立即支付 on two approved orders at once: exactly one is 待支付, the other stays closed, one pay audit', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await approvedProject();
      const { orders } = (await submit(p, [product.picc, product.cpic])).json();
      const [a, b] = orders as [{ id: string }, { id: string }];
      await post(picc, a.id, 'approve', { rate: '0.01' });
      await post(cpic, b.id, 'approve', { rate: '0.0085' });
      const results = await Promise.all([post(ent, a.id, 'pay'), post(ent, b.id, 'pay')]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const rows = await db().select({ s: insuranceOrders.status }).from(insuranceOrders).where(eq(insuranceOrders.projectId, p.id));
      expect(rows.map((r) => r.s).sort()).toEqual(['closed', 'paying']);
      const pays = [...(await audits(a.id)), ...(await audits(b.id))].filter((x) => x === 'insurance_order.pay');
      expect(pays).toHaveLength(1);
    }
  });

  it('refused by every insurer: the attempt closes and the deposit is 待缴纳 again; 关闭订单 likewise', async () => {
    const p = await approvedProject();
    const { orders } = (await submit(p, [product.picc, product.cpic])).json();
    const r1 = await post(picc, orders[0].id, 'refuse', { reason: '不符合承保条件' });
    expect(r1.json()).toMatchObject({ status: 'refused', refuseReason: '不符合承保条件' });
    expect(await deposit(p)).toBe('paying');
    expect((await post(cpic, orders[1].id, 'refuse', { reason: '资料不全' })).statusCode).toBe(200);
    expect(await deposit(p)).toBe('to_pay');
    expect(await attempts(p)).toEqual(['insurance:closed:refused']);
    await ctx.app.outbox.drain();
    const refusedMsg = (await ent.inject({ method: 'GET', url: '/api/messages?kind=decision&pageSize=100' })).json().items.find((m: { link: string }) => m.link === `/insurance-orders/${orders[0].id}`);
    expect(refusedMsg.title).toMatch(/^核保不通过：/);
    expect(refusedMsg.body).toContain('不符合承保条件');
    // 立即支付 on a refused order: 409
    expect((await post(ent, orders[0].id, 'pay')).statusCode).toBe(409);

    const again = (await submit(p, [product.picc])).json();
    expect(await deposit(p)).toBe('paying');
    expect((await post(ent, again.orders[0].id, 'close')).json().status).toBe('closed');
    expect(await deposit(p)).toBe('to_pay');
  });

  it('switching ways closes the live orders (confirmation first); the insurer then gets 409', async () => {
    const p = await approvedProject();
    const { orders } = (await submit(p, [product.picc, product.cpic])).json();
    await post(picc, orders[0].id, 'approve', { rate: '0.01' });
    const payload = { projectId: p.id.toString(), bankOrgId: await orgByName(ctx, '中国建设银行股份有限公司本溪分行'), agreementFileId: await pdf(ent, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444' };
    const ask = await ent.inject({ method: 'POST', url: '/api/cash-deposits', payload });
    expect(ask.json()).toMatchObject({ code: 'PAYMENT_SWITCH_CONFIRM', details: { openWay: 'insurance' } });
    const sw = await ent.inject({ method: 'POST', url: '/api/cash-deposits', payload: { ...payload, confirmSwitch: true } });
    expect(sw.statusCode, sw.body).toBe(201);
    const rows = await db().select({ s: insuranceOrders.status, r: insuranceOrders.closedReason }).from(insuranceOrders).where(eq(insuranceOrders.projectId, p.id));
    expect(rows.map((r) => `${r.s}:${r.r}`)).toEqual(['closed:switched', 'closed:switched']);
    expect((await post(cpic, orders[1].id, 'approve', { rate: '0.0085' })).statusCode).toBe(409);
    expect(await attempts(p)).toEqual(['insurance:closed:switched', 'cash:open']);
  });
});

describe('open API: 保险公司', () => {
  let piccClient: TestApiClient;
  let cpicClient: TestApiClient;
  let bankClient: TestApiClient;
  beforeAll(async () => {
    piccClient = await buildApiClient(ctx, picc.orgId);
    cpicClient = await buildApiClient(ctx, cpic.orgId);
    bankClient = await buildApiClient(ctx, bank.orgId);
  });
  const call = async (c: TestApiClient, method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await openInject(ctx, c, { method, url, body });
    expect(await signedByPlatform(ctx, res), `${method} ${url} signed`).toBe(true);
    return res;
  };
  const file = (name: string) => ({ name, contentBase64: Buffer.concat([PDF_BYTES, Buffer.from(`% ${name} ${++seq}\n`)]).toString('base64') });

  it('every insurer route with a number answers another insurer 404, with the order untouched', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, m]) => (p.startsWith('/api/open/v1/insurance-orders/') ? Object.keys(m).map((method) => `${method.toUpperCase()} ${p}`) : []));
    expect(routes.sort()).toEqual([
      'POST /api/open/v1/insurance-orders/{no}/approve',
      'POST /api/open/v1/insurance-orders/{no}/confirm-payment',
      'POST /api/open/v1/insurance-orders/{no}/invoice',
      'POST /api/open/v1/insurance-orders/{no}/issue-policy',
      'POST /api/open/v1/insurance-orders/{no}/refuse',
    ]);
    const p = await approvedProject();
    const no = (await submit(p, [product.picc])).json().orders[0].id as string;
    const bodies: Record<string, unknown> = {
      approve: { rate: '0.01' },
      refuse: { reason: '测试' },
      'confirm-payment': undefined,
      'issue-policy': { policyNo: 'X-1', validFrom: '2026-01-01', validTo: '2026-12-31', policy: file('保单.pdf') },
      invoice: { invoice: file('发票.pdf') },
    };
    for (const r of routes) {
      const res = await call(cpicClient, 'POST', r.replace('POST ', '').replace('{no}', no), bodies[r.split('/').pop()!]);
      expect([r, res.statusCode, res.json().code]).toEqual([r, 404, 'NOT_FOUND']);
    }
    expect((await ent.inject({ method: 'GET', url: `/api/insurance-orders/${no}` })).json().status).toBe('underwriting');
  });

  it('lists, approves, confirms, issues with the policy inside JSON and uploads the invoice; another insurer 404, a bank 403', async () => {
    const p = await approvedProject();
    const { orders } = (await submit(p, [product.picc, product.cpic])).json();
    const no = orders[0].id as string;
    const list = await call(piccClient, 'GET', '/api/open/v1/insurance-orders?status=underwriting');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.find((x: { no: string }) => x.no === no)).toMatchObject({ status: 'underwriting', applicantName: ENTERPRISE, amount: '400000.00', referencePremium: '4000.00', rate: null, policy: null });
    expect(list.json().items.map((x: { no: string }) => x.no)).not.toContain(orders[1].id);
    const events = (await call(piccClient, 'GET', '/api/open/v1/events?after=0')).json().events.filter((e: { objectNo: string }) => e.objectNo === no);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['insurance_order.submitted']);
    expect((await call(cpicClient, 'POST', `/api/open/v1/insurance-orders/${no}/approve`, { rate: '0.01' })).statusCode).toBe(404);
    expect((await call(bankClient, 'GET', '/api/open/v1/insurance-orders')).statusCode).toBe(403);

    const ap = await call(piccClient, 'POST', `/api/open/v1/insurance-orders/${no}/approve`, { rate: '0.0095', premium: '3800.00' });
    expect(ap.statusCode, ap.body).toBe(200);
    expect(ap.json()).toMatchObject({ status: 'approved', rate: '0.0095', premium: '3800.00' });
    expect((await post(ent, no, 'pay')).statusCode).toBe(200);
    // CPIC's order was closed by the enterprise's choice: its 核保 is 409, and its feed says so
    const closed = await call(cpicClient, 'POST', `/api/open/v1/insurance-orders/${orders[1].id}/refuse`, { reason: '测试' });
    expect(closed.statusCode).toBe(409);
    expect((await call(cpicClient, 'GET', '/api/open/v1/events?after=0')).json().events.filter((e: { objectNo: string }) => e.objectNo === orders[1].id).map((e: { type: string }) => e.type)).toEqual([
      'insurance_order.submitted',
      'insurance_order.closed',
    ]);
    await post(ent, no, 'voucher', { voucherFileId: await pdf(ent, '支付凭证.pdf') });
    expect((await call(piccClient, 'GET', '/api/open/v1/insurance-orders?status=paying')).json().items.find((x: { no: string }) => x.no === no).voucherUploaded).toBe(true);
    expect((await call(piccClient, 'POST', `/api/open/v1/insurance-orders/${no}/confirm-payment`)).json().status).toBe('paid');
    const issued = await call(piccClient, 'POST', `/api/open/v1/insurance-orders/${no}/issue-policy`, { policyNo: 'PICC-OPEN-2026-01', validFrom: '2026-01-01', validTo: '2026-12-31', policy: file('保单.pdf') });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', policy: { policyNo: 'PICC-OPEN-2026-01', validFrom: '2026-01-01', validTo: '2026-12-31' } });
    expect(await deposit(p)).toBe('paid');
    await post(ent, no, 'invoice-request', { title: ENTERPRISE, taxNo: '91210500MA0XXXXX1X', email: 'caiwu@example.com' });
    expect((await call(piccClient, 'GET', '/api/open/v1/events?after=0')).json().events.filter((e: { objectNo: string }) => e.objectNo === no).map((e: { type: string }) => e.type)).toEqual([
      'insurance_order.submitted',
      'insurance_order.paying',
      'insurance_order.invoice_requested',
    ]);
    const inv = await call(piccClient, 'POST', `/api/open/v1/insurance-orders/${no}/invoice`, { invoice: file('发票.pdf') });
    expect(inv.statusCode, inv.body).toBe(200);
    expect(inv.json()).toMatchObject({ invoiceUploaded: true, invoiceRequest: { taxNo: '91210500MA0XXXXX1X' } });
    // the audit rows name the client's appId
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.targetId, no), eq(auditLog.action, 'insurance_order.approve')));
    expect(row!.actorClient).toBe(piccClient.appId);
  });
});
