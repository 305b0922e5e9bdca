/**
 * 保单保函上传 → hrss 通过 / 退回 → 保函管理 (issue 11, ADR 023), through app.inject with the rows
 * checked at every step: the deposit moves 待缴纳 → 缴纳中 → 已缴纳 (or back) only through the payment
 * core and the deposit module; a 保函号 in force is refused; decisions race to one winner; every
 * other enterprise, district and bank gets 404.
 */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, guarantees, offlineGuarantees, paymentAttempts, projects } from '../../db/schema/index';
import { buildBank, buildQuotaApplication, CITY_HRSS, type BuiltProject } from '../../test/factories';
import { buildUser, createTestContext, orgByName, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';

let ctx: TestContext;
let enterprise: { id: string; orgId: string; phone: string };
let ent: Session;
let hrss: Session;
let bankOrgId: string;
let bank: Session;

const BANK = '中国建设银行股份有限公司本溪分行';
const PINGSHAN_HRSS = '本溪市平山区人力资源和社会保障局';
const XIHU_HRSS = '本溪市溪湖区人力资源和社会保障局';

beforeAll(async () => {
  ctx = await createTestContext();
  enterprise = await buildUser(ctx, { role: 'enterprise', certified: true });
  ent = await sessionFor(ctx, enterprise);
  hrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, CITY_HRSS) }));
  bankOrgId = await orgByName(ctx, BANK);
  bank = await sessionFor(ctx, await buildUser(ctx, { role: 'bank', orgId: bankOrgId }));
}, 120_000);
afterAll(async () => ctx?.close());

/** A project of the enterprise whose 一般缴纳 quota is approved: 待缴纳, 400,000.00 to cover (2% of 20,000,000.00). */
async function payableProject(opts: { hrssOrgName?: string } = {}): Promise<BuiltProject> {
  const { project } = await buildQuotaApplication(ctx, { status: 'approved', enterpriseOrgId: enterprise.orgId, ...(opts.hrssOrgName ? {} : {}) });
  if (opts.hrssOrgName) {
    const hrssOrgId = await orgByName(ctx, opts.hrssOrgName);
    await ctx.database.db.update(projects).set({ hrssOrgId }).where(eq(projects.id, project.id));
    return { ...project, hrssOrgId };
  }
  return project;
}

let seq = 0;
async function body(projectId: bigint, over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    projectId: projectId.toString(),
    instrumentType: 'bank_guarantee',
    handlerName: '张三全',
    handlerPhone: '13455554444',
    bankBrand: '中国建设银行',
    issuerOrgId: bankOrgId,
    productName: '农民工工资支付银行保函',
    guaranteeNo: `JH2026-${String(seq).padStart(4, '0')}`,
    amount: '400000.00',
    fee: '1200.00',
    issuedOn: '2026-02-27',
    validFrom: '2026-03-01',
    validTo: '2027-02-28',
    fileId: await uploadFile(ent, '保函.pdf'),
    ...over,
  };
}

const depositOf = async (id: bigint) => (await ctx.database.db.select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, id)))[0]!.s;
const attemptsOf = (projectId: bigint) => ctx.database.db.select().from(paymentAttempts).where(eq(paymentAttempts.projectId, projectId));
const upload = (payload: Record<string, unknown>, s: Session = ent) => s.inject({ method: 'POST', url: '/api/offline-guarantees', payload });
const decide = (s: Session, id: string, verb: 'approve' | 'return', payload: Record<string, unknown> = verb === 'return' ? { reason: '保函文件不清晰，请重新上传' } : {}) =>
  s.inject({ method: 'POST', url: `/api/offline-guarantees/${id}/${verb}`, payload });

