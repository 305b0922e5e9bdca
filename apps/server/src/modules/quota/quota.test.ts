import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, organizations, projects, quotaApplications } from '../../db/schema/index';
import {
  buildUser,
  createTestContext,
  login,
  orgByName,
  projectInput,
  uploadFile,
  type Session,
  type TestContext,
} from '../../test/harness';
import { buildProject } from '../../test/factories';

let ctx: TestContext;
let hrss: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  hrss = await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局') })).phone);
  admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
});
afterAll(() => ctx.close());

interface Ent extends Session {
  orgId: string;
  creditCode: string;
}
async function enterprise(): Promise<Ent> {
  const u = await buildUser(ctx, { role: 'enterprise', certified: true });
  const s = await login(ctx, u.phone);
  const [org] = await ctx.database.db.select().from(organizations).where(eq(organizations.id, u.orgId));
  return { ...s, orgId: u.orgId, creditCode: org!.creditCode! };
}
async function project(s: Session, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const base = (projectId: string, overrides: Record<string, unknown> = {}) => ({
  projectId,
  contractAmount: '20000000.00',
  prepayMode: 'ratio',
  prepayRatio: '2',
  applyType: 'general',
  payMethod: 'guarantee',
  handlerName: '张三全',
  handlerPhone: '13455554444',
  description: '按规定比例申请',
  ...overrides,
});
const submit = (s: Session, body: Record<string, unknown>) => s.inject({ method: 'POST', url: '/api/quota-applications', payload: body });
const projectRow = async (id: string) => (await ctx.database.db.select().from(projects).where(eq(projects.id, BigInt(id))))[0]!;
const audits = async (id: string) => (await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id)).map((a) => a.action);

describe('一般缴纳 by ratio: the engine computes, hrss approves, the project becomes 待缴纳', () => {
  it('checks rows, audit and 保证金状态 at every step', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    expect((await projectRow(pid)).depositStatus).toBe('none');

    const preview = await ent.inject({ method: 'POST', url: '/api/quota-applications/preview', payload: { projectId: pid, contractAmount: '20000000.00' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().requirement).toMatchObject({ ratioText: '2.00%', requiredAmount: '400000.00', exemptionAllowed: false });
    expect(preview.json().requirement.reasons[0]).toContain('2%');

    const res = await submit(ent, base(pid));
    expect(res.statusCode, res.body).toBe(201);
    const q = res.json();
    expect(q.batchNo).toMatch(/^\d{19}$/);
    expect(q).toMatchObject({ status: 'pending', appliedAmount: '400000.00', prepayRatio: '2.00', belowRequirement: false, payMethod: 'guarantee' });
    expect(q.dueOn).toBe('2026-03-09'); // submitted Monday 2026-03-02: five working days later
    const p1 = await projectRow(pid);
    expect(p1).toMatchObject({ depositStatus: 'quota_review', baseLocked: true });

    // base data is now locked (SPEC: editable until the first quota application)
    const edit = await ent.inject({ method: 'PATCH', url: `/api/projects/${pid}`, payload: { name: '改名' } });
    expect(edit.statusCode).toBe(409);

    // hrss sees it in its queue with the same computation
    const queue = (await hrss.inject({ method: 'GET', url: '/api/quota-applications?queue=1&status=pending&pageSize=100' })).json();
    const mine = queue.items.find((x: { id: string }) => x.id === q.id);
    expect(mine.requirement.requiredAmount).toBe('400000.00');

    const ok = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', approvedAmount: '400000.00' });
    expect((await projectRow(pid)).depositStatus).toBe('to_pay');
    expect(await audits(q.id)).toEqual(['quota.submit', 'quota.approve']);

    // approving twice is a 409
    expect((await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })).statusCode).toBe(409);
    // one live quota per project
    const again = await submit(ent, base(pid));
    expect(again.statusCode).toBe(409);
  });
});

