import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cashDeposits, guarantees, projects, warnings } from '../../db/schema/index';
import { insertWarning } from '../warnings/repository';
import { registerGuarantee } from '../guarantees/register';
import { buildBank, buildProject } from '../../test/factories';
import { buildUser, createTestContext, sessionFor, uploadFile, type Session, type TestContext } from '../../test/harness';
import { buildApiClient, openInject, signedByPlatform } from '../../test/open';
import { pdfText } from '../../test/pdf';

let ctx: TestContext;
let hrss: Session;
let otherHrss: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  const [city] = (await ctx.database.query<{ id: string }>(`select id from organizations where name = '辽宁省本溪市人力资源和社会保障局'`)).rows;
  hrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgId: city!.id }));
  // another district's bureau (not under the city's): a unit of its own
  otherHrss = await sessionFor(ctx, await buildUser(ctx, { role: 'hrss', orgName: '辽宁省丹东市人力资源和社会保障局' }));
});
afterAll(() => ctx.close());

const actor = { id: null, phone: null, role: null, ip: null };

async function enterprise() {
  const u = await buildUser(ctx, { role: 'enterprise', certified: true });
  return { u, s: await sessionFor(ctx, u) };
}

async function depositOf(projectId: bigint) {
  const [p] = await ctx.database.db.select({ d: projects.depositStatus }).from(projects).where(eq(projects.id, projectId));
  return p!.d;
}

/** A completed project, filed, holding 1,000,000.00 in cash at `bank` and a 1,600,000.00 bank guarantee of `bank`. */
async function filedProjectWithInstruments(e: { u: { orgId: string } }, bank: { orgId: string }, name: string) {
  const p = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'filed', status: 'completed', name });
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
      sourceType: 'closure-test', sourceId: String(cashId), fileId: null, actor, at: now,
    }),
  );
  return p;
}

async function cancellationBody(s: Session, projectId: bigint, over: Record<string, unknown> = {}) {
  return {
    projectId: projectId.toString(),
    actualStart: '2026-01-05',
    actualCompletion: '2026-02-27',
    publicityStart: '2026-01-20',
    handlerName: '王五',
    handlerPhone: '13454342345',
    note: '工程已竣工验收',
    acceptanceReportFileIds: [await uploadFile(s, '竣工验收报告.pdf')],
    applicationFormFileIds: [await uploadFile(s, '注销申请表.pdf')],
    noArrearsPledgeFileIds: [await uploadFile(s, '无拖欠承诺.pdf')],
    ...over,
  };
}