describe('保单保函上传 lifecycle', () => {
  it('upload → 待审核 (缴纳中) → hrss 通过 → registered, deposit 已缴纳, listed in 保函管理 for the enterprise, hrss and the issuing bank', async () => {
    const p = await payableProject();
    expect(await depositOf(p.id)).toBe('to_pay');

    const form = await ent.inject({ method: 'GET', url: `/api/projects/${p.id}/offline-guarantee-form` });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ requiredAmount: '400000.00', mayUpload: true, pending: null });
    expect(form.json().issuers.map((o: { name: string }) => o.name)).toContain(BANK);

    // 保额 below the amount to cover: refused, naming the field and the amount
    const low = await upload(await body(p.id, { amount: '399999.99' }));
    expect(low.statusCode).toBe(400);
    expect(low.json().message).toBe('保额不能低于保证金应缴金额 400,000.00 元');
    expect(low.json().details.fields.amount).toBeTruthy();

    const payload = await body(p.id);
    const res = await upload(payload);
    expect(res.statusCode, res.body).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({ status: 'pending', guaranteeNo: payload.guaranteeNo, amount: '400000.00', fee: '1200.00', issuerName: BANK, enterpriseName: expect.any(String), requiredAmount: '400000.00', dueOn: '2026-03-09', overdue: false, allowedActions: [] });
    expect(g.file).toMatchObject({ name: '保函.pdf', mime: 'application/pdf' });
    expect(await depositOf(p.id)).toBe('paying');
    expect((await attemptsOf(p.id)).map((a) => [a.way, a.refId, a.status])).toEqual([['offline_guarantee', g.id, 'open']]);
    // a second upload while one is 待审核 is refused
    expect((await upload(await body(p.id))).statusCode).toBe(409);

    // the hrss queue: oldest first, with the deadline; the hrss may decide
    const queue = (await hrss.inject({ method: 'GET', url: '/api/offline-guarantees?queue=1' })).json();
    const mine = queue.items.find((i: { id: string }) => i.id === g.id);
    expect(mine).toMatchObject({ dueOn: '2026-03-09', allowedActions: ['approve', 'return'] });
    // the hrss reads the file inline, framed by the platform's own page (and by no other site)
    const inline = await hrss.inject({ method: 'GET', url: `/api/files/${g.file.id}?inline=1` });
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(inline.headers['x-frame-options']).toBe('SAMEORIGIN');
    const download = await hrss.inject({ method: 'GET', url: `/api/files/${g.file.id}` });
    expect(download.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const ok = await decide(hrss, g.id, 'approve');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', allowedActions: [] });
    expect(await depositOf(p.id)).toBe('paid');
    expect((await attemptsOf(p.id)).map((a) => a.status)).toEqual(['covered']);
    const [reg] = await ctx.database.db.select().from(guarantees).where(eq(guarantees.sourceId, g.id));
    expect(reg).toMatchObject({ kind: 'offline_guarantee', number: payload.guaranteeNo, amountFen: 40_000_000n, feeFen: 120_000n, issuerOrgId: bankOrgId, validTo: '2027-02-28' });
    expect(ok.json().guaranteeId).toBe(reg!.id.toString());
    const audits = (await ctx.database.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, g.id))).map((r) => r.a);
    expect(audits).toEqual(expect.arrayContaining(['offline_guarantee.submit', 'offline_guarantee.approve']));

    // 保函管理: the enterprise, the hrss and the issuing bank see it; the bank downloads the letter
    for (const s of [ent, hrss, bank]) {
      const list = (await s.inject({ method: 'GET', url: `/api/guarantees?number=${encodeURIComponent(payload.guaranteeNo)}` })).json();
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ number: payload.guaranteeNo, kind: 'offline_guarantee', issuerName: BANK, amount: '400000.00', validFrom: '2026-03-01', validTo: '2027-02-28', status: 'valid' });
      const detail = (await s.inject({ method: 'GET', url: `/api/guarantees/${reg!.id}` })).json();
      expect(detail.letter.id).toBe(g.file.id);
      expect((await s.inject({ method: 'GET', url: `/api/files/${detail.letter.id}` })).statusCode).toBe(200);
    }
    // approving twice: 409
    expect((await decide(hrss, g.id, 'approve')).statusCode).toBe(409);
    // the same number again while in force: refused on upload
    const again = await upload(await body((await payableProject()).id, { guaranteeNo: payload.guaranteeNo.toLowerCase() }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'GUARANTEE_NO_IN_FORCE' });
    expect(again.json().message).toContain('已在平台登记且仍在有效期内');
    // once released (a cancellation), the number is free again
    await ctx.database.db.update(guarantees).set({ releasedAt: ctx.clock.now() }).where(eq(guarantees.id, reg!.id));
    expect((await upload(await body((await payableProject()).id, { guaranteeNo: payload.guaranteeNo }))).statusCode).toBe(201);
  });

  it('upload → 退回 (reason required) → 待缴纳 again; the enterprise may upload again', async () => {
    const p = await payableProject();
    const g = (await upload(await body(p.id))).json();
    expect(await depositOf(p.id)).toBe('paying');
    const noReason = await decide(hrss, g.id, 'return', {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('退回原因');
    const res = await decide(hrss, g.id, 'return');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnReason: '保函文件不清晰，请重新上传' });
    expect(await depositOf(p.id)).toBe('to_pay');
    expect((await attemptsOf(p.id)).map((a) => [a.status, a.closedReason])).toEqual([['closed', 'returned']]);
    expect((await ctx.database.db.select().from(guarantees).where(eq(guarantees.sourceId, g.id))).length).toBe(0);
    // the form offers the returned upload to fill in again; a new upload is accepted (the number is not in force)
    const form = (await ent.inject({ method: 'GET', url: `/api/projects/${p.id}/offline-guarantee-form` })).json();
    expect(form).toMatchObject({ mayUpload: true, lastReturned: { id: g.id, returnReason: '保函文件不清晰，请重新上传' } });
    expect((await upload(await body(p.id, { guaranteeNo: g.guaranteeNo }))).statusCode).toBe(201);
    expect(await depositOf(p.id)).toBe('paying');
  });

  it('switching to another way closes a 待审核 upload (audited); an approved one cannot be closed', async () => {
    const p = await payableProject();
    const g = (await upload(await body(p.id))).json();
    const actor = { id: enterprise.id, phone: enterprise.phone, role: 'enterprise', ip: null };
    const openCash = (confirmSwitch: boolean) =>
      ctx.database.db.transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'cash', refId: '1', actor, at: ctx.clock.now(), confirmSwitch }));
    await expect(openCash(false)).rejects.toMatchObject({ code: 'PAYMENT_SWITCH_CONFIRM', details: { openWay: 'offline_guarantee' } });
    await openCash(true);
    const [row] = await ctx.database.db.select().from(offlineGuarantees).where(eq(offlineGuarantees.id, BigInt(g.id)));
    expect(row!.status).toBe('closed');
    expect((await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.targetId, g.id), eq(auditLog.action, 'offline_guarantee.close')))).length).toBe(1);
    // hrss can no longer decide on it
    expect((await decide(hrss, g.id, 'approve')).statusCode).toBe(409);

    const q = await payableProject();
    const h = (await upload(await body(q.id))).json();
    expect((await decide(hrss, h.id, 'approve')).statusCode).toBe(200);
    expect(await ctx.database.db.transaction((tx) => ctx.app.payments.deps.closers.offline_guarantee(tx, h.id, ctx.clock.now(), actor))).toBe(false);
  });

  it('the upload asks to confirm a switch when another way is open, and closes it when confirmed', async () => {
    const p = await payableProject();
    const actor = { id: enterprise.id, phone: enterprise.phone, role: 'enterprise', ip: null };
    // another way open (a record that the cash way's closer does not know: nothing to close there, so refused)
    const first = (await upload(await body(p.id))).json();
    await decide(hrss, first.id, 'return');
    await ctx.database.db.transaction((tx) => ctx.app.payments.open(tx, { projectId: p.id, way: 'insurance', refId: '42', actor, at: ctx.clock.now() }));
    const ask = await upload(await body(p.id));
    expect(ask.statusCode).toBe(409);
    expect(ask.json()).toMatchObject({ code: 'PAYMENT_SWITCH_CONFIRM', details: { openWay: 'insurance' } });
    expect(ask.json().message).toBe('切换缴纳方式将关闭当前的保险办理，确定切换吗？');
    // nothing was written by the refused upload
    expect((await ctx.database.db.select().from(offlineGuarantees).where(eq(offlineGuarantees.projectId, p.id))).map((r) => r.status)).toEqual(['returned']);
  });
});

