/**
 * 保证金动用 and 补足 through HTTP (SPEC §9, ADR 032–035): hrss records a use on a covered deposit
 * (decision, workers, the amount ≤ the cover; two at once: exactly one refused), the 支付通知书 (PDF,
 * numbered, masked except on the bank's copy), the bank pays each worker (one fails, hrss corrects),
 * the notice 已支付, the enterprise sees 待补足 without ID numbers and replenishes by cash, hrss confirms
 * → 待补足 lifted; a policy drawn on shows 已理赔; the Excel template and its import; scope (another
 * district's hrss 404, a bank sees only its notices); the signed open API payment-notices calls.
 */
import ExcelJS from 'exceljs';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, depositUses, depositUseTransfers, guarantees, projects } from '../../db/schema/index';
import { registerGuarantee } from '../guarantees/register';
import { buildInsurer, buildProject, buildQuotaApplication, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, multipart, orgByName, PDF_BYTES, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { buildApiClient, openInject, signedByPlatform, type TestApiClient } from '../../test/open';
import { pdfText } from '../../test/pdf';

let ctx: TestContext;
let ent: Session & { orgId: string };
let bank: Session & { orgId: string };
let otherBank: Session & { orgId: string };
let hrss: Session & { orgId: string };
let xihu: Session;
let ccbApi: TestApiClient;
let icbcApi: TestApiClient;
const ENTERPRISE = '本溪动用测试建工集团有限公司';
const CCB = '中国建设银行股份有限公司本溪分行';
const ICBC = '中国工商银行股份有限公司本溪分行';
const CITY_HRSS = '辽宁省本溪市人力资源和社会保障局';
const PINGSHAN_HRSS = '本溪市平山区人力资源和社会保障局';
const XIHU_HRSS = '本溪市溪湖区人力资源和社会保障局';

// valid GB 11643 numbers (check digits computed), and one with a wrong check digit
const ID1 = '11010519491231002X';
const ID2 = '210502199003071234'.slice(0, 17);
const withCheck = (first17: string) => {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i]!;
  return first17 + '10X98765432'[s % 11];
};
const ID_B = withCheck(ID2);
const ID_C = withCheck('21050319851111302');
const BAD_ID = ID_C.slice(0, 17) + (ID_C[17] === '1' ? '2' : '1');

beforeAll(async () => {
  ctx = await createTestContext();
  const e = await buildUser(ctx, { role: 'enterprise', certified: true, orgName: ENTERPRISE });
  ent = { ...(await sessionFor(ctx, e)), orgId: e.orgId };
  const b = await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, CCB) });
  bank = { ...(await sessionFor(ctx, b)), orgId: b.orgId };
  const o = await buildUser(ctx, { role: 'bank', orgId: await orgByName(ctx, ICBC) });
  otherBank = { ...(await sessionFor(ctx, o)), orgId: o.orgId };
  const h = await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, PINGSHAN_HRSS) });
  hrss = { ...(await sessionFor(ctx, h)), orgId: h.orgId };
  xihu = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, XIHU_HRSS) }));
  ccbApi = await buildApiClient(ctx, bank.orgId);
  icbcApi = await buildApiClient(ctx, otherBank.orgId);
}, 120_000);
afterAll(() => ctx?.close());

const db = () => ctx.database.db;
const projectRow = async (p: BuiltProject) => (await db().select().from(projects).where(eq(projects.id, p.id)))[0]!;
let voucherSeq = 0;

/** A project of the enterprise under 平山区人社 whose 400,000.00 is covered by cash at 建设银行 (deposit 已缴纳). */
async function cashCoveredProject(): Promise<BuiltProject> {
  const base = await buildProject(ctx, { enterpriseOrgId: ent.orgId, hrssOrgName: PINGSHAN_HRSS });
  const { project: p } = await buildQuotaApplication(ctx, { status: 'approved', project: base });
  const agreement = await uploadFile(ent, '存款协议书.pdf');
  const cd = await ent.inject({ method: 'POST', url: '/api/cash-deposits', payload: { projectId: p.id.toString(), bankOrgId: bank.orgId, agreementFileId: agreement, handlerName: '张三全', handlerPhone: '13455554444' } });
  expect(cd.statusCode, cd.body).toBe(201);
  await confirmCash(cd.json().id, '400000.00');
  expect((await projectRow(p)).depositStatus).toBe('paid');
  return p;
}