describe('按金额 below the requirement needs a written justification, and the reviewer must accept it', () => {
  it('is refused without one, marked with one, and approved only with acceptJustification', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const low = base(pid, { prepayMode: 'amount', prepayRatio: undefined, appliedAmount: '300000.00' });
    const refused = await submit(ent, low);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.fields.justification[0]).toContain('400,000.00');

    const res = await submit(ent, { ...low, justification: '企业已在同一项目存有其他保证金，申请按30万元存储' });
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q).toMatchObject({ belowRequirement: true, appliedAmount: '300000.00', prepayRatio: '1.50' });

    const noAccept = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} });
    expect(noAccept.statusCode).toBe(400);
    expect(noAccept.json().details.fields.acceptJustification).toBeDefined();
    const accepted = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: { acceptJustification: true, comment: '情况属实' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ justificationAccepted: true, reviewComment: '情况属实' });
  });

  it('the reviewer may not set the final amount below the requirement without a justification on file', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const q = (await submit(ent, base(pid))).json();
    const res = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: { approvedAmount: '100000', acceptJustification: true } });
    expect(res.statusCode).toBe(400);
    const higher = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: { approvedAmount: '450000' } });
    expect(higher.statusCode).toBe(200);
    expect(higher.json().approvedAmount).toBe('450000.00');
  });
});

describe('免缴 and 缓缴', () => {
  it('免缴 under 3,000,000 yuan with both uploads → 已免缴', async () => {
    const ent = await enterprise();
    const pid = await project(ent, { contractAmount: '2999999.99' });
    const preview = (await ent.inject({ method: 'POST', url: '/api/quota-applications/preview', payload: { projectId: pid, contractAmount: '2999999.99' } })).json();
    expect(preview.requirement.exemptionAllowed).toBe(true);
    const missing = await submit(ent, base(pid, { contractAmount: '2999999.99', applyType: 'exempt', payMethod: undefined }));
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().details.fields)).toEqual(expect.arrayContaining(['licenseFileId', 'bidNoticeFileIds']));
    const licence = await uploadFile(ent, '营业执照.pdf');
    const notices = [await uploadFile(ent, '中标通知书1.pdf'), await uploadFile(ent, '中标通知书2.pdf')];
    const three = await submit(ent, base(pid, { contractAmount: '2999999.99', applyType: 'exempt', licenseFileId: licence, bidNoticeFileIds: [...notices, notices[0]] }));
    expect(three.statusCode).toBe(400);
    const res = await submit(ent, base(pid, { contractAmount: '2999999.99', applyType: 'exempt', payMethod: undefined, licenseFileId: licence, bidNoticeFileIds: notices }));
    expect(res.statusCode, res.body).toBe(201);
    const q = res.json();
    expect(q).toMatchObject({ applyType: 'exempt', belowRequirement: false, payMethod: null });
    expect(q.bidNoticeFiles).toHaveLength(2);
    // the reviewer can open the attachments; another enterprise cannot
    expect((await hrss.inject({ method: 'GET', url: `/api/files/${licence}` })).statusCode).toBe(200);
    const other = await enterprise();
    expect((await other.inject({ method: 'GET', url: `/api/files/${licence}` })).statusCode).toBe(404);
    expect((await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })).statusCode).toBe(200);
    expect((await projectRow(pid)).depositStatus).toBe('exempted');
  });

  it('免缴 at exactly 3,000,000.00 is not eligible: needs a justification and the reviewer accepting it', async () => {
    const ent = await enterprise();
    const pid = await project(ent, { contractAmount: '3000000.00' });
    const licence = await uploadFile(ent);
    const notice = await uploadFile(ent);
    const body = base(pid, { contractAmount: '3000000.00', applyType: 'exempt', licenseFileId: licence, bidNoticeFileIds: [notice] });
    expect((await submit(ent, body)).statusCode).toBe(400);
    const q = (await submit(ent, { ...body, justification: '项目为应急抢险工程' })).json();
    expect(q.belowRequirement).toBe(true);
    expect((await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })).statusCode).toBe(400);
  });

  it('缓缴 with a reason and a supporting file → 已缓缴', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const file = await uploadFile(ent, '缓缴证明.pdf');
    const q = (await submit(ent, base(pid, { applyType: 'deferred', payMethod: undefined, deferralReason: '资金周转困难，申请缓缴三个月', deferralFileId: file }))).json();
    expect(q.deferralFile.name).toBe('缓缴证明.pdf');
    await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} });
    expect((await projectRow(pid)).depositStatus).toBe('deferred');
  });
});