describe('races and scope', () => {
  it('of two approvals of one upload exactly one wins; of two uploads with one number approved at once, one is registered', async () => {
    const p = await payableProject();
    const g = (await upload(await body(p.id))).json();
    const [a, b] = await Promise.all([decide(hrss, g.id, 'approve'), decide(hrss, g.id, 'approve')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await ctx.database.db.select().from(guarantees).where(eq(guarantees.sourceId, g.id))).length).toBe(1);

    // two uploads of one number on two projects (each submitted before the other was approved)
    const [p1, p2] = [await payableProject(), await payableProject()];
    const no = `RACE-${Date.now()}`;
    const u1 = (await upload(await body(p1.id, { guaranteeNo: no }))).json();
    // the second submission is refused while the first awaits review: put it there directly, as if both had come in at once
    const u2 = (await upload(await body(p2.id))).json();
    await ctx.database.db.update(offlineGuarantees).set({ guaranteeNo: no, guaranteeNoKey: no.toUpperCase() }).where(eq(offlineGuarantees.id, BigInt(u2.id)));
    const [r1, r2] = await Promise.all([decide(hrss, u1.id, 'approve'), decide(hrss, u2.id, 'approve')]);
    const codes = [r1, r2].map((r) => (r.statusCode === 200 ? 'ok' : r.json().code)).sort();
    expect(codes).toEqual(['GUARANTEE_NO_IN_FORCE', 'ok']);
    expect((await ctx.database.db.select().from(guarantees).where(eq(guarantees.numberKey, no.toUpperCase()))).length).toBe(1);
    // the loser is still 待审核 and its project 缴纳中: nothing of it was written
    const loser = r1.statusCode === 200 ? u2 : u1;
    const [row] = await ctx.database.db.select().from(offlineGuarantees).where(eq(offlineGuarantees.id, BigInt(loser.id)));
    expect(row!.status).toBe('pending');
  });

  it('another enterprise, another district and another bank get 404', async () => {
    const p = await payableProject({ hrssOrgName: PINGSHAN_HRSS });
    const g = (await upload(await body(p.id))).json();
    const other = await sessionFor(ctx, await buildUser(ctx, { role: 'enterprise', certified: true }));
    const xihu = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, XIHU_HRSS) }));
    const pingshan = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, PINGSHAN_HRSS) }));
    const otherBank = await sessionFor(ctx, await buildBank(ctx));
    expect((await other.inject({ method: 'GET', url: `/api/offline-guarantees/${g.id}` })).statusCode).toBe(404);
    expect((await other.inject({ method: 'GET', url: `/api/projects/${p.id}/offline-guarantee-form` })).statusCode).toBe(404);
    expect((await upload(await body(p.id), other)).statusCode).toBe(404);
    expect((await decide(xihu, g.id, 'approve')).statusCode).toBe(404);
    expect((await xihu.inject({ method: 'GET', url: '/api/offline-guarantees?queue=1' })).json().items.map((i: { id: string }) => i.id)).not.toContain(g.id);
    // the district's own bureau and the city bureau above it decide
    expect((await pingshan.inject({ method: 'GET', url: '/api/offline-guarantees?queue=1' })).json().items.map((i: { id: string }) => i.id)).toContain(g.id);
    expect((await decide(pingshan, g.id, 'approve')).statusCode).toBe(200);
    const reg = (await ent.inject({ method: 'GET', url: `/api/guarantees?number=${encodeURIComponent(g.guaranteeNo)}` })).json().items[0];
    for (const s of [other, xihu, otherBank]) {
      expect((await s.inject({ method: 'GET', url: `/api/guarantees/${reg.id}` })).statusCode).toBe(404);
      expect((await s.inject({ method: 'GET', url: `/api/guarantees?number=${encodeURIComponent(g.guaranteeNo)}` })).json().total).toBe(0);
      expect((await s.inject({ method: 'GET', url: `/api/files/${g.file.id}` })).statusCode).toBe(404);
    }
    // a bank never sees uploads, only what it issued in 保函管理
    expect((await bank.inject({ method: 'GET', url: `/api/offline-guarantees/${g.id}` })).statusCode).toBe(403);
  });
});

