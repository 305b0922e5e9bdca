import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, projects } from '../../db/schema/index';
import { buildUser, createTestContext, login, orgByName, projectInput, uploadFile, certificationInput, type Session, type TestContext } from '../../test/harness';

let ctx: TestContext;
let hrss: Session;
let authority: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  hrss = await login(ctx, (await buildUser(ctx, { role: 'hrss', orgId: await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局') })).phone);
  authority = await login(ctx, (await buildUser(ctx, { role: 'authority', orgId: await orgByName(ctx, '辽宁省本溪市住房和城乡建设局') })).phone);
  admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
});
afterAll(() => ctx.close());

async function enterprise(): Promise<Session & { orgId: string }> {
  const u = await buildUser(ctx, { role: 'enterprise', certified: true });
  return { ...(await login(ctx, u.phone)), orgId: u.orgId };
}
async function project(s: Session): Promise<string> {
  const res = await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const body = (projectId: string, extra: Record<string, unknown> = {}) => ({
  projectId,
  contractAmount: '20000000.00',
  prepayMode: 'ratio',
  prepayRatio: '2',
  applyType: 'general',
  payMethod: 'cash',
  handlerName: '张三全',
  handlerPhone: '13455554444',
  ...extra,
});
const submit = async (s: Session, b: Record<string, unknown>) => {
  const res = await s.inject({ method: 'POST', url: '/api/quota-applications', payload: b });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; allowedActions: string[] };
};
const actionsOf = async (s: Session, id: string) => {
  const res = await s.inject({ method: 'GET', url: `/api/quota-applications/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().allowedActions as string[];
};
const rowActionsOf = async (s: Session, projectId: string) =>
  Object.fromEntries(
    (await s.inject({ method: 'GET', url: `/api/quota-applications?projectId=${projectId}&pageSize=50` })).json().items.map((x: { id: string; allowedActions: string[] }) => [x.id, x.allowedActions]),
  );
const projectActionsOf = async (s: Session, id: string) => (await s.inject({ method: 'GET', url: `/api/projects/${id}` })).json().allowedActions as string[];

describe('allowedActions: computed by the server from the workflow definition, per role and state', () => {
  it('quota applications and their project, through submit → reject → resubmit → approve', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    expect(await projectActionsOf(ent, pid)).toEqual(['quota.submit']);
    for (const s of [hrss, authority, admin]) expect(await projectActionsOf(s, pid)).toEqual([]);

    const first = await submit(ent, body(pid, { prepayRatio: '1', justification: '首次申请' }));
    expect(first.allowedActions).toEqual(['withdraw']);
    expect(await actionsOf(hrss, first.id)).toEqual(['approve', 'reject']);
    expect(await actionsOf(authority, first.id)).toEqual([]);
    expect(await actionsOf(admin, first.id)).toEqual([]);
    expect(await projectActionsOf(ent, pid)).toEqual([]); // 定额审核中: one live application per project

    // the list rows carry the same as the detail
    expect(await rowActionsOf(hrss, pid)).toEqual({ [first.id]: ['approve', 'reject'] });
    expect(await rowActionsOf(ent, pid)).toEqual({ [first.id]: ['withdraw'] });

    const rejected = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${first.id}/reject`, payload: { reason: '比例低于规定' } });
    expect(rejected.json().allowedActions).toEqual([]); // the reviewer's answer: nothing left for hrss
    expect(await actionsOf(ent, first.id)).toEqual(['resubmit']);
    expect(await actionsOf(hrss, first.id)).toEqual([]);
    expect(await projectActionsOf(ent, pid)).toEqual(['quota.submit']);

    // another enterprise never sees it (404), so never any action
    const other = await enterprise();
    expect((await other.inject({ method: 'GET', url: `/api/quota-applications/${first.id}` })).statusCode).toBe(404);

    const second = await submit(ent, body(pid, { previousId: first.id }));
    expect(second.allowedActions).toEqual(['withdraw']);
    // the first is no longer the latest, and the project has a live one: it cannot be corrected again
    expect(await rowActionsOf(ent, pid)).toEqual({ [second.id]: ['withdraw'], [first.id]: [] });

    const approved = await hrss.inject({ method: 'POST', url: `/api/quota-applications/${second.id}/approve`, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await rowActionsOf(ent, pid)).toEqual({ [second.id]: [], [first.id]: [] });
    expect(await rowActionsOf(hrss, pid)).toEqual({ [second.id]: [], [first.id]: [] });
    expect(await projectActionsOf(ent, pid)).toEqual([]); // 待缴纳
  });

  it('a rejected application of a 竣工 project cannot be resubmitted, and the project offers no 定额申请', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const q = await submit(ent, body(pid));
    await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/reject`, payload: { reason: '材料不全' } });
    expect(await actionsOf(ent, q.id)).toEqual(['resubmit']);
    const done = await ent.inject({ method: 'PUT', url: `/api/projects/${pid}/progress`, payload: { actualStart: '2026-01-10', actualCompletion: '2026-02-20' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', allowedActions: [] });
    expect(await actionsOf(ent, q.id)).toEqual([]);
  });

  it('certification: admin may approve or reject a pending one; the enterprise may reapply after a refusal', async () => {
    const u = await buildUser(ctx, { role: 'enterprise' });
    const ent = await login(ctx, u.phone);
    const licenseFileId = await uploadFile(ent);
    const c = (await ent.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId }) })).json();
    expect(c.allowedActions).toEqual([]);
    expect((await admin.inject({ method: 'GET', url: `/api/admin/certifications/${c.id}` })).json().allowedActions).toEqual(['approve', 'reject']);
    const list = (await admin.inject({ method: 'GET', url: '/api/admin/certifications?status=pending&pageSize=100' })).json();
    expect(list.items.find((x: { id: string }) => x.id === c.id).allowedActions).toEqual(['approve', 'reject']);
    const refused = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${c.id}/reject`, payload: { reason: '营业执照不清晰' } });
    expect(refused.json().allowedActions).toEqual([]);
    expect((await ent.inject({ method: 'GET', url: '/api/certification' })).json().certification.allowedActions).toEqual(['resubmit']);
  });
});