describe('reject, then correct and resubmit', () => {
  it('keeps the history and gives the new submission a new 申请批次号', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const first = (await submit(ent, base(pid, { prepayRatio: '1' , justification: '首次申请' }))).json();
    const rejected = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${first.id}/reject`, payload: { reason: '比例低于规定，请按2%申请' } });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '比例低于规定，请按2%申请' });
    expect((await projectRow(pid)).depositStatus).toBe('none');
    const second = await submit(ent, base(pid, { previousId: first.id }));
    expect(second.statusCode).toBe(201);
    expect(second.json().id).not.toBe(first.id);
    expect(second.json().previousId).toBe(first.id);
    const rows = await ctx.database.db.select().from(quotaApplications).where(eq(quotaApplications.projectId, BigInt(pid)));
    expect(rows.map((r) => r.status).sort()).toEqual(['pending', 'rejected']);
    // only a rejected one can be resubmitted, and only the latest of the project
    const bad = await submit(ent, base(pid, { previousId: second.json().id }));
    expect(bad.statusCode).toBe(409);
    await hrss.inject({ method: 'POST', url: `/api/quota-applications/${second.json().id}/reject`, payload: { reason: '材料不全' } });
    const stale = await submit(ent, base(pid, { previousId: first.id }));
    expect(stale.statusCode).toBe(409);
    expect((await submit(ent, base(pid, { previousId: second.json().id }))).statusCode).toBe(201);
  });

  it('the list marks the rejected application superseded once it is resubmitted, for the enterprise and the reviewer alike', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const other = await project(ent, { name: '另一个项目' });
    const first = (await submit(ent, base(pid))).json();
    const alone = (await submit(ent, base(other))).json();
    expect(first.superseded).toBe(false);
    await hrss.inject({ method: 'POST', url: `/api/quota-applications/${first.id}/reject`, payload: { reason: '材料不全' } });
    await hrss.inject({ method: 'POST', url: `/api/quota-applications/${alone.id}/reject`, payload: { reason: '材料不全' } });
    // rejected and not yet resubmitted: it is still the project's current application
    const before = (await ent.inject({ method: 'GET', url: `/api/quota-applications?projectId=${pid}` })).json();
    expect(before.items.map((q: { status: string; superseded: boolean }) => [q.status, q.superseded])).toEqual([['rejected', false]]);

    const second = (await submit(ent, base(pid, { previousId: first.id }))).json();
    expect(second.superseded).toBe(false);
    const flags = (items: { id: string; superseded: boolean }[]) => Object.fromEntries(items.map((q) => [q.id, q.superseded]));
    for (const who of [ent, hrss]) {
      const list = (await who.inject({ method: 'GET', url: '/api/quota-applications?pageSize=100' })).json();
      expect(flags(list.items)).toMatchObject({ [first.id]: true, [second.id]: false, [alone.id]: false });
    }
    // the same on its own page (the one being looked at may be on a page without the newer one)
    expect((await ent.inject({ method: 'GET', url: `/api/quota-applications/${first.id}` })).json().superseded).toBe(true);
    const onlyRejected = (await ent.inject({ method: 'GET', url: `/api/quota-applications?status=rejected&projectId=${pid}` })).json();
    expect(flags(onlyRejected.items)).toEqual({ [first.id]: true });
  });

  it('a pending application can be withdrawn by its enterprise, after which approving is a 409', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const q = (await submit(ent, base(pid))).json();
    expect((await ent.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/withdraw` })).statusCode).toBe(200);
    expect((await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })).statusCode).toBe(409);
  });
});

describe('races', () => {
  it('20 parallel identical submissions → one application', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(ent, base(pid))));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const rows = await ctx.database.db.select().from(quotaApplications).where(eq(quotaApplications.projectId, BigInt(pid)));
    expect(rows).toHaveLength(1);
  });

  it('20 parallel approvals → exactly one 200 and one audit row', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const q = (await submit(ent, base(pid))).json();
    const results = await Promise.all(Array.from({ length: 20 }, () => hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect(await audits(q.id)).toEqual(['quota.submit', 'quota.approve']);
  });
});