async function confirmCash(id: string, amount: string) {
  const voucherFileId = await uploadFile(bank, '到账凭证.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% voucher ${++voucherSeq}\n`)]));
  const res = await bank.inject({ method: 'POST', url: `/api/cash-deposits/${id}/confirm`, payload: { accountNo: '21050161360100000123', amount, arrivedOn: '2026-03-02', payerName: ENTERPRISE, voucherFileId } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const workers = () => [
  { name: '王小二', idNumber: ID1, bankName: '中国工商银行本溪分行', cardNo: '6222020712000011111', amount: '3500.50' },
  { name: '李大山', idNumber: ID_B, bankName: '中国农业银行本溪分行', cardNo: '6228480712000022222', amount: '4200.00' },
  { name: '赵铁柱', idNumber: ID_C, bankName: '本溪银行平山支行', cardNo: '6230910712000033333', amount: '0.01' },
];

async function recordUse(p: BuiltProject, extra: Record<string, unknown> = {}, as: Session = hrss) {
  const decisionFileId = await uploadFile(as, '责令限期清偿决定书.pdf', Buffer.concat([PDF_BYTES, Buffer.from(`% decision ${Math.random()}\n`)]));
  return as.inject({
    method: 'POST',
    url: '/api/deposit-uses',
    payload: { projectId: p.id.toString(), decisionType: 'order_to_pay', decisionNo: '本人社监令〔2026〕12号', decisionDate: '2026-02-27', decisionFileId, workers: workers(), amount: '7700.51', ...extra },
  });
}

const audits = async (id: string) =>
  (await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'deposit_use'), eq(auditLog.targetId, id))).orderBy(asc(auditLog.id))).map((a) => a.action);

describe('保证金动用: the lifecycle', () => {
  it('records a use, the bank pays each worker (one fails, hrss corrects), the enterprise replenishes by cash, hrss confirms', async () => {
    const p = await cashCoveredProject();
    const projects = await hrss.inject({ method: 'GET', url: '/api/use-projects' });
    expect(projects.json().map((x: { id: string }) => x.id)).toContain(p.id.toString());
    const cover = await hrss.inject({ method: 'GET', url: `/api/projects/${p.id}/use-coverage` });
    expect(cover.statusCode, cover.body).toBe(200);
    expect(cover.json()).toMatchObject({ covered: '400000.00', instruments: [{ type: 'cash_deposit', holderName: CCB, amount: '400000.00', used: '0.00', available: '400000.00' }] });

    // the typed total must equal the workers' sum, exactly
    const wrongSum = await recordUse(p, { amount: '7700.50' });
    expect(wrongSum.statusCode, wrongSum.body).toBe(400);
    expect(wrongSum.json().message).toContain('7700.51');

    const res = await recordUse(p);
    expect(res.statusCode, res.body).toBe(201);
    const use = res.json();
    expect(use).toMatchObject({
      status: 'notified',
      amount: '7700.51',
      paidAmount: '0.00',
      workerCount: 3,
      payerName: CCB,
      instrumentType: 'cash_deposit',
      payDueOn: '2026-03-09',
      replenishStatus: 'pending',
      replenishAmount: '7700.51',
      replenishDueOn: '2026-03-16',
      decisionType: 'order_to_pay',
    });
    expect(use.noticeNo).toMatch(/^本人社付〔2026〕第 \d{6} 号$/);
    expect(use.transfers.map((t: { idNumber: string }) => t.idNumber)).toEqual([ID1, ID_B, ID_C]); // the recording unit sees them
    expect(await projectRow(p)).toMatchObject({ depositStatus: 'paid', needsReplenish: true });
    const rows = await db().select().from(depositUseTransfers).where(eq(depositUseTransfers.useId, BigInt(use.id))).orderBy(asc(depositUseTransfers.seq));
    expect(rows.map((r) => r.amountFen)).toEqual([350050n, 420000n, 1n]);
    expect((await hrss.inject({ method: 'GET', url: `/api/projects/${p.id}/use-coverage` })).json().covered).toBe('392299.49');

    // the enterprise: the use, 待补足 and its deadline, no list of workers (no ID numbers)
    const mine = await ent.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` });
    expect(mine.json()).toMatchObject({ workerCount: 3, amount: '7700.51', transfers: null, replenishAmount: '7700.51', replenishDueOn: '2026-03-16', replenishActions: ['replenish_cash'] });
    expect(mine.body).not.toContain(ID1);

    // the bank's queue: its notice with full ID numbers; the other bank sees nothing and gets 404
    const queue = await bank.inject({ method: 'GET', url: '/api/deposit-uses?status=notified' });
    expect(queue.json().items.map((u: { id: string }) => u.id)).toContain(use.id);
    expect((await otherBank.inject({ method: 'GET', url: '/api/deposit-uses' })).json().items.map((u: { id: string }) => u.id)).not.toContain(use.id);
    expect((await otherBank.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).statusCode).toBe(404);
    const [t1, t2, t3] = (await bank.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).json().transfers;
    expect(t1.allowedActions).toEqual(['pay', 'fail']);
    expect((await otherBank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/pay`, payload: { transferId: t1.id, paidOn: '2026-03-02', reference: 'X' } })).statusCode).toBe(404);

    // the PDF: numbered, Chinese, masked for hrss's colleagues, full on the bank's copy
    const bankPdf = await bank.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}/notice.pdf` });
    expect(bankPdf.statusCode).toBe(200);
    expect(bankPdf.headers['content-type']).toBe('application/pdf');
    const bankText = await pdfText(bankPdf.rawPayload);
    expect(bankText).toContain('农民工工资保证金支付通知书');
    expect(bankText).toContain('本人社付');
    expect(bankText).toContain(ID1);
    expect(bankText).toContain('7,700.51');
    const cityHrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, CITY_HRSS) }));
    const masked = await pdfText((await cityHrss.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}/notice.pdf` })).rawPayload);
    expect(masked).not.toContain(ID1);
    expect(masked).toContain('110105********002X');
    const entPdf = await pdfText((await ent.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}/notice.pdf` })).rawPayload);
    expect(entPdf).not.toContain('王小二');

    // worker 1 paid, worker 2 fails (card closed), worker 3 paid
    const pay = (t: { id: string }, reference: string) => bank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/pay`, payload: { transferId: t.id, paidOn: '2026-03-02', reference } });
    expect((await pay(t1, 'CCB20260302-0001')).json()).toMatchObject({ paidAmount: '3500.50', paidCount: 1, status: 'notified' });
    expect((await pay(t1, 'again')).statusCode).toBe(409);
    const failed = await bank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/fail`, payload: { transferId: t2.id, reason: '银行卡已销户' } });
    expect(failed.json()).toMatchObject({ failedCount: 1 });
    expect((await pay(t3, 'CCB20260302-0003')).json()).toMatchObject({ paidAmount: '3500.51', status: 'notified' });
    // hrss corrects the failed worker; another district's hrss cannot
    expect((await xihu.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/correct`, payload: { transferId: t2.id, bankName: '中国建设银行本溪分行', cardNo: '6217000712000044444' } })).statusCode).toBe(404);
    const corrected = await hrss.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/correct`, payload: { transferId: t2.id, bankName: '中国建设银行本溪分行', cardNo: '6217000712000044444' } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().transfers[1]).toMatchObject({ status: 'pending', cardNo: '6217000712000044444', failReason: null });
    const done = (await pay(t2, 'CCB20260302-0002')).json();
    expect(done).toMatchObject({ status: 'paid', paidAmount: '7700.51', paidCount: 3 });
    expect((await pay(t2, 'x')).statusCode).toBe(409);

    // 补足: hrss cannot confirm before the money is back
    expect((await hrss.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/confirm-replenishment` })).statusCode).toBe(409);
    const agreementFileId = await uploadFile(ent, '存款协议书（补足）.pdf', Buffer.concat([PDF_BYTES, Buffer.from('% replenish\n')]));
    const rep = await ent.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/replenish-cash`, payload: { bankOrgId: bank.orgId, agreementFileId, handlerName: '张三全', handlerPhone: '13455554444' } });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json()).toMatchObject({ replenishCash: { status: 'awaiting', bankName: CCB }, replenishActions: [] });
    const cashId = rep.json().replenishCash.id;
    // the bank's existing 现金存缴 queue has it; the arrival covers it without a payment attempt
    const arrived = await confirmCash(cashId, '7700.51');
    expect(arrived.status).toBe('arrived');
    expect(await projectRow(p)).toMatchObject({ depositStatus: 'paid', needsReplenish: true });
    const hrssView = (await hrss.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).json();
    expect(hrssView.replenishActions).toEqual(['confirm']);
    const confirmed = await hrss.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/confirm-replenishment` });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ replenishStatus: 'confirmed', replenishAmount: '0.00' });
    expect(await projectRow(p)).toMatchObject({ depositStatus: 'paid', needsReplenish: false });
    // the cover again: the first cash less the use, plus the replenishment
    expect((await hrss.inject({ method: 'GET', url: `/api/projects/${p.id}/use-coverage` })).json().covered).toBe('400000.00');
    expect(await audits(use.id)).toEqual([
      'deposit_use.record',
      'use_transfer.pay',
      'use_transfer.fail',
      'use_transfer.pay',
      'use_transfer.correct',
      'use_transfer.pay',
      'deposit_use.complete',
      'use_replenishment.replenish_cash',
      'use_replenishment.confirm',
    ]);
    const flags = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'project'), eq(auditLog.targetId, p.id.toString()))).orderBy(asc(auditLog.id));
    expect(flags.map((f) => f.action).filter((a) => a.startsWith('deposit.use') || a.startsWith('deposit.replenish'))).toEqual(['deposit.use_recorded', 'deposit.replenishment_confirmed']);
  });

  it('refuses a use the deposit cannot pay, a wrong check digit, and a deposit not yet paid', async () => {
    const p = await cashCoveredProject();
    const over = await recordUse(p, { workers: [{ ...workers()[0]!, amount: '400000.01' }], amount: '400000.01' });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json().code).toBe('USE_EXCEEDS_COVER');
    const bad = await recordUse(p, { workers: [{ ...workers()[0]!, idNumber: BAD_ID }], amount: '3500.50' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields['workers.0.idNumber']).toEqual(['身份证号校验位不正确，请核对']);
    const dup = await recordUse(p, { workers: [workers()[0]!, workers()[0]!], amount: '7001.00' });
    expect(dup.statusCode).toBe(400);
    const unpaid = await buildProject(ctx, { enterpriseOrgId: ent.orgId, depositStatus: 'paying', hrssOrgName: PINGSHAN_HRSS });
    expect((await recordUse(unpaid)).statusCode).toBe(409);
    expect((await db().select().from(depositUses).where(eq(depositUses.projectId, p.id))).length).toBe(0);
  });

  it('two uses at once cannot together exceed the cover: exactly one is refused', async () => {
    const p = await cashCoveredProject();
    const big = (name: string, id: string) => ({ workers: [{ name, idNumber: id, bankName: '中国工商银行本溪分行', cardNo: '6222020712000011111', amount: '250000.00' }], amount: '250000.00' });
    const [a, b] = await Promise.all([recordUse(p, big('甲', ID1)), recordUse(p, big('乙', ID_B))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('USE_EXCEEDS_COVER');
    const rows = await db().select().from(depositUses).where(eq(depositUses.projectId, p.id));
    expect(rows.map((r) => r.amountFen)).toEqual([25_000_000n]);
    expect((await db().select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.action, 'deposit_use.record'))).length).toBeGreaterThan(0);
  });

  it('two results for one worker at once: exactly one counts', async () => {
    const p = await cashCoveredProject();
    const use = (await recordUse(p)).json();
    const [t1] = (await bank.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).json().transfers;
    const [a, b] = await Promise.all([
      bank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/pay`, payload: { transferId: t1.id, paidOn: '2026-03-02', reference: 'R-A' } }),
      bank.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/fail`, payload: { transferId: t1.id, reason: '银行卡已销户' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [row] = await db().select().from(depositUses).where(eq(depositUses.id, BigInt(use.id)));
    expect(row!.paidFen).toBe(a.statusCode === 200 ? 350050n : 0n);
  });

  it('scope: another district’s hrss neither sees nor uses the project', async () => {
    const p = await cashCoveredProject();
    expect((await xihu.inject({ method: 'GET', url: `/api/projects/${p.id}/use-coverage` })).statusCode).toBe(404);
    expect((await recordUse(p, {}, xihu)).statusCode).toBe(404);
    expect((await xihu.inject({ method: 'GET', url: '/api/use-projects' })).json().map((x: { id: string }) => x.id)).not.toContain(p.id.toString());
    const use = (await recordUse(p)).json();
    expect((await xihu.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).statusCode).toBe(404);
    expect((await xihu.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}/notice.pdf` })).statusCode).toBe(404);
    expect((await xihu.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/confirm-replenishment` })).statusCode).toBe(404);
    const other = await sessionFor(ctx, await buildUser(ctx, { role: 'enterprise', certified: true }));
    expect((await other.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).statusCode).toBe(404);
  });
});