describe('保函管理 list and export', () => {
  it('filters by 保函号 / 类型 / 状态 / 工程名称 and exports what it lists', async () => {
    const p = await payableProject();
    const g = (await upload(await body(p.id, { guaranteeNo: 'EXPORT-0001', validTo: '2026-03-20' }))).json();
    await decide(hrss, g.id, 'approve');
    const [proj] = await ctx.database.db.select({ name: projects.name }).from(projects).where(eq(projects.id, p.id));
    const q = `projectName=${encodeURIComponent(proj!.name)}`;
    const list = (await ent.inject({ method: 'GET', url: `/api/guarantees?${q}` })).json();
    expect(list.items.map((i: { number: string; status: string; daysLeft: number }) => [i.number, i.status, i.daysLeft])).toEqual([['EXPORT-0001', 'expiring', 18]]);
    expect((await ent.inject({ method: 'GET', url: `/api/guarantees?${q}&status=valid` })).json().total).toBe(0);
    expect((await ent.inject({ method: 'GET', url: `/api/guarantees?${q}&status=expiring&kind=offline_guarantee` })).json().total).toBe(1);
    expect((await ent.inject({ method: 'GET', url: `/api/guarantees?${q}&kind=bank_guarantee` })).json().total).toBe(0);
    expect((await ent.inject({ method: 'GET', url: '/api/guarantees?status=bad' })).statusCode).toBe(400);

    const xlsx = await ent.inject({ method: 'GET', url: `/api/guarantees/export?${q}` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('attachment;');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 10)).toEqual(['保函号/保单号', '类型', '出具机构', '工程名称', '投保人', '金额（元）', '期限开始', '期限结束', '状态']);
    expect(ws.rowCount).toBe(2);
    expect((ws.getRow(2).values as unknown[]).slice(1, 10)).toEqual(['EXPORT-0001', '线下保单保函', BANK, proj!.name, expect.any(String), 400000, '2026-03-01', '2026-03-20', '即将到期']);
    // the day after its last day it is 已到期, computed from the platform's clock
    ctx.clock.set('2026-03-20T17:00:00Z'); // 2026-03-21 01:00 in Beijing
    try {
      const later = await sessionFor(ctx, enterprise);
      expect((await later.inject({ method: 'GET', url: `/api/guarantees?${q}` })).json().items[0].status).toBe('expired');
    } finally {
      ctx.clock.set('2026-03-02T02:00:00Z');
    }
  });
});