describe('the register and the parameters feed the engine', () => {
  it("the enterprise's other projects in the region: 在建 ones counted, the earliest signing of any starts its clean years", async () => {
    const ent = await enterprise();
    const applying = await buildProject(ctx, { enterpriseOrgId: ent.orgId, status: 'not_started' }); // signed 2025-12-15
    const building = await buildProject(ctx, { enterpriseOrgId: ent.orgId, status: 'in_progress' });
    const finished = await buildProject(ctx, { enterpriseOrgId: ent.orgId, status: 'completed' });
    const elsewhere = await buildProject(ctx, { enterpriseOrgId: ent.orgId, status: 'in_progress', regionCode: '210502' });
    const signed = (id: bigint, on: string) => ctx.database.db.update(projects).set({ contractSignedOn: on }).where(eq(projects.id, id));
    await signed(building.id, '2023-05-01');
    await signed(finished.id, '2021-03-01');
    await signed(elsewhere.id, '2015-01-01');
    const preview = async (id: bigint) =>
      (await ent.inject({ method: 'POST', url: '/api/quota-applications/preview', payload: { projectId: id.toString(), contractAmount: '20000000.00' } })).json().record;
    expect(await preview(applying.id)).toMatchObject({ otherProjectsUnderConstructionInRegion: 1, cleanYearsInRegion: 4 });
    // from the 在建 one: the applying project does not count itself, the finished one is not 在建
    expect(await preview(building.id)).toMatchObject({ otherProjectsUnderConstructionInRegion: 0, cleanYearsInRegion: 2 });
  });

  it('arrears in the two years before signing raise the ratio by 50%; the 严重失信 list by 100%', async () => {
    const ent = await enterprise();
    const pid = await project(ent); // signed 2025-12-15
    const rec = await hrss.inject({
      method: 'POST',
      url: '/api/arrears-records',
      payload: { creditCode: ent.creditCode, kind: 'arrears', regionCode: '210500', occurredOn: '2024-06-01', sourceDocument: '本人社监〔2024〕12号 责令限期清偿决定书' },
    });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json().enteredByOrg).toBe('辽宁省本溪市人力资源和社会保障局');
    let r = (await ent.inject({ method: 'POST', url: '/api/quota-applications/preview', payload: { projectId: pid, contractAmount: '20000000.00' } })).json();
    expect(r.requirement).toMatchObject({ ratioText: '3.00%', requiredAmount: '600000.00' });
    expect(r.record.arrearsInTwoYearsBefore).toBe(true);

    await hrss.inject({
      method: 'POST',
      url: '/api/arrears-records',
      payload: { creditCode: ent.creditCode, kind: 'serious_dishonest', regionCode: '210500', occurredOn: '2025-01-10', sourceDocument: '严重失信主体名单列入决定' },
    });
    r = (await ent.inject({ method: 'POST', url: '/api/quota-applications/preview', payload: { projectId: pid, contractAmount: '20000000.00' } })).json();
    expect(r.requirement).toMatchObject({ ratioText: '4.00%', requiredAmount: '800000.00' });

    // enterprises cannot read or write the register
    expect((await ent.inject({ method: 'GET', url: '/api/arrears-records' })).statusCode).toBe(403);

    // the duties flag is set and read back by hrss
    expect((await hrss.inject({ method: 'PUT', url: '/api/enterprise-duties', payload: { creditCode: ent.creditCode, dutiesMet: true } })).statusCode).toBe(200);
    const duties = await hrss.inject({ method: 'GET', url: `/api/enterprise-duties?creditCode=${ent.creditCode}` });
    expect(duties.json()).toMatchObject({ dutiesMet: true });
    expect((await ent.inject({ method: 'GET', url: `/api/enterprise-duties?creditCode=${ent.creditCode}` })).statusCode).toBe(403);
  });

  it('admin changes a region parameter; it applies to later submissions, submitted ones keep theirs', async () => {
    const ent = await enterprise();
    const p1 = await project(ent, { regionCode: '210504' });
    const p2 = await project(ent, { regionCode: '210504' });
    const before = (await submit(ent, base(p1))).json();
    expect(before.requirement.requiredAmount).toBe('400000.00');
    const list = await admin.inject({ method: 'GET', url: '/api/admin/ratio-params' });
    expect(list.statusCode, list.body).toBe(200);
    const params = list.json().find((x: { regionCode: string }) => x.regionCode === '210504');
    const bad = await admin.inject({ method: 'PUT', url: '/api/admin/ratio-params/210504', payload: { ...params, regionCode: undefined, regionName: undefined, effectiveFrom: undefined, baseRatioPercent: '5' } });
    expect(bad.statusCode).toBe(400);
    ctx.clock.advance(1000);
    const put = await admin.inject({ method: 'PUT', url: '/api/admin/ratio-params/210504', payload: { ...params, regionCode: undefined, regionName: undefined, effectiveFrom: undefined, baseRatioPercent: '3' } });
    expect(put.statusCode, put.body).toBe(200);
    ctx.clock.advance(1000);
    const after = (await submit(ent, base(p2, { prepayRatio: '3' }))).json();
    expect(after.requirement).toMatchObject({ ratioText: '3.00%', requiredAmount: '600000.00' });
    const kept = (await ent.inject({ method: 'GET', url: `/api/quota-applications/${before.id}` })).json();
    expect(kept.requirement.requiredAmount).toBe('400000.00');
    const audit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'ratio.update'), eq(auditLog.targetId, '210504')));
    expect(audit).toHaveLength(1);
  });
});