describe('a policy drawn on: the insurer pays and the policy shows 已理赔', () => {
  it('addresses the notice to the insurer and records the paid amount as 已理赔 in 保函管理', async () => {
    const ins = await buildInsurer(ctx);
    const insurer = await sessionFor(ctx, ins);
    const insurerOrgId = ins.orgId;
    const p = await buildProject(ctx, { enterpriseOrgId: ent.orgId, depositStatus: 'filed', hrssOrgName: PINGSHAN_HRSS });
    const pr = await projectRow(p);
    const { id: gid } = await db().transaction((tx) =>
      registerGuarantee(tx, {
        kind: 'insurance_policy', number: `PICC-${Date.now()}`, projectId: p.id, enterpriseOrgId: pr.enterpriseOrgId, hrssOrgId: pr.hrssOrgId, authorityOrgId: pr.authorityOrgId,
        issuerOrgId: insurerOrgId, issuerName: '测试财产保险', amountFen: 40_000_000n, feeFen: 0n, issuedOn: '2026-03-01', validFrom: '2026-03-01', validTo: '2027-03-01',
        sourceType: 'insurance_order', sourceId: String(Date.now()), fileId: null, actor: { id: null, phone: null, role: null, ip: null }, at: ctx.clock.now(),
      }),
    );
    const use = (await recordUse(p)).json();
    expect(use).toMatchObject({ instrumentType: 'guarantee', payerOrgId: insurerOrgId, status: 'notified' });
    const view = (await insurer.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).json();
    for (const t of view.transfers) {
      const r = await insurer.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/pay`, payload: { transferId: t.id, paidOn: '2026-03-02', reference: `PICC-${t.seq}` } });
      expect(r.statusCode, r.body).toBe(200);
    }
    const [g] = await db().select().from(guarantees).where(eq(guarantees.id, gid));
    expect(g!.claimedFen).toBe(770051n);
    const listed = (await ent.inject({ method: 'GET', url: '/api/guarantees' })).json().items.find((x: { id: string }) => x.id === gid.toString());
    expect(listed).toMatchObject({ status: 'claimed', claimedAmount: '7700.51' });
    expect(await projectRow(p)).toMatchObject({ depositStatus: 'filed', needsReplenish: true });
  });
});

describe('the Excel template and its import', () => {
  const sheet = async (rows: string[][]) => {
    const tpl = await hrss.inject({ method: 'GET', url: '/api/use-workers/template' });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['姓名', '身份证号', '开户银行', '银行卡号', '金额（元）']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (bytes: Buffer) => {
    const body = multipart('农民工名单.xlsx', bytes, 'file', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return hrss.inject({ method: 'POST', url: '/api/use-workers/import', payload: body.payload, headers: body.headers });
  };

  it('reads a good file into the table, exact amounts', async () => {
    const res = await upload(await sheet([['王小二', ID1.toLowerCase(), '中国工商银行本溪分行', '6222020712000011111', '3500.5'], ['李大山', ID_B, '中国农业银行本溪分行', '6228480712000022222', '4200']]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      workers: [
        { name: '王小二', idNumber: ID1, bankName: '中国工商银行本溪分行', cardNo: '6222020712000011111', amount: '3500.50' },
        { name: '李大山', idNumber: ID_B, bankName: '中国农业银行本溪分行', cardNo: '6228480712000022222', amount: '4200.00' },
      ],
      total: '7700.50',
    });
  });

  it('one bad row: nothing is read, the row and the column are named', async () => {
    const before = (await db().select().from(depositUses)).length;
    const res = await upload(await sheet([['王小二', ID1, '中国工商银行本溪分行', '6222020712000011111', '3500.50'], ['李大山', BAD_ID, '中国农业银行本溪分行', '6228480712000022222', '4200.00']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第3行「身份证号」');
    expect(res.json().details.rows).toEqual([{ row: 3, column: '身份证号', message: '身份证号校验位不正确，请核对' }]);
    expect((await db().select().from(depositUses)).length).toBe(before);
    const money = await upload(await sheet([['王小二', ID1, '中国工商银行本溪分行', '6222020712000011111', '3500.555']]));
    expect(money.json().details.rows[0]).toMatchObject({ row: 2, column: '金额（元）' });
    const notExcel = await upload(PDF_BYTES);
    expect(notExcel.statusCode).toBe(400);
    const body = multipart('名单.xlsx', await sheet([]));
    const truncated = await hrss.inject({ method: 'POST', url: '/api/use-workers/import', payload: body.payload.subarray(0, body.payload.length - 40), headers: body.headers });
    expect(truncated.statusCode).toBe(400);
  });
});

describe('open API: payment-notices (signed by the independent client)', () => {
  const call = async (c: TestApiClient, method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await openInject(ctx, c, { method, url, body });
    expect(await signedByPlatform(ctx, res), `${method} ${url} signed`).toBe(true);
    return res;
  };
  it('lists the bank’s notices, pays and fails by ID number with exact amounts; another bank 404', async () => {
    const p = await cashCoveredProject();
    const use = (await recordUse(p)).json();
    const list = await call(ccbApi, 'GET', '/api/open/v1/payment-notices?status=notified');
    expect(list.statusCode, list.body).toBe(200);
    const n = list.json().items.find((x: { no: string }) => x.no === use.id);
    expect(n).toMatchObject({ noticeNo: use.noticeNo, amount: '7700.51', dueOn: '2026-03-09', enterpriseName: ENTERPRISE });
    expect(n.transfers[0]).toMatchObject({ idNumber: ID1, amount: '3500.50', status: 'pending' });
    expect((await call(icbcApi, 'GET', '/api/open/v1/payment-notices')).json().items.map((x: { no: string }) => x.no)).not.toContain(use.id);
    expect((await call(icbcApi, 'POST', `/api/open/v1/payment-notices/${use.id}/paid`, { paidOn: '2026-03-02', transfers: [{ idNumber: ID1, amount: '3500.50', reference: 'R1' }] })).statusCode).toBe(404);
    const events = (await call(ccbApi, 'GET', '/api/open/v1/events?after=0')).json().events.filter((e: { objectNo: string }) => e.objectNo === use.id);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['payment_notice.issued']);

    const wrongAmount = await call(ccbApi, 'POST', `/api/open/v1/payment-notices/${use.id}/paid`, { paidOn: '2026-03-02', transfers: [{ idNumber: ID1, amount: '3500.00', reference: 'R1' }] });
    expect(wrongAmount.statusCode).toBe(400);
    const paid = await call(ccbApi, 'POST', `/api/open/v1/payment-notices/${use.id}/paid`, { paidOn: '2026-03-02', transfers: [{ idNumber: ID1, amount: '3500.50', reference: 'R1' }, { idNumber: ID_C, amount: '0.01', reference: 'R3' }] });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'notified', paidAmount: '3500.51' });
    const failed = await call(ccbApi, 'POST', `/api/open/v1/payment-notices/${use.id}/failed`, { transfers: [{ idNumber: ID_B, reason: '账户已冻结' }] });
    expect(failed.json().transfers[1]).toMatchObject({ status: 'failed', failReason: '账户已冻结' });
    const t2 = (await hrss.inject({ method: 'GET', url: `/api/deposit-uses/${use.id}` })).json().transfers[1];
    await hrss.inject({ method: 'POST', url: `/api/deposit-uses/${use.id}/correct`, payload: { transferId: t2.id, bankName: '中国建设银行本溪分行', cardNo: '6217000712000044444' } });
    const last = await call(ccbApi, 'POST', `/api/open/v1/payment-notices/${use.id}/paid`, { paidOn: '2026-03-02', transfers: [{ idNumber: ID_B, amount: '4200.00', reference: 'R2' }] });
    expect(last.json()).toMatchObject({ status: 'paid', paidAmount: '7700.51' });
    const pdf = await call(ccbApi, 'GET', `/api/open/v1/payment-notices/${use.id}/notice`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(await pdfText(Buffer.from(pdf.json().contentBase64, 'base64'))).toContain(ID1);
    expect((await call(icbcApi, 'GET', `/api/open/v1/payment-notices/${use.id}/notice`)).statusCode).toBe(404);
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'deposit_use.complete'), eq(auditLog.targetId, use.id)));
    expect(row!.actorClient).toBe(ccbApi.appId);
  });
});