describe('备案 (filing)', () => {
  it('a 免缴 project is refused filing and shows no 发起备案', async () => {
    const e = await enterprise();
    const p = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'exempted' });
    const closure = await e.s.inject({ method: 'GET', url: `/api/projects/${p.id}/closure` });
    expect(closure.statusCode).toBe(200);
    expect(closure.json().allowedActions).toEqual([]);
    const res = await e.s.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('免缴项目无需备案');
  });

  it('paid → 备案中 → rejected (reason) → 已缴纳 → resubmitted → approved → 已备案; the card follows', async () => {
    const e = await enterprise();
    const p = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'paid', name: '本溪市滨河路综合管廊工程' });
    expect((await e.s.inject({ method: 'GET', url: `/api/projects/${p.id}/closure` })).json().allowedActions).toEqual(['file']);
    const first = await e.s.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } });
    expect(first.statusCode, first.body).toBe(201);
    const f1 = first.json();
    expect(f1).toMatchObject({ status: 'pending', typeLabel: '定额保证金备案', projectName: '本溪市滨河路综合管廊工程', deadline: '2026-03-09', depositFrom: 'paid' });
    expect(await depositOf(p.id)).toBe('filing');
    // the card's 备案状态
    expect((await e.s.inject({ method: 'GET', url: `/api/projects/${p.id}/deposit` })).json().filingState).toBe('filing');
    // twice: 409
    expect((await e.s.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } })).statusCode).toBe(409);
    // the hrss queue, oldest first, with the deadline; the enterprise cannot decide
    const queue = (await hrss.inject({ method: 'GET', url: '/api/filings?queue=1' })).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(f1.id);
    expect(queue.items.find((x: { id: string }) => x.id === f1.id).allowedActions).toEqual(['approve', 'reject']);
    expect((await e.s.inject({ method: 'POST', url: `/api/filings/${f1.id}/approve` })).statusCode).toBe(403);
    // another district's hrss: 404
    expect((await otherHrss.inject({ method: 'POST', url: `/api/filings/${f1.id}/approve` })).statusCode).toBe(404);
    expect((await otherHrss.inject({ method: 'GET', url: `/api/filings/${f1.id}` })).statusCode).toBe(404);
    // another enterprise: 404
    const other = await enterprise();
    expect((await other.s.inject({ method: 'GET', url: `/api/filings/${f1.id}` })).statusCode).toBe(404);
    expect((await other.s.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } })).statusCode).toBe(404);

    const rej = await hrss.inject({ method: 'POST', url: `/api/filings/${f1.id}/reject`, payload: { reason: '缴纳凭证不清晰' } });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectReason: '缴纳凭证不清晰' });
    expect(await depositOf(p.id)).toBe('paid');
    expect((await hrss.inject({ method: 'POST', url: `/api/filings/${f1.id}/approve` })).statusCode).toBe(409);

    const again = await e.s.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } });
    expect(again.statusCode).toBe(201);
    const ok = await hrss.inject({ method: 'POST', url: `/api/filings/${again.json().id}/approve` });
    expect(ok.json().status).toBe('approved');
    expect(await depositOf(p.id)).toBe('filed');
    expect((await e.s.inject({ method: 'GET', url: `/api/projects/${p.id}/closure` })).json()).toMatchObject({ allowedActions: [], filing: { status: 'approved' } });
    expect((await e.s.inject({ method: 'GET', url: `/api/projects/${p.id}/deposit` })).json().filingState).toBe('filed');

    // the list as the manual: paging, filters, export
    const list = (await e.s.inject({ method: 'GET', url: '/api/filings?projectName=滨河路&status=approved&page=1&pageSize=10' })).json();
    expect(list).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(list.items[0]).toMatchObject({ projectId: p.id.toString(), typeLabel: '定额保证金备案', status: 'approved', authorityName: '辽宁省本溪市住房和城乡建设局' });
    const xlsx = await e.s.inject({ method: 'GET', url: '/api/filings/export' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audits = await ctx.database.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, f1.id));
    expect(audits.map((r) => r.a).sort()).toEqual(['filing.reject', 'filing.submit']);
  });

  it('a 已缓缴 deposit filed and rejected goes back to 已缓缴', async () => {
    const e = await enterprise();
    const p = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'deferred' });
    const f = (await e.s.inject({ method: 'POST', url: '/api/filings', payload: { projectId: p.id.toString() } })).json();
    await hrss.inject({ method: 'POST', url: `/api/filings/${f.id}/reject`, payload: { reason: '缓缴证明过期' } });
    expect(await depositOf(p.id)).toBe('deferred');
  });
});