describe('scope', () => {
  it('another enterprise and a bureau of another district get 404; the list shows only their own', async () => {
    const ent = await enterprise();
    const pid = await project(ent, { regionCode: '210503' });
    const q = (await submit(ent, base(pid))).json();
    const other = await enterprise();
    expect((await other.inject({ method: 'GET', url: `/api/quota-applications/${q.id}` })).statusCode).toBe(404);
    expect((await other.inject({ method: 'GET', url: '/api/quota-applications' })).json().items.map((x: { id: string }) => x.id)).not.toContain(q.id);
    const mingshan = await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市明山区人力资源和社会保障局') })).phone);
    expect((await mingshan.inject({ method: 'GET', url: `/api/quota-applications/${q.id}` })).statusCode).toBe(404);
    expect((await mingshan.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })).statusCode).toBe(404);
    const xihu = await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '本溪市溪湖区人力资源和社会保障局') })).phone);
    expect((await xihu.inject({ method: 'GET', url: `/api/quota-applications/${q.id}` })).statusCode).toBe(200);
    // an enterprise cannot approve its own application
    expect((await ent.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} })).statusCode).toBe(403);
    // another enterprise cannot apply for a project that is not its own
    expect((await submit(other, base(pid))).statusCode).toBe(404);
  });
});

describe('working-day deadlines', () => {
  it('an application submitted before the 2025 National Day holiday is due after it, counting the adjusted Saturday', async () => {
    ctx.clock.set('2025-09-26T02:00:00Z'); // Friday 10:00 in Beijing
    const ent = await enterprise();
    const pid = await project(ent, { contractSignedOn: '2025-09-01', plannedStart: '2025-09-01' });
    const q = (await submit(ent, base(pid))).json();
    // working days after 26 Sep: 28 Sep (adjusted Sunday), 29, 30 Sep, 9 Oct, 10 Oct
    expect(q.dueOn).toBe('2025-10-10');
    ctx.clock.set('2025-10-13T02:00:00Z');
    const list = (await hrss.inject({ method: 'GET', url: '/api/quota-applications?queue=1&status=pending&pageSize=100' })).json();
    expect(list.items.find((x: { id: string }) => x.id === q.id).overdue).toBe(true);
    ctx.clock.set('2026-03-02T02:00:00Z');
  });
});

describe('calendar overrides and export', () => {
  it('an operator-declared rest day moves the deadline, and removing it moves it back', async () => {
    const ent = await enterprise();
    const put = await admin.inject({ method: 'PUT', url: '/api/admin/calendar-overrides', payload: { date: '2026-03-04', workday: false, note: '临时停工日' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toContainEqual({ date: '2026-03-04', workday: false, note: '临时停工日' });
    const pid = await project(ent);
    const q = (await submit(ent, base(pid))).json();
    expect(q.dueOn).toBe('2026-03-10'); // one day later than without the override
    expect((await admin.inject({ method: 'DELETE', url: '/api/admin/calendar-overrides/2026-03-04' })).statusCode).toBe(200);
    expect((await admin.inject({ method: 'DELETE', url: '/api/admin/calendar-overrides/2026-03-04' })).statusCode).toBe(404);
    expect((await hrss.inject({ method: 'PUT', url: '/api/admin/calendar-overrides', payload: { date: '2026-03-05', workday: false } })).statusCode).toBe(403);
  });

  it('exports the filtered list to Excel, only within scope', async () => {
    const ent = await enterprise();
    const pid = await project(ent, { name: '导出测试专用工程' });
    await submit(ent, base(pid));
    const res = await ent.inject({ method: 'GET', url: `/api/quota-applications/export?projectName=${encodeURIComponent('导出测试专用')}` });
    expect(res.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('工程名称');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('导出测试专用工程');
    const other = await enterprise();
    const theirs = await other.inject({ method: 'GET', url: `/api/quota-applications/export?projectName=${encodeURIComponent('导出测试专用')}` });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
  });
});
