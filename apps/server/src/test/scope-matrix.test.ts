/**
 * Role × route × object (docs/decisions/019). Every route of /api/openapi.json with a path
 * parameter has an entry here: a real object to call it on (enterprise A's project, quota
 * application, files; an arrears record of 平山区; certifications; the operator's configuration),
 * and for each identity the answer it must get: allowed (2xx, or the workflow's 409 when an earlier
 * caller already moved the object), 404 (out of its scope: it must not learn the object exists) or 403
 * (a role that may never call the route). A route with a parameter and no entry fails the test, so
 * a new route cannot be forgotten.
 *
 * Out-of-scope and refused callers go first, so an allowed caller that follows proves they changed
 * nothing (its first call on a fresh object must be a 2xx).
 */
import { eq, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@benxi/shared';
import { calendarOverrides, cashDeposits, dictItems, loginThrottle, organizations, projects, quotaApplications, supervisionMappings, users, messages } from '../db/schema/index';
import { registerGuarantee } from '../modules/guarantees/register';
import { buildOfflineGuarantee } from './factories';
import { RESOURCES, scopeOf, type Resource } from '../platform/scope';
import { buildUser, certificationInput, createTestContext, orgByName, PDF_BYTES, projectInput, sessionFor, uploadFile, type Session, type TestContext } from './harness';
import { buildApiClient } from './open';

const WHO = ['owner', 'enterpriseB', 'hrssX', 'hrssOther', 'hrssCity', 'authorityX', 'authorityOther', 'bank', 'insurer', 'admin'] as const;
type Who = (typeof WHO)[number];
type Outcome = 'ok' | 404 | 403;

const PINGSHAN = '210502'; // district X

let ctx: TestContext;
const as = {} as Record<Who, Session & { role: Role; orgId: string }>;

beforeAll(async () => {
  ctx = await createTestContext();
  const make = async (who: Who, role: Role, unit?: string) => {
    const u = await buildUser(ctx, { role, certified: true, ...(unit ? { orgId: await orgByName(ctx, unit) } : {}) });
    as[who] = { ...(await sessionFor(ctx, u)), role, orgId: u.orgId };
  };
  await make('owner', 'enterprise');
  await make('enterpriseB', 'enterprise');
  await make('hrssX', 'hrss', '本溪市平山区人力资源和社会保障局');
  await make('hrssOther', 'hrss', '本溪市溪湖区人力资源和社会保障局');
  await make('hrssCity', 'hrss', '辽宁省本溪市人力资源和社会保障局');
  await make('authorityX', 'authority', '本溪市平山区住房和城乡建设局');
  await make('authorityOther', 'authority', '本溪市溪湖区住房和城乡建设局');
  await make('bank', 'bank', '中国建设银行股份有限公司本溪分行');
  await make('insurer', 'insurer', '中国人民财产保险股份有限公司本溪市分公司');
  await make('admin', 'admin');
}, 120_000);
afterAll(() => ctx?.close());

const ok = (res: LightMyRequestResponse) => res.statusCode >= 200 && res.statusCode < 300;

// ------------------------------------------------------------------------------------------------
// Objects

/** A project of enterprise A in district X (平山区: its hrss and housing bureau supervise it). */
async function projectOfA(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await as.owner.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ regionCode: PINGSHAN, ...overrides }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A 申请中 quota application of A (一般缴纳), on a project of its own. */
async function quotaOfA(): Promise<string> {
  const projectId = await projectOfA();
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/quota-applications',
    payload: { projectId, contractAmount: '20000000.00', prepayMode: 'ratio', prepayRatio: '2', applyType: 'general', payMethod: 'guarantee', handlerName: '张三全', handlerPhone: '13455554444' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A's project in district X with its 一般缴纳 quota approved by 平山区: 待缴纳. */
async function payableProjectOfA(): Promise<string> {
  const projectId = await projectOfA();
  const q = await as.owner.inject({
    method: 'POST',
    url: '/api/quota-applications',
    payload: { projectId, contractAmount: '20000000.00', prepayMode: 'ratio', prepayRatio: '2', applyType: 'general', payMethod: 'cash', handlerName: '张三全', handlerPhone: '13455554444' },
  });
  expect(q.statusCode, q.body).toBe(201);
  const ok = await as.hrssX.inject({ method: 'POST', url: `/api/quota-applications/${q.json().id}/approve`, payload: {} });
  expect(ok.statusCode, ok.body).toBe(200);
  return projectId;
}

/** A's 现金存缴 addressed to the matrix's bank. */
async function cashDepositOfA(): Promise<string> {
  const projectId = await payableProjectOfA();
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/cash-deposits',
    payload: { projectId, bankOrgId: as.bank.orgId, agreementFileId: await uploadFile(as.owner, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A's online 保函 application addressed to the matrix's bank (accepted by it, for 出函). */
async function guaranteeApplicationOfA(accepted = false): Promise<string> {
  const projectId = await payableProjectOfA();
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/guarantee-applications',
    payload: { projectId, bankOrgId: as.bank.orgId, amount: '400000.00', termFrom: '2026-03-02', termTo: '2027-03-01', handlerName: '张三全', handlerPhone: '13455554444' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id;
  if (accepted) expect((await as.bank.inject({ method: 'POST', url: `/api/guarantee-applications/${id}/accept` })).statusCode).toBe(200);
  return id;
}

/** A 免缴 application of A with its 营业执照 and 中标通知书: the licence file. */
async function fileOfAQuota(): Promise<string> {
  const projectId = await projectOfA({ contractAmount: '2999999.99' });
  const licence = await uploadFile(as.owner, '营业执照.pdf');
  const notice = await uploadFile(as.owner, '中标通知书.pdf');
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/quota-applications',
    payload: { projectId, contractAmount: '2999999.99', prepayMode: 'ratio', prepayRatio: '2', applyType: 'exempt', handlerName: '张三全', handlerPhone: '13455554444', licenseFileId: licence, bidNoticeFileIds: [notice],
      // A has other projects in the district by now: 免缴 needs a written reason then
      justification: '应急抢险工程，工期一个月' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return licence;
}

let certOfA: { id: string; fileId: string } | undefined;
/** A's own certification (pending) and its 营业执照. */
async function certificationFileOfA(): Promise<string> {
  if (!certOfA) {
    const fileId = await uploadFile(as.owner, '营业执照（认证）.pdf');
    const res = await as.owner.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: fileId }) });
    expect(res.statusCode, res.body).toBe(201);
    certOfA = { id: res.json().id, fileId };
  }
  return certOfA.fileId;
}

/** A pending certification of a newly registered (uncertified) enterprise. */
async function pendingCertification(): Promise<string> {
  const u = await buildUser(ctx, { role: 'enterprise' });
  const s = await sessionFor(ctx, u);
  const res = await s.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: await uploadFile(s) }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function arrearsEnteredBy(who: 'hrssX' | 'hrssCity'): Promise<string> {
  const [org] = await ctx.database.db.select().from(organizations).where(eq(organizations.id, as.owner.orgId));
  const res = await as[who].inject({
    method: 'POST',
    url: '/api/arrears-records',
    payload: { creditCode: org!.creditCode, kind: 'arrears', regionCode: PINGSHAN, occurredOn: '2025-05-01', sourceDocument: '欠薪认定书 本人社〔2025〕1号' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

let offlineSeq = 0;
/** A 待审核 保单保函 of A, issued by the matrix's bank. */
async function offlineOfA(): Promise<string> {
  const projectId = await payableProjectOfA();
  offlineSeq += 1;
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/offline-guarantees',
    payload: {
      projectId, instrumentType: 'bank_guarantee', handlerName: '张三全', handlerPhone: '13455554444', bankBrand: '中国建设银行', issuerOrgId: as.bank.orgId,
      productName: '农民工工资支付银行保函', guaranteeNo: `SM-${randomCode()}-${offlineSeq}`, amount: '400000.00', fee: '1200.00', issuedOn: '2026-02-27',
      validFrom: '2026-03-01', validTo: '2027-02-28', fileId: await uploadFile(as.owner, '保函.pdf'),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A guarantee in 保函管理: A's upload approved by district X (issued by the matrix's bank). */
async function guaranteeOfA(): Promise<string> {
  const id = await offlineOfA();
  const res = await as.hrssX.inject({ method: 'POST', url: `/api/offline-guarantees/${id}/approve`, payload: {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().guaranteeId;
}

// 保险办理 (issue 12): an order of A addressed to the matrix's insurer, in the state a route needs
let insuranceProductId: string | undefined;
async function insuranceOrderOfA(state: 'underwriting' | 'approved' | 'paying' | 'voucher' | 'paid' | 'issued' | 'invoiceRequested' = 'underwriting'): Promise<string> {
  if (!insuranceProductId) {
    const res = await as.admin.inject({
      method: 'POST',
      url: '/api/insurance/products',
      payload: { insurerOrgId: as.insurer.orgId, name: '农民工工资支付履约保证保险（矩阵）', productType: 'project', regions: ['210500'], applicantTypes: ['contractor'], qualifications: ['grade_1'], annualRatePercent: '1' },
    });
    expect(res.statusCode, res.body).toBe(201);
    insuranceProductId = res.json().id as string;
  }
  const projectId = await payableProjectOfA();
  const quotes = (await as.owner.inject({ method: 'GET', url: `/api/projects/${projectId}/insurance-quotes` })).json();
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/insurance-applications',
    payload: {
      projectId, regionCode: '210502', productType: 'project', applicantType: 'contractor', qualification: 'grade_1', productIds: [insuranceProductId], startOn: quotes.startOn, endOn: quotes.endOn,
      tenderFileId: await uploadFile(as.owner, '招标文件.pdf'), awardFileId: await uploadFile(as.owner, '中标通知书.pdf'),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().orders[0].id as string;
  const step = async (s: Session, url: string, payload?: unknown) => {
    const r = await s.inject({ method: 'POST', url: `/api/insurance-orders/${id}/${url}`, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
    expect(r.statusCode, r.body).toBe(200);
  };
  const order = ['underwriting', 'approved', 'paying', 'voucher', 'paid', 'issued', 'invoiceRequested'];
  const upTo = (s: string) => order.indexOf(state) >= order.indexOf(s);
  if (upTo('approved')) await step(as.insurer, 'approve', { rate: '0.00096' });
  if (upTo('paying')) await step(as.owner, 'pay');
  if (upTo('voucher')) await step(as.owner, 'voucher', { voucherFileId: await uploadFile(as.owner, '支付凭证.pdf') });
  if (upTo('paid')) await step(as.insurer, 'confirm-payment');
  if (upTo('issued')) await step(as.insurer, 'issue-policy', { policyNo: `BD${randomCode()}`, validFrom: quotes.startOn, validTo: quotes.endOn, policyFileId: await uploadFile(as.insurer, '保单.pdf') });
  if (upTo('invoiceRequested')) await step(as.owner, 'invoice-request', { title: '本溪测试建工集团有限公司', taxNo: '91210500MA0XXXXX1X', email: 'caiwu@example.com' });
  return id;
}

/** 备案 / 注销 / 返还 (issue 13): a 申请中 filing of A (its deposit 已缴纳). */
async function filingOfA(): Promise<string> {
  const projectId = await projectOfA();
  await ctx.database.db.update(projects).set({ depositStatus: 'paid' }).where(eq(projects.id, BigInt(projectId)));
  const res = await as.owner.inject({ method: 'POST', url: '/api/filings', payload: { projectId } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A completed project of A with a 已备案 deposit holding 1,000.00 in cash at the matrix's bank. */
async function completedFiledProjectOfA(): Promise<string> {
  const projectId = await projectOfA();
  const [p] = await ctx.database.db
    .update(projects)
    .set({ depositStatus: 'filed', actualStart: '2026-01-05', actualCompletion: '2026-02-27', status: 'completed' })
    .where(eq(projects.id, BigInt(projectId)))
    .returning();
  const now = ctx.clock.now();
  await ctx.database.db.insert(cashDeposits).values({
    id: BigInt(projectId) + 1n, projectId: p!.id, enterpriseOrgId: p!.enterpriseOrgId, hrssOrgId: p!.hrssOrgId, authorityOrgId: p!.authorityOrgId, bankOrgId: as.bank.orgId,
    status: 'arrived', requiredFen: 100_000n, paidFen: 100_000n, handlerName: '张三全', handlerPhone: '13455554444', submittedAt: now, updatedAt: now,
  });
  return projectId;
}

/** A 申请中 保证金注销申请 of A. */
async function cancellationOfA(): Promise<string> {
  const projectId = await completedFiledProjectOfA();
  const res = await as.owner.inject({
    method: 'POST',
    url: '/api/cancellations',
    payload: {
      projectId, actualStart: '2026-01-05', actualCompletion: '2026-02-27', publicityStart: '2026-01-20', handlerName: '张三全', handlerPhone: '13455554444',
      acceptanceReportFileIds: [await uploadFile(as.owner, '竣工验收报告.pdf')], applicationFormFileIds: [await uploadFile(as.owner, '注销申请表.pdf')],
      noArrearsPledgeFileIds: [await uploadFile(as.owner, '承诺书.pdf')],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** An approved cancellation of A (its 确认书 issued, a 返还确认 for the matrix's bank). */
async function approvedCancellationOfA(): Promise<{ id: string; returnId: string }> {
  const id = await cancellationOfA();
  const res = await as.hrssX.inject({ method: 'POST', url: `/api/cancellations/${id}/approve` });
  expect(res.statusCode, res.body).toBe(200);
  return { id, returnId: res.json().returns[0].id };
}

// 保证金动用 (ADR 032): A's covered project, a use of it addressed to the matrix's bank
let matrixVoucher = 0;
async function bankConfirms(cashId: string, amount: string): Promise<void> {
  const payerName = (await ctx.database.db.select().from(organizations).where(eq(organizations.id, as.owner.orgId)))[0]!.name;
  const voucherFileId = await uploadFile(as.bank, '凭证.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% matrix voucher ${++matrixVoucher}\n`)]));
  const res = await as.bank.inject({ method: 'POST', url: `/api/cash-deposits/${cashId}/confirm`, payload: { accountNo: '21050161360100000123', amount, arrivedOn: '2026-03-02', payerName, voucherFileId } });
  expect(res.statusCode, res.body).toBe(200);
}
/** A's project in district X whose deposit is covered by cash at the matrix's bank (已缴纳). */
async function coveredProjectOfA(): Promise<string> {
  const cashId = await cashDepositOfA();
  const cd = (await as.owner.inject({ method: 'GET', url: `/api/cash-deposits/${cashId}` })).json();
  await bankConfirms(cashId, cd.requiredAmount);
  return cd.projectId;
}
let lastTransferId = '';
/** A use of A's deposit recorded by district X (two workers), addressed to the bank; `failed`: the bank failed the first worker. */
async function useOfA(opts: { failed?: boolean; replenished?: boolean } = {}): Promise<string> {
  const projectId = await coveredProjectOfA();
  const decisionFileId = await uploadFile(as.hrssX, '决定书.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% decision ${randomCode()}\n`)]));
  const res = await as.hrssX.inject({
    method: 'POST',
    url: '/api/deposit-uses',
    payload: {
      projectId, decisionType: 'advance_payment', decisionNo: '本人社先〔2026〕1号', decisionDate: '2026-03-01', decisionFileId, amount: '5000.00',
      workers: [
        { name: '王小二', idNumber: '11010519491231002X', bankName: '中国工商银行本溪分行', cardNo: '6222020712000011111', amount: '3000.00' },
        { name: '李大山', idNumber: '440524188001010014', bankName: '中国农业银行本溪分行', cardNo: '6228480712000022222', amount: '2000.00' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const use = res.json();
  lastTransferId = use.transfers[0].id;
  if (opts.failed) {
    const f = await as.bank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/fail`, payload: { transferId: lastTransferId, reason: '银行卡已销户' } });
    expect(f.statusCode, f.body).toBe(200);
  }
  if (opts.replenished) {
    const r = await as.owner.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/replenish-cash`, payload: { bankOrgId: as.bank.orgId, agreementFileId: await uploadFile(as.owner, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444' } });
    expect(r.statusCode, r.body).toBe(200);
    await bankConfirms(r.json().replenishCash.id, '5000.00');
  }
  return use.id;
}

// ------------------------------------------------------------------------------------------------
// Who gets what

/** everyone but `allowed` gets `rest` */
const only = (allowed: Who[], rest: 403 | 404, also: Partial<Record<Who, Outcome>> = {}): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, also[w] ?? (allowed.includes(w) ? 'ok' : rest)])) as Record<Who, Outcome>;

/** read a project or quota application: A, the units of its remit (district X, the city), admin */
const READ_SUPERVISED = only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'admin'], 404, { bank: 403, insurer: 403 });
/** change A's object: A only; other enterprises do not see it; no other role may call the route */
const ENTERPRISE_ACTS = only(['owner'], 403, { enterpriseB: 404 });
/** 审核 (hrss only): the hrss units of its remit; another district does not see it */
const HRSS_REVIEWS = only(['hrssX', 'hrssCity'], 403, { hrssOther: 404 });
/** a payment record of A addressed to the bank: A, its supervisors, the bank, admin */
const READ_PAYMENT = only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'bank', 'admin'], 404, { insurer: 403 });
/** the bank's 受理 / 出函 / 确认到账: the bank it is addressed to (no other role may call it) */
const BANK_ACTS = only(['bank'], 403);
/** an insurance order of A at the insurer: A, its supervisors, the insurer, admin (a bank may not call the route) */
const READ_INSURANCE = only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'insurer', 'admin'], 404, { bank: 403 });
/** the insurer's 核保 / 收款确认 / 出单 / 发票: the insurer it is addressed to */
const INSURER_ACTS = only(['insurer'], 403);
/** 保证金动用: A, its supervisors, the bank or insurer it is addressed to */
const READ_USE = only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'bank'], 404, { admin: 403 });
/** the operator's own routes */
const ADMIN_ONLY = only(['admin'], 403);

interface Entry {
  object: string;
  make(): Promise<string>;
  body?: () => Promise<unknown> | unknown;
  expect: Record<Who, Outcome>;
}

const randomCode = () => `t${Math.random().toString(36).slice(2, 10)}`;
const matrix: Record<string, Entry[]> = {
  'GET /api/projects/{id}': [{ object: "A's project (平山区)", make: () => projectOfA(), expect: READ_SUPERVISED }],
  'PATCH /api/projects/{id}': [{ object: "A's project", make: () => projectOfA(), body: () => ({ managerName: '王五' }), expect: ENTERPRISE_ACTS }],
  'PUT /api/projects/{id}/progress': [{ object: "A's project", make: () => projectOfA(), body: () => ({ actualStart: '2026-02-01' }), expect: ENTERPRISE_ACTS }],
  'GET /api/quota-applications/{id}': [{ object: "A's quota application", make: quotaOfA, expect: READ_SUPERVISED }],
  'POST /api/quota-applications/{id}/withdraw': [{ object: "A's quota application", make: quotaOfA, expect: ENTERPRISE_ACTS }],
  'POST /api/quota-applications/{id}/approve': [{ object: "A's quota application", make: quotaOfA, body: () => ({}), expect: HRSS_REVIEWS }],
  'POST /api/quota-applications/{id}/reject': [{ object: "A's quota application", make: quotaOfA, body: () => ({ reason: '材料不全，请补充施工合同' }), expect: HRSS_REVIEWS }],
  // 缴纳 (ADR 022): the deposit card reads the project (a bank may call the route but reads no project)
  'GET /api/projects/{id}/deposit': [{ object: "A's project", make: () => projectOfA(), expect: only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'admin'], 404, { insurer: 403 }) }],
  'GET /api/projects/{id}/banks': [{ object: "A's payable project", make: payableProjectOfA, expect: ENTERPRISE_ACTS }],
  'GET /api/cash-deposits/{id}': [{ object: "A's 现金存缴 at the bank", make: cashDepositOfA, expect: READ_PAYMENT }],
  'POST /api/cash-deposits/{id}/confirm': [
    {
      object: "A's 现金存缴 at the bank",
      make: cashDepositOfA,
      body: async () => ({ accountNo: '21050161360100000123', amount: '1000.00', arrivedOn: '2026-03-02', payerName: (await ctx.database.db.select().from(organizations).where(eq(organizations.id, as.owner.orgId)))[0]!.name, voucherFileId: await uploadFile(as.bank, '凭证.pdf') }),
      expect: BANK_ACTS,
    },
  ],
  'GET /api/guarantee-applications/{id}': [{ object: "A's 保函 application at the bank", make: () => guaranteeApplicationOfA(), expect: READ_PAYMENT }],
  'POST /api/guarantee-applications/{id}/accept': [{ object: "A's 保函 application at the bank", make: () => guaranteeApplicationOfA(), expect: BANK_ACTS }],
  'POST /api/guarantee-applications/{id}/refuse': [{ object: "A's 保函 application at the bank", make: () => guaranteeApplicationOfA(), body: () => ({ reason: '授信额度不足' }), expect: BANK_ACTS }],
  'POST /api/guarantee-applications/{id}/issue': [
    {
      object: "A's accepted 保函 application",
      make: () => guaranteeApplicationOfA(true),
      body: async () => ({ guaranteeNo: `BH${randomCode()}`, issuedOn: '2026-03-02', validFrom: '2026-03-02', validTo: '2027-03-01', amount: '400000.00', fee: '1200.00', letterFileId: await uploadFile(as.bank, '保函.pdf') }),
      expect: BANK_ACTS,
    },
  ],
  // 保险办理 (issue 12): the order's parties read it; the enterprise pays / closes / uploads, the insurer underwrites
  'GET /api/insurance-orders/{id}': [{ object: "A's insurance order at the insurer", make: () => insuranceOrderOfA(), expect: READ_INSURANCE }],
  'POST /api/insurance-orders/{id}/pay': [{ object: "A's approved insurance order", make: () => insuranceOrderOfA('approved'), expect: ENTERPRISE_ACTS }],
  'POST /api/insurance-orders/{id}/close': [{ object: "A's insurance order", make: () => insuranceOrderOfA(), expect: ENTERPRISE_ACTS }],
  'POST /api/insurance-orders/{id}/voucher': [
    { object: "A's chosen insurance order", make: () => insuranceOrderOfA('paying'), body: async () => ({ voucherFileId: await uploadFile(as.owner, '支付凭证.pdf') }), expect: ENTERPRISE_ACTS },
  ],
  'POST /api/insurance-orders/{id}/invoice-request': [
    { object: "A's issued insurance order", make: () => insuranceOrderOfA('issued'), body: () => ({ title: '本溪测试建工集团有限公司', taxNo: '91210500MA0XXXXX1X', email: 'caiwu@example.com' }), expect: ENTERPRISE_ACTS },
  ],
  'POST /api/insurance-orders/{id}/approve': [{ object: "A's insurance order", make: () => insuranceOrderOfA(), body: () => ({ rate: '0.00096' }), expect: INSURER_ACTS }],
  'POST /api/insurance-orders/{id}/refuse': [{ object: "A's insurance order", make: () => insuranceOrderOfA(), body: () => ({ reason: '不符合承保条件' }), expect: INSURER_ACTS }],
  'POST /api/insurance-orders/{id}/confirm-payment': [{ object: "A's paid-in insurance order", make: () => insuranceOrderOfA('voucher'), expect: INSURER_ACTS }],
  'POST /api/insurance-orders/{id}/issue-policy': [
    {
      object: "A's paid insurance order",
      make: () => insuranceOrderOfA('paid'),
      body: async () => ({ policyNo: `BD${randomCode()}`, validFrom: '2026-01-01', validTo: '2027-12-31', policyFileId: await uploadFile(as.insurer, '保单.pdf') }),
      expect: INSURER_ACTS,
    },
  ],
  'POST /api/insurance-orders/{id}/invoice': [
    { object: "A's insurance order with an invoice request", make: () => insuranceOrderOfA('invoiceRequested'), body: async () => ({ invoiceFileId: await uploadFile(as.insurer, '发票.pdf') }), expect: INSURER_ACTS },
  ],
  'GET /api/projects/{id}/insurance-quotes': [{ object: "A's payable project", make: payableProjectOfA, expect: ENTERPRISE_ACTS }],
  'PUT /api/insurance/insurers/{orgId}/account': [
    { object: "an insurer's collection account", make: async () => as.insurer.orgId, body: () => ({ accountName: '中国人民财产保险股份有限公司本溪市分公司', accountBank: '中国工商银行本溪分行', accountNo: '0705020109000000001' }), expect: ADMIN_ONLY },
  ],
  'PUT /api/insurance/products/{id}': [
    {
      object: 'an insurance product',
      make: async () => {
        await insuranceOrderOfA();
        return insuranceProductId!;
      },
      body: () => ({ insurerOrgId: as.insurer.orgId, name: '农民工工资支付履约保证保险（矩阵）', productType: 'project', regions: ['210500'], applicantTypes: ['contractor'], qualifications: ['grade_1'], annualRatePercent: '1' }),
      expect: ADMIN_ONLY,
    },
  ],
  'POST /api/insurance/products/{id}/withdraw': [
    {
      object: 'an insurance product of its own',
      make: async () => {
        const res = await as.admin.inject({
          method: 'POST',
          url: '/api/insurance/products',
          payload: { insurerOrgId: as.insurer.orgId, name: `下架测试${randomCode()}`, productType: 'annual', regions: ['210502'], applicantTypes: ['contractor'], qualifications: ['other'], annualRatePercent: '0.8' },
        });
        return res.json().id as string;
      },
      expect: ADMIN_ONLY,
    },
  ],
  'PUT /api/admin/bank-offers/{orgId}': [
    {
      object: "a bank's offer",
      make: async () => as.bank.orgId,
      body: () => ({ regions: ['210500'], offersCashAccount: true, offersGuarantee: true, accountInstructions: '开户须知（测试）' }),
      expect: ADMIN_ONLY,
    },
  ],
  'GET /api/files/{id}': [
    // reading a file = reading its owner; banks and insurers may call the route but nothing is theirs
    { object: "a file attached to A's quota application", make: fileOfAQuota, expect: only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'admin'], 404) },
    { object: "a file attached to A's certification", make: certificationFileOfA, expect: only(['owner', 'admin'], 404) },
    { object: "A's unattached upload", make: () => uploadFile(as.owner, '草稿.pdf'), expect: only(['owner'], 404) },
    { object: "a bank's unattached upload", make: () => uploadFile(as.bank, '保函.pdf'), expect: only(['bank'], 404) },
  ],
  'POST /api/arrears-records/{id}/remove': [
    { object: 'a record entered by 平山区', make: () => arrearsEnteredBy('hrssX'), body: () => ({ removedOn: '2026-03-01' }), expect: HRSS_REVIEWS },
    // a district reads the city's entries (they raise its enterprises' ratios) but may not lift them: 403 with whom to ask
    { object: 'a record entered by the city', make: () => arrearsEnteredBy('hrssCity'), body: () => ({ removedOn: '2026-03-01' }), expect: only(['hrssCity'], 403) },
  ],
  'GET /api/projects/{id}/offline-guarantee-form': [{ object: "A's payable project", make: payableProjectOfA, expect: ENTERPRISE_ACTS }],
  // 保单保函: A, the units of its remit; banks and insurers never see an upload (only what is registered)
  'GET /api/offline-guarantees/{id}': [{ object: "A's 保单保函", make: offlineOfA, expect: only(['owner', 'hrssX', 'hrssCity', 'authorityX'], 404, { bank: 403, insurer: 403, admin: 403 }) }],
  'POST /api/offline-guarantees/{id}/approve': [{ object: "A's 保单保函", make: offlineOfA, body: () => ({}), expect: HRSS_REVIEWS }],
  'POST /api/offline-guarantees/{id}/return': [{ object: "A's 保单保函", make: offlineOfA, body: () => ({ reason: '保函文件不清晰，请重新上传' }), expect: HRSS_REVIEWS }],
  // 保函管理: A, the units of its remit, and the bank that issued it; another bank (the insurer here) does not see it
  'GET /api/guarantees/{id}': [{ object: 'a guarantee of A issued by the bank', make: guaranteeOfA, expect: only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'bank'], 404, { admin: 403 }) }],
  // 备案 / 注销 / 返还 (issue 13)
  'GET /api/projects/{id}/closure': [{ object: "A's project", make: () => projectOfA(), expect: READ_SUPERVISED }],
  'GET /api/filings/{id}': [{ object: "A's filing", make: filingOfA, expect: READ_SUPERVISED }],
  'POST /api/filings/{id}/approve': [{ object: "A's filing", make: filingOfA, expect: HRSS_REVIEWS }],
  'POST /api/filings/{id}/reject': [{ object: "A's filing", make: filingOfA, body: () => ({ reason: '缴纳凭证不清晰' }), expect: HRSS_REVIEWS }],
  'GET /api/projects/{id}/cancellation-form': [{ object: "A's project", make: () => projectOfA(), expect: ENTERPRISE_ACTS }],
  // a bank reads a cancellation only once it has a 返还确认 of it
  'GET /api/cancellations/{id}': [{ object: "A's pending cancellation", make: cancellationOfA, expect: only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'admin'], 404, { insurer: 403 }) }],
  'GET /api/cancellations/{id}/confirmation.pdf': [
    { object: "A's approved cancellation", make: async () => (await approvedCancellationOfA()).id, expect: only(['owner', 'hrssX', 'hrssCity', 'authorityX', 'bank', 'admin'], 404, { insurer: 403 }) },
  ],
  'POST /api/cancellations/{id}/approve': [{ object: "A's pending cancellation", make: cancellationOfA, expect: HRSS_REVIEWS }],
  'POST /api/cancellations/{id}/reject': [{ object: "A's pending cancellation", make: cancellationOfA, body: () => ({ reason: '经核查存在拖欠农民工工资情况' }), expect: HRSS_REVIEWS }],
  'GET /api/return-confirmations/{id}': [
    { object: "the bank's 返还确认 of A", make: async () => (await approvedCancellationOfA()).returnId, expect: only(['owner', 'hrssX', 'hrssCity', 'bank', 'admin'], 404, { insurer: 403 }) },
  ],
  'POST /api/return-confirmations/{id}/confirm': [
    { object: "the bank's 返还确认 of A", make: async () => (await approvedCancellationOfA()).returnId, body: () => ({ returnedOn: '2026-03-02', principal: '1000.00', interest: '1.00' }), expect: BANK_ACTS },
  ],
  // 保证金动用 (ADR 032): A, the units of its remit, the bank holding the cash; hrss records and confirms, the bank pays, A replenishes
  'GET /api/projects/{id}/use-coverage': [{ object: "A's covered project", make: coveredProjectOfA, expect: HRSS_REVIEWS }],
  // 台账 (ADR 043): the supervisors of the project's remit; another district's units do not see it; other roles may not call it
  'GET /api/ledger/{projectId}': [{ object: "A's covered project", make: coveredProjectOfA, expect: only(['hrssX', 'hrssCity', 'authorityX'], 403, { hrssOther: 404, authorityOther: 404 }) }],
  'GET /api/deposit-uses/{id}': [{ object: "a use of A's deposit", make: () => useOfA(), expect: READ_USE }],
  'GET /api/deposit-uses/{id}/notice.pdf': [{ object: "a use of A's deposit", make: () => useOfA(), expect: READ_USE }],
  'POST /api/deposit-uses/{id}/pay': [{ object: "a use addressed to the bank", make: () => useOfA(), body: () => ({ transferId: lastTransferId, paidOn: '2026-03-02', reference: 'CCB-1' }), expect: only(['bank'], 403, { insurer: 404 }) }],
  'POST /api/deposit-uses/{id}/fail': [{ object: "a use addressed to the bank", make: () => useOfA(), body: () => ({ transferId: lastTransferId, reason: '银行卡已销户' }), expect: only(['bank'], 403, { insurer: 404 }) }],
  'POST /api/deposit-uses/{id}/correct': [{ object: 'a use with a failed worker', make: () => useOfA({ failed: true }), body: () => ({ transferId: lastTransferId, bankName: '中国建设银行本溪分行', cardNo: '6217000712000044444' }), expect: HRSS_REVIEWS }],
  'POST /api/deposit-uses/{id}/replenish-cash': [
    { object: "a use of A's deposit", make: () => useOfA(), body: async () => ({ bankOrgId: as.bank.orgId, agreementFileId: await uploadFile(as.owner, '存款协议书.pdf'), handlerName: '张三全', handlerPhone: '13455554444' }), expect: ENTERPRISE_ACTS },
  ],
  'POST /api/deposit-uses/{id}/confirm-replenishment': [{ object: 'a replenished use', make: () => useOfA({ replenished: true }), expect: HRSS_REVIEWS }],
  'GET /api/admin/certifications/{id}': [{ object: 'a pending certification', make: pendingCertification, expect: ADMIN_ONLY }],
  'POST /api/admin/certifications/{id}/approve': [{ object: 'a pending certification', make: pendingCertification, expect: ADMIN_ONLY }],
  'POST /api/admin/certifications/{id}/reject': [{ object: 'a pending certification', make: pendingCertification, body: () => ({ reason: '营业执照不清晰，请重新上传' }), expect: ADMIN_ONLY }],
  // the operator's configuration: no owner, admin only
  ...Object.fromEntries(
    (['unlock', 'disable', 'enable', 'reset-password'] as const).map((action) => [
      `POST /api/admin/users/{id}/${action}`,
      [
        {
          // in the state the action applies to: locked for 解除锁定, disabled for 启用
          object: action === 'unlock' ? 'a locked user' : action === 'enable' ? 'a disabled user' : 'a user',
          make: async () => {
            const u = await buildUser(ctx, { role: 'enterprise', certified: true });
            if (action === 'unlock') {
              await ctx.database.db.insert(loginThrottle).values({ phone: u.phone, failedCount: 5, lockedUntil: new Date(ctx.clock.now().getTime() + 3_600_000), updatedAt: ctx.clock.now() });
            }
            if (action === 'enable') await ctx.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, u.id));
            return u.id;
          },
          expect: ADMIN_ONLY,
        },
      ],
    ]),
  ),
  'PATCH /api/admin/organizations/{id}': [
    {
      object: 'an organisation',
      make: async () => (await ctx.database.db.insert(organizations).values({ type: 'bank', name: `测试银行${randomCode()}`, certified: true }).returning())[0]!.id,
      body: () => ({ enabled: true }),
      expect: ADMIN_ONLY,
    },
  ],
  ...Object.fromEntries(
    ['PATCH', 'DELETE'].map((m) => [
      `${m} /api/admin/dict-items/{id}`,
      [
        {
          object: 'a dictionary item',
          make: async () => (await ctx.database.db.insert(dictItems).values({ dictType: 'project_type', code: randomCode(), label: '测试类型' }).returning())[0]!.id,
          body: m === 'PATCH' ? () => ({ label: '测试类型（改）' }) : undefined,
          expect: ADMIN_ONLY,
        },
      ],
    ]),
  ),
  'PATCH /api/admin/regions/{code}': [{ object: 'a region', make: async () => PINGSHAN, body: () => ({ enabled: true }), expect: ADMIN_ONLY }],
  'DELETE /api/admin/supervision-mappings/{id}': [
    {
      object: 'a unit mapping',
      make: async () =>
        (await ctx.database.db
          .insert(supervisionMappings)
          .values({ kind: 'authority', industryType: 'water', regionCode: '210503', orgId: await orgByName(ctx, '本溪市溪湖区住房和城乡建设局'), isDefault: false })
          .returning())[0]!.id,
      expect: ADMIN_ONLY,
    },
  ],
  'PUT /api/admin/ratio-params/{code}': [
    {
      object: "a region's ratio parameters",
      make: async () => PINGSHAN,
      body: async () => {
        const list = (await as.admin.inject({ method: 'GET', url: '/api/admin/ratio-params' })).json() as Record<string, unknown>[];
        const { regionCode: _c, regionName: _n, effectiveFrom: _e, ...body } = list.find((p) => p.regionCode === PINGSHAN)!;
        return body;
      },
      expect: ADMIN_ONLY,
    },
  ],
  'POST /api/admin/api-clients/{id}/disable': [
    {
      object: "a bank's API client (开放接口)",
      make: async () => (await buildApiClient(ctx, as.bank.orgId)).id,
      expect: ADMIN_ONLY,
    },
  ],
  'DELETE /api/admin/calendar-overrides/{date}': [
    {
      object: 'a working-day override',
      make: async () => {
        await ctx.database.db.insert(calendarOverrides).values({ date: '2026-05-09', workday: true, note: '测试' }).onConflictDoNothing();
        return '2026-05-09';
      },
      expect: ADMIN_ONLY,
    },
  ],
  // issue 15: 节假日安排 (ADR 036): the operator's; 消息中心 (ADR 038): a message is its user's alone
  'PUT /api/admin/calendar-years/{year}': [{ object: "next year's arrangement", make: async () => '2028', body: () => ({ text: '2028-01-01 休 元旦', confirmed: false }), expect: ADMIN_ONLY }],
  'POST /api/messages/{id}/read': [
    {
      object: "a message of A's account",
      make: async () => {
        const [m] = await ctx.database.db
          .insert(messages)
          .values({ userId: as.owner.userId, kind: 'decision', title: '测试消息', body: '测试', link: null, dedupeKey: randomCode(), createdAt: ctx.clock.now() })
          .returning({ id: messages.id });
        return String(m!.id);
      },
      expect: only(['owner'], 404),
    },
  ],
};

// ------------------------------------------------------------------------------------------------

interface Op {
  method: string;
  path: string;
}
async function routesWithParameters(): Promise<Op[]> {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const ops: Op[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    if (!p.includes('{')) continue;
    // the open API takes no session (a signed client instead): its scope is tested with API clients
    // of two organisations in the workflows' own tests (e.g. modules/payment/payment-open.test.ts)
    if (p.startsWith('/api/open/')) continue;
    for (const m of Object.keys(methods)) ops.push({ method: m.toUpperCase(), path: p });
  }
  return ops;
}

const classOf = (res: LightMyRequestResponse): string => (ok(res) ? '2xx' : String(res.statusCode));

describe('role × route × object', () => {
  it('has an entry for every route with a path parameter, and none for a route that is gone', async () => {
    const ops = (await routesWithParameters()).map((o) => `${o.method} ${o.path}`);
    expect(ops.length).toBeGreaterThan(20);
    expect(ops.filter((k) => !matrix[k]), 'routes with an id and no matrix entry: add one (who may call it, on which objects)').toEqual([]);
    expect(Object.keys(matrix).filter((k) => !ops.includes(k)), 'matrix entries for routes the API no longer has').toEqual([]);
  });

  it('answers each identity exactly its class: allowed (2xx, or 409 once the object has moved), 404 out of scope, 403 never', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const op of await routesWithParameters()) {
      const key = `${op.method} ${op.path}`;
      for (const entry of matrix[key] ?? []) {
        const id = await entry.make();
        const url = op.path.replace(/\{[^}]+\}/, id);
        const body = entry.body ? await entry.body() : undefined;
        const send = (who: Who) => {
          const opts: InjectOptions = { method: op.method as InjectOptions['method'], url };
          if (body !== undefined) opts.payload = body as InjectOptions['payload'];
          return as[who].inject(opts);
        };
        // refused and out-of-scope callers first: the allowed ones after them find the object unchanged
        const order = [...WHO].sort((a, b) => Number(entry.expect[a] === 'ok') - Number(entry.expect[b] === 'ok'));
        let firstAllowed = true;
        for (const who of order) {
          const want = entry.expect[who];
          const res = await send(who);
          calls += 1;
          const got = classOf(res);
          const code = (() => {
            try {
              return String(res.json().code);
            } catch {
              return '';
            }
          })();
          const fine =
            want === 'ok'
              ? firstAllowed
                ? got === '2xx'
                : got === '2xx' || got === '409'
              : got === String(want) && code === (want === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
          if (!fine) failures.push(`${key} on ${entry.object} as ${who}: expected ${want === 'ok' ? (firstAllowed ? '2xx' : '2xx or 409') : want}, got ${res.statusCode} ${code} ${res.statusCode >= 400 ? res.body.slice(0, 160) : ''}`);
          if (want === 'ok') firstAllowed = false;
        }
      }
    }
    expect(failures).toEqual([]);
    // every route × object × identity was called
    const expected = Object.values(matrix).reduce((n, entries) => n + entries.length * WHO.length, 0);
    expect(calls).toBe(expected);
  }, 600_000);
});

describe('banks and insurers: only what is addressed to them', () => {
  it('their scope of every resource selects none of the objects that exist but the guarantees they issued, while admin’s selects them', async () => {
    // make sure there is at least one of each
    await quotaOfA();
    await certificationFileOfA();
    await arrearsEnteredBy('hrssX');
    await useOfA();
    const projectId = BigInt(await projectOfA());
    const [p] = await ctx.database.db.select().from(projects).where(eq(projects.id, projectId));
    // a guarantee the bank issued for A (the register's row), and an offline upload of A
    await ctx.database.db.transaction((tx) =>
      registerGuarantee(tx, {
        kind: 'bank_guarantee', number: `SM-${randomCode()}`, projectId, enterpriseOrgId: p!.enterpriseOrgId, hrssOrgId: p!.hrssOrgId, authorityOrgId: p!.authorityOrgId,
        issuerOrgId: as.bank.orgId, issuerName: '中国建设银行股份有限公司本溪分行', amountFen: 40_000_000n, feeFen: null, issuedOn: '2026-03-01', validFrom: '2026-03-01', validTo: '2027-03-01',
        sourceType: 'scope-matrix', sourceId: randomCode(), fileId: null, actor: { id: null, phone: null, role: null, ip: null }, at: ctx.clock.now(),
      }),
    );
    await buildOfflineGuarantee(ctx, { project: { id: projectId, enterpriseOrgId: p!.enterpriseOrgId, hrssOrgId: p!.hrssOrgId, authorityOrgId: p!.authorityOrgId } });
    const tables: Record<Resource, string> = {
      project: 'projects', quota_application: 'quota_applications', certification: 'certifications', file: 'files', arrears_record: 'arrears_records',
      guarantee: 'guarantees', offline_guarantee: 'offline_guarantees', cash_deposit: 'cash_deposits', guarantee_application: 'guarantee_applications',
      insurance_order: 'insurance_orders', insurance_application: 'insurance_applications', insurance_product: 'insurance_products',
      filing: 'filings', cancellation: 'cancellations', return_confirmation: 'return_confirmations',
      deposit_use: 'deposit_uses',
      warning: 'warnings',
    };
    // the payment records are addressed to a bank: it sees exactly its own (below)
    const addressed = ['cash_deposit', 'guarantee_application', 'return_confirmation', 'deposit_use'];
    // the insurance records are addressed to an insurer (below)
    const insured = ['insurance_order', 'insurance_application', 'insurance_product'];
    // a cancellation is read by the banks holding its cash or guarantees once approved (its 返还确认)
    const withReturns = (await ctx.database.query<{ n: number }>('select count(distinct cancellation_id)::int as n from return_confirmations where bank_org_id = $1', [as.bank.orgId])).rows[0]!.n;
    // warnings exist only once a sweep raised them: their scope per role is tested in warnings/warnings.test.ts
    for (const resource of RESOURCES.filter((r) => !addressed.includes(r) && !insured.includes(r) && r !== 'warning')) {
      const count = async (who: Who) => {
        const cond = await scopeOf(ctx.database.db, as[who], resource);
        const res = (await ctx.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(tables[resource])} where ${cond}`)) as unknown as { rows: { n: number }[] };
        return res.rows[0]!.n;
      };
      // a bank reads its own uploads (the matrix made one) and the guarantees it issued
      const own = (await ctx.database.query<{ n: number }>('select count(*)::int as n from files where owner_org_id = $1', [as.bank.orgId])).rows[0]!.n;
      // and the letters of the guarantees it issued (shared with the uploads they came from)
      const letters = (
        await ctx.database.query<{ n: number }>(
          `select count(distinct a.file_id)::int as n from attachments a join guarantees g on a.owner_type = 'guarantee' and g.id = a.owner_id::bigint where g.issuer_org_id = $1`,
          [as.bank.orgId],
        )
      ).rows[0]!.n;
      const issued = (await ctx.database.query<{ n: number }>('select count(*)::int as n from guarantees where issuer_org_id = $1', [as.bank.orgId])).rows[0]!.n;
      expect(own).toBeGreaterThan(0);
      expect(issued).toBeGreaterThan(0);
      expect(letters).toBeGreaterThan(0);
      // … and the files of the payment records addressed to it (the enterprise's 存款协议书): each file once,
      // whether it is the bank's own upload, a letter in the register or a record's document
      const readable = (
        await ctx.database.query<{ n: number }>(
          `select count(*)::int as n from files f where f.owner_org_id = $1
             or exists (select 1 from attachments a join guarantees g on a.owner_type = 'guarantee' and g.id = a.owner_id::bigint where a.file_id = f.id and g.issuer_org_id = $1)
             or exists (select 1 from attachments a join cash_deposits d on a.owner_type = 'cash_deposit' and a.owner_id = d.id::text where a.file_id = f.id and d.bank_org_id = $1)
             or exists (select 1 from attachments a join return_confirmations r on a.owner_type = 'cancellation' and a.owner_id = r.cancellation_id::text where a.file_id = f.id and r.bank_org_id = $1)
             or exists (select 1 from attachments a join deposit_uses u on a.owner_type = 'deposit_use' and a.owner_id = u.id::text where a.file_id = f.id and u.payer_org_id = $1)`,
          [as.bank.orgId],
        )
      ).rows[0]!.n;
      // an insurer (保险办理, issue 12): its own uploads and the files of its orders, of the 投保 sent to it, of its products and policies
      const insurerReadable = (
        await ctx.database.query<{ n: number }>(
          `select count(*)::int as n from files f where f.owner_org_id = $1
             or exists (select 1 from attachments a join insurance_orders o on a.owner_type = 'insurance_order' and a.owner_id = o.id::text where a.file_id = f.id and o.insurer_org_id = $1)
             or exists (select 1 from attachments a join insurance_orders o on a.owner_type = 'insurance_application' and a.owner_id = o.application_id::text where a.file_id = f.id and o.insurer_org_id = $1)
             or exists (select 1 from attachments a join insurance_products p on a.owner_type = 'insurance_product' and a.owner_id = p.id::text where a.file_id = f.id and p.insurer_org_id = $1)
             or exists (select 1 from attachments a join guarantees g on a.owner_type = 'guarantee' and g.id = a.owner_id::bigint where a.file_id = f.id and g.issuer_org_id = $1)`,
          [as.insurer.orgId],
        )
      ).rows[0]!.n;
      const insurerIssued = (await ctx.database.query<{ n: number }>('select count(*)::int as n from guarantees where issuer_org_id = $1', [as.insurer.orgId])).rows[0]!.n;
      expect(await count('insurer'), `insurer: ${resource}`).toBe(resource === 'file' ? insurerReadable : resource === 'guarantee' ? insurerIssued : 0);
      expect(await count('bank'), `bank: ${resource}`).toBe(resource === 'file' ? readable : resource === 'guarantee' ? issued : resource === 'cancellation' ? withReturns : 0);
      if (resource !== 'file') expect(await count('admin'), `admin: ${resource}`).toBeGreaterThan(0);
    }
    for (const resource of addressed) {
      const cond = async (who: Who) => {
        const c = await scopeOf(ctx.database.db, as[who], resource as Resource);
        const res = (await ctx.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(tables[resource as Resource])} where ${c}`)) as unknown as { rows: { n: number }[] };
        return res.rows[0]!.n;
      };
      const column = resource === 'deposit_use' ? 'payer_org_id' : 'bank_org_id';
      const mine = (await ctx.database.query<{ n: number }>(`select count(*)::int as n from ${tables[resource as Resource]} where ${column} = $1`, [as.bank.orgId])).rows[0]!.n;
      expect(mine, resource).toBeGreaterThan(0);
      expect(await cond('bank'), `bank: ${resource}`).toBe(mine);
      expect(await cond('insurer'), `insurer: ${resource}`).toBe(0);
    }
    // 保险办理: a bank sees none of it; the insurer exactly its own orders, the applications sent to it, its products
    await insuranceOrderOfA();
    const insurerOwn = {
      insurance_order: 'select count(*)::int as n from insurance_orders where insurer_org_id = $1',
      insurance_application: 'select count(*)::int as n from insurance_applications a where exists (select 1 from insurance_orders o where o.application_id = a.id and o.insurer_org_id = $1)',
      insurance_product: 'select count(*)::int as n from insurance_products where insurer_org_id = $1',
    } as const;
    for (const resource of insured as (keyof typeof insurerOwn)[]) {
      const count = async (who: Who) => {
        const c = await scopeOf(ctx.database.db, as[who], resource);
        const res = (await ctx.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(tables[resource])} where ${c}`)) as unknown as { rows: { n: number }[] };
        return res.rows[0]!.n;
      };
      const own = (await ctx.database.query<{ n: number }>(insurerOwn[resource], [as.insurer.orgId])).rows[0]!.n;
      expect(own, resource).toBeGreaterThan(0);
      expect(await count('insurer'), `insurer: ${resource}`).toBe(own);
      expect(await count('bank'), `bank: ${resource}`).toBe(0);
      expect(await count('admin'), `admin: ${resource}`).toBeGreaterThanOrEqual(own);
    }
  });

  it('a bank and an insurer get 404 for every file and 403 for every other object route', async () => {
    const [q] = await ctx.database.db.select({ id: quotaApplications.id }).from(quotaApplications).limit(1);
    const files = [await fileOfAQuota(), await certificationFileOfA(), await uploadFile(as.owner, '草稿2.pdf')];
    for (const who of ['bank', 'insurer'] as const) {
      for (const id of files) expect((await as[who].inject({ method: 'GET', url: `/api/files/${id}` })).statusCode, `${who} file`).toBe(404);
      expect((await as[who].inject({ method: 'GET', url: `/api/quota-applications/${q!.id}` })).statusCode).toBe(403);
      expect((await as[who].inject({ method: 'GET', url: '/api/projects' })).statusCode).toBe(403);
    }
  });
});