describe('parallel conflicting moves', () => {
  it('approve and withdraw of one application at once: exactly one wins, with one audit row and one deposit move', async () => {
    for (let round = 0; round < 6; round++) {
      const ent = await enterprise();
      const pid = await project(ent);
      const q = await submit(ent, body(pid));
      const [approve, withdraw] = await Promise.all([
        hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/approve`, payload: {} }),
        ent.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/withdraw` }),
      ]);
      const codes = [approve.statusCode, withdraw.statusCode].sort();
      expect(codes, `${approve.body} / ${withdraw.body}`).toEqual([200, 409]);
      const won = approve.statusCode === 200 ? 'approve' : 'withdraw';
      const decisions = await ctx.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.targetId, q.id), inArray(auditLog.action, ['quota.approve', 'quota.withdraw'])));
      expect(decisions.map((d) => d.action)).toEqual([`quota.${won}`]);
      const moves = await ctx.database.db
        .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.targetType, 'project'), eq(auditLog.targetId, pid), like(auditLog.action, 'deposit.%')))
        .orderBy(auditLog.id);
      const expected = won === 'approve' ? 'to_pay' : 'none';
      expect(moves).toEqual([
        { action: 'deposit.quota_submitted', before: { depositStatus: 'none', needsReplenish: false }, after: { depositStatus: 'quota_review', needsReplenish: false, source: { type: 'quota_application', id: q.id } } },
        {
          action: won === 'approve' ? 'deposit.quota_approved_general' : 'deposit.quota_withdrawn',
          before: { depositStatus: 'quota_review', needsReplenish: false },
          after: { depositStatus: expected, needsReplenish: false, source: { type: 'quota_application', id: q.id } },
        },
      ]);
      const [p] = await ctx.database.db.select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, BigInt(pid)));
      expect(p!.s).toBe(expected);
      expect((await ent.inject({ method: 'GET', url: `/api/quota-applications/${q.id}` })).json().status).toBe(won === 'approve' ? 'approved' : 'withdrawn');
    }
  });

  it('the quota audit row records the real before → after of the project’s 保证金状态', async () => {
    const ent = await enterprise();
    const pid = await project(ent);
    const q = await submit(ent, body(pid));
    await hrss.inject({ method: 'POST', url: `/api/quota-applications/${q.id}/reject`, payload: { reason: '材料不全' } });
    const [row] = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.targetId, q.id), eq(auditLog.action, 'quota.reject')));
    expect(row).toMatchObject({ before: { status: 'pending', projectDepositStatus: 'quota_review' }, after: { status: 'rejected', projectDepositStatus: 'none' } });
    // a project whose deposit moved on by another way cannot be sent back by a stale decision
    const q2 = await submit(ent, body(pid, { previousId: q.id }));
    await ctx.database.db.update(projects).set({ depositStatus: 'paid' }).where(eq(projects.id, BigInt(pid)));
    const stale = await ent.inject({ method: 'POST', url: `/api/quota-applications/${q2.id}/withdraw` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('当前保证金状态为「已缴纳」，不能执行「定额申请撤回」，请刷新后查看最新状态');
    expect((await ent.inject({ method: 'GET', url: `/api/quota-applications/${q2.id}` })).json().status).toBe('pending');
    const [p] = await ctx.database.db.select({ s: projects.depositStatus }).from(projects).where(eq(projects.id, BigInt(pid)));
    expect(p!.s).toBe('paid');
  });
});