describe('注销 and 返还 (cancellation and return)', () => {
  it('refuses a project that is not 竣工 (no button; API 409) and a publicity of fewer than 30 days', async () => {
    const e = await enterprise();
    const open = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'filed', status: 'in_progress' });
    expect((await e.s.inject({ method: 'GET', url: `/api/projects/${open.id}/closure` })).json().allowedActions).toEqual([]);
    const r1 = await e.s.inject({ method: 'POST', url: '/api/cancellations', payload: await cancellationBody(e.s, open.id) });
    expect(r1.statusCode).toBe(409);
    expect(r1.json().message).toContain('工程未竣工');

    const done = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'filed', status: 'completed' });
    expect((await e.s.inject({ method: 'GET', url: `/api/projects/${done.id}/closure` })).json().allowedActions).toEqual(['cancel']);
    // 2026-02-01 + 30 days = 2026-03-03 > today (2026-03-02)
    const early = await e.s.inject({ method: 'POST', url: '/api/cancellations', payload: await cancellationBody(e.s, done.id, { publicityStart: '2026-02-01' }) });
    expect(early.statusCode).toBe(400);
    expect(JSON.stringify(early.json())).toContain('自 2026-03-03 起方可申请注销');
    expect(await depositOf(done.id)).toBe('filed');
    // a required file missing
    const noFile = await e.s.inject({ method: 'POST', url: '/api/cancellations', payload: { ...(await cancellationBody(e.s, done.id)), noArrearsPledgeFileIds: [] } });
    expect(noFile.statusCode).toBe(400);
    expect(JSON.stringify(noFile.json())).toContain('请上传无拖欠农民工工资书面承诺');
  });

  it('submit → refused (arrears) → again → approved: 已注销, guarantees 已释放, numbered 确认书, the bank returns (portal and open API)', async () => {
    const e = await enterprise();
    const bankUser = await buildBank(ctx, '中国建设银行股份有限公司本溪分行');
    const bank = await sessionFor(ctx, bankUser);
    const otherBank = await sessionFor(ctx, await buildBank(ctx));
    const p = await filedProjectWithInstruments(e, bankUser, '本溪市平山区滨河路综合管廊建设工程');

    // the template 注销申请表 (PDF) with the project filled in
    const tpl = await e.s.inject({ method: 'GET', url: `/api/projects/${p.id}/cancellation-form` });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toBe('application/pdf');
    expect(pdfText(tpl.rawPayload)).toContain('工资保证金注销申请表');

    const sub = await e.s.inject({ method: 'POST', url: '/api/cancellations', payload: await cancellationBody(e.s, p.id) });
    expect(sub.statusCode, sub.body).toBe(201);
    const c1 = sub.json();
    expect(c1).toMatchObject({ status: 'pending', deadline: '2026-03-09', documentNo: null });
    expect(c1.files.acceptanceReport).toHaveLength(1);
    expect(await depositOf(p.id)).toBe('cancelling');
    expect((await otherHrss.inject({ method: 'POST', url: `/api/cancellations/${c1.id}/approve` })).statusCode).toBe(404);
    const other = await enterprise();
    expect((await other.s.inject({ method: 'GET', url: `/api/cancellations/${c1.id}` })).statusCode).toBe(404);

    const refused = await hrss.inject({ method: 'POST', url: `/api/cancellations/${c1.id}/reject`, payload: { reason: '经核查存在拖欠农民工工资情况，请处理后重新申请' } });
    expect(refused.json()).toMatchObject({ status: 'rejected', rejectReason: '经核查存在拖欠农民工工资情况，请处理后重新申请' });
    expect(await depositOf(p.id)).toBe('filed');
    // the enterprise's 审核结果 message with the reason (ADR 041)
    await ctx.app.outbox.drain();
    const refusedMsg = (await e.s.inject({ method: 'GET', url: '/api/messages?kind=decision' })).json().items[0];
    expect(refusedMsg.title).toBe('保证金注销申请未通过：本溪市平山区滨河路综合管廊建设工程');
    expect(refusedMsg.body).toContain('经核查存在拖欠农民工工资情况');

    const c2 = (await e.s.inject({ method: 'POST', url: '/api/cancellations', payload: await cancellationBody(e.s, p.id) })).json();
    // two open warnings of the project (and one of another project, which stays)
    const owners = { projectId: p.id, enterpriseOrgId: p.enterpriseOrgId, hrssOrgId: p.hrssOrgId, authorityOrgId: p.authorityOrgId, addresseeOrgId: null, dueOn: '2026-03-01', raisedAt: ctx.clock.now() };
    const elsewhere = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'paid' });
    await ctx.database.db.transaction(async (tx) => {
      await insertWarning(tx, { ...owners, type: 'guarantee_expired', objectType: 'guarantee', objectId: `x-${p.id}`, detail: '测试预警一' });
      await insertWarning(tx, { ...owners, type: 'cancellation_review_overdue', objectType: 'cancellation', objectId: c2.id, detail: '测试预警二' });
      await insertWarning(tx, { ...owners, projectId: elsewhere.id, type: 'guarantee_expired', objectType: 'guarantee', objectId: `x-${elsewhere.id}`, detail: '别的项目' });
    });
    const approved = await hrss.inject({ method: 'POST', url: `/api/cancellations/${c2.id}/approve` });
    expect(approved.statusCode, approved.body).toBe(200);
    // 注销 lifts every open warning of the project in the approval's transaction, reason 项目已注销
    const ws = await ctx.database.db.select().from(warnings).where(eq(warnings.projectId, p.id));
    expect(ws).toHaveLength(2);
    expect(ws.every((w) => w.clearedReason === 'project_cancelled' && w.clearedAt?.getTime() === ctx.clock.now().getTime())).toBe(true);
    const [kept] = await ctx.database.db.select().from(warnings).where(eq(warnings.projectId, elsewhere.id));
    expect(kept!.clearedAt).toBeNull();
    // the cleared warnings say why in the 预警 list
    expect((await hrss.inject({ method: 'GET', url: `/api/warnings?projectId=${p.id}&state=cleared` })).json().total).toBe(2);
    const a = approved.json();
    expect(a.status).toBe('approved');
    expect(a.documentNo).toMatch(/^本人社返〔2026〕第 \d{6} 号$/);
    expect(await depositOf(p.id)).toBe('cancelled');
    const g = await ctx.database.db.select().from(guarantees).where(eq(guarantees.projectId, p.id));
    expect(g.every((x) => x.releasedAt !== null)).toBe(true);
    expect(a.instruments.map((i: { amount: string }) => i.amount).sort()).toEqual(['1000000.00', '1600000.00']);

    // the 确认书: numbered, in Chinese, the project, enterprise, credit code, amounts, the date, the 人社监管单位
    for (const who of [e.s, bank]) {
      const pdf = await who.inject({ method: 'GET', url: `/api/cancellations/${c2.id}/confirmation.pdf` });
      expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain('工资保证金返还（销户）确认书');
      expect(text).toContain(a.documentNo);
      expect(text).toContain('本溪市平山区滨河路综合管廊建设工程');
      expect(text).toContain(a.creditCode);
      expect(text).toContain('1,000,000.00');
      expect(text).toContain('1,600,000.00');
      expect(text).toContain('2,600,000.00');
      expect(text).toContain('辽宁省本溪市人力资源和社会保障局');
      expect(text).toContain('2026年03月02日');
    }
    expect((await otherBank.inject({ method: 'GET', url: `/api/cancellations/${c2.id}/confirmation.pdf` })).statusCode).toBe(404);
    expect((await e.s.inject({ method: 'GET', url: `/api/cancellations/${c1.id}/confirmation.pdf` })).statusCode).toBe(404);

    // the bank: two 返还确认 (cash, guarantee original), due in 3 working days
    const mine = (await bank.inject({ method: 'GET', url: '/api/return-confirmations?status=pending' })).json();
    expect(mine.total).toBe(2);
    expect(mine.items.every((r: { deadline: string; allowedActions: string[] }) => r.deadline === '2026-03-05' && r.allowedActions[0] === 'confirm')).toBe(true);
    expect((await otherBank.inject({ method: 'GET', url: '/api/return-confirmations' })).json().total).toBe(0);
    const cashR = mine.items.find((r: { kind: string }) => r.kind === 'cash');
    const guarR = mine.items.find((r: { kind: string }) => r.kind === 'guarantee');
    expect((await otherBank.inject({ method: 'POST', url: `/api/return-confirmations/${cashR.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '1000000.00', interest: '1234.56' } })).statusCode).toBe(404);
    const wrong = await bank.inject({ method: 'POST', url: `/api/return-confirmations/${cashR.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '999.00' } });
    expect(wrong.statusCode).toBe(400);
    const cashOk = await bank.inject({ method: 'POST', url: `/api/return-confirmations/${cashR.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '1000000.00', interest: '1234.56' } });
    expect(cashOk.json()).toMatchObject({ status: 'returned', principal: '1000000.00', interest: '1234.56', returnedOn: '2026-03-02', allowedActions: [] });
    expect((await bank.inject({ method: 'POST', url: `/api/return-confirmations/${cashR.id}/confirm`, payload: { returnedOn: '2026-03-02', principal: '1000000.00' } })).statusCode).toBe(409);

    // the guarantee's original through the signed open API
    const client = await buildApiClient(ctx, bankUser.orgId);
    const listed = await openInject(ctx, client, { method: 'GET', url: '/api/open/v1/return-confirmations?status=pending' });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(await signedByPlatform(ctx, listed)).toBe(true);
    expect(listed.json().items.map((r: { no: string }) => r.no)).toEqual([guarR.id]);
    expect(listed.json().items[0]).toMatchObject({ documentNo: a.documentNo, amount: '1600000.00', kind: 'guarantee', issuedOn: '2026-03-02' });
    const otherClient = await buildApiClient(ctx, (await buildBank(ctx)).orgId);
    expect((await openInject(ctx, otherClient, { method: 'POST', url: `/api/open/v1/return-confirmations/${guarR.id}/returned`, body: { returnedOn: '2026-03-02', originalReturned: true } })).statusCode).toBe(404);
    const done = await openInject(ctx, client, { method: 'POST', url: `/api/open/v1/return-confirmations/${guarR.id}/returned`, body: { returnedOn: '2026-03-02', originalReturned: true } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'returned', returnedOn: '2026-03-02' });
    const events = await openInject(ctx, client, { method: 'GET', url: '/api/open/v1/events?after=0' });
    expect(events.json().events.filter((x: { type: string }) => x.type === 'return_confirmation.issued')).toHaveLength(2);
    const [row] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, guarR.id));
    expect(row).toMatchObject({ action: 'return_confirmation.confirm', actorClient: client.appId });

    // the enterprise sees its cancellation with the returns
    const seen = (await e.s.inject({ method: 'GET', url: `/api/cancellations/${c2.id}` })).json();
    expect(seen.returns.map((r: { status: string }) => r.status)).toEqual(['returned', 'returned']);
  });

  it('清查: completed projects with a live deposit and no cancellation, oldest completion first, exportable', async () => {
    const e = await enterprise();
    const live = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'paid', status: 'completed', name: '清查测试项目甲' });
    const gone = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'cancelled', status: 'completed', name: '清查测试项目乙' });
    const building = await buildProject(ctx, { enterpriseOrgId: e.u.orgId, depositStatus: 'paid', status: 'in_progress', name: '清查测试项目丙' });
    const list = (await hrss.inject({ method: 'GET', url: '/api/audit-checks?projectName=清查测试&pageSize=100' })).json();
    const ids = list.items.map((x: { projectId: string }) => x.projectId);
    expect(ids).toContain(live.id.toString());
    expect(ids).not.toContain(gone.id.toString());
    expect(ids).not.toContain(building.id.toString());
    expect(list.items[0]).toMatchObject({ actualCompletion: '2026-02-27', daysSinceCompletion: 3 });
    expect((await otherHrss.inject({ method: 'GET', url: '/api/audit-checks?projectName=清查测试' })).json().total).toBe(0);
    expect((await e.s.inject({ method: 'GET', url: '/api/audit-checks' })).statusCode).toBe(403);
    const xlsx = await hrss.inject({ method: 'GET', url: '/api/audit-checks/export' });
    expect(xlsx.statusCode).toBe(200);
  });
});
