import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, certifications, organizations } from '../../db/schema/index';
import {
  buildUser,
  certificationInput,
  createTestContext,
  login,
  randomCreditCode,
  uploadFile,
  type Session,
  type TestContext,
} from '../../test/harness';

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await buildUser(ctx, { role: 'admin' });
  admin = await login(ctx, a.phone);
});
afterAll(() => ctx.close());

async function newEnterprise(): Promise<Session & { orgId: string }> {
  const u = await buildUser(ctx, { role: 'enterprise' });
  return { ...(await login(ctx, u.phone)), orgId: u.orgId };
}

async function submit(s: Session, overrides = {}) {
  const licenseFileId = await uploadFile(s);
  return s.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId, ...overrides }) });
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

describe('enterprise certification lifecycle', () => {
  it('submit → refuse with reason → resubmit → approve, with rows and audit at every step', async () => {
    const ent = await newEnterprise();

    // before certifying, everything but certification is closed and there is no certification yet
    const none = await ent.inject({ method: 'GET', url: '/api/certification' });
    expect(none.json()).toEqual({ certification: null });
    const me0 = await ent.inject({ method: 'GET', url: '/api/me' });
    expect(me0.json().org.certified).toBe(false);

    const res = await submit(ent, { enterpriseName: '本溪青怡坊建设有限公司' });
    expect(res.statusCode).toBe(201);
    const first = res.json();
    expect(first.status).toBe('pending');
    expect(first.bizCode).toMatch(/^RZ\d{20}$/);
    expect(first.submittedAt).toBe(ctx.clock.now().toISOString());
    expect(first.licenseFile).toMatchObject({ name: '营业执照.pdf', mime: 'application/pdf' });

    // a second submission while pending is refused
    const dup = await submit(ent);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('INVALID_STATE');

    // admin queue shows it; refusing needs a reason
    const queue = await admin.inject({ method: 'GET', url: '/api/admin/certifications?status=pending' });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((c: { id: string }) => c.id)).toContain(first.id);
    const noReason = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${first.id}/reject`, payload: { reason: '  ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields.reason).toBeDefined();

    ctx.clock.advance(45_000);
    const refused = await admin.inject({
      method: 'POST',
      url: `/api/admin/certifications/${first.id}/reject`,
      payload: { reason: '企业资质上传有误' },
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'rejected', rejectReason: '企业资质上传有误' });
    expect(refused.json().updatedAt).toBe(ctx.clock.now().toISOString());
    expect(await auditActions(first.id)).toEqual(['certification.submit', 'certification.reject']);

    // refusing twice is a 409
    const again = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${first.id}/approve` });
    expect(again.statusCode).toBe(409);

    const seen = await ent.inject({ method: 'GET', url: '/api/certification' });
    expect(seen.json().certification).toMatchObject({ status: 'rejected', rejectReason: '企业资质上传有误' });

    // 重新申请认证: a new record with a new 业务编码, the refused one kept
    const resub = await submit(ent, { enterpriseName: '本溪青怡坊建设集团有限公司' });
    expect(resub.statusCode).toBe(201);
    const second = resub.json();
    expect(second.bizCode).not.toBe(first.bizCode);
    const rows = await ctx.database.db.select().from(certifications).where(eq(certifications.orgId, ent.orgId));
    expect(rows.map((r) => r.status).sort()).toEqual(['pending', 'rejected']);

    const ok = await admin.inject({ method: 'POST', url: `/api/admin/certifications/${second.id}/approve` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect(ok.json().decidedAt).not.toBeNull();

    const [org] = await ctx.database.db.select().from(organizations).where(eq(organizations.id, ent.orgId));
    expect(org).toMatchObject({ certified: true, name: '本溪青怡坊建设集团有限公司', creditCode: second.creditCode });
    const me = await ent.inject({ method: 'GET', url: '/api/me' });
    expect(me.json().org).toMatchObject({ certified: true, name: '本溪青怡坊建设集团有限公司' });
    expect(await auditActions(second.id)).toEqual(['certification.submit', 'certification.approve']);

    // once certified, no more submissions
    const after = await submit(ent);
    expect(after.statusCode).toBe(409);
  });

  it('one credit code belongs to one enterprise', async () => {
    const code = randomCreditCode();
    const a = await newEnterprise();
    const b = await newEnterprise();
    expect((await submit(a, { creditCode: code })).statusCode).toBe(201);
    const clash = await submit(b, { creditCode: code });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('CREDIT_CODE_TAKEN');

    // approved codes are taken too
    const [row] = await ctx.database.db.select().from(certifications).where(and(eq(certifications.orgId, a.orgId)));
    await admin.inject({ method: 'POST', url: `/api/admin/certifications/${row!.id}/approve` });
    const later = await submit(b, { creditCode: code });
    expect(later.statusCode).toBe(409);
    expect(later.json().code).toBe('CREDIT_CODE_TAKEN');
  });

  it('two enterprises submitting the same credit code at once: exactly one wins', async () => {
    const code = randomCreditCode();
    const ents = await Promise.all([newEnterprise(), newEnterprise(), newEnterprise()]);
    const files = await Promise.all(ents.map((e) => uploadFile(e)));
    const results = await Promise.all(
      ents.map((e, i) =>
        e.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ creditCode: code, licenseFileId: files[i] }) }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('validates every field with Chinese messages and never answers 500', async () => {
    const ent = await newEnterprise();
    const licenseFileId = await uploadFile(ent);
    const cases: [Record<string, unknown>, string][] = [
      [{ creditCode: '91210500mA0Y8B3K1X' }, 'creditCode'],
      [{ creditCode: '9121050' }, 'creditCode'],
      [{ creditCode: '91350100M000100Y44' }, 'creditCode'],
      [{ enterpriseName: '' }, 'enterpriseName'],
      [{ qualification: '五级' }, 'qualification'],
      [{ contactPhone: '12345' }, 'contactPhone'],
      [{ licenseFileId: undefined }, 'licenseFileId'],
      [{ licenseFileId: 'not-a-uuid' }, 'licenseFileId'],
    ];
    for (const [patch, field] of cases) {
      const res = await ent.inject({ method: 'POST', url: '/api/certification', payload: { ...certificationInput({ licenseFileId }), ...patch } });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(body.details.fields)).toContain(field);
      expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it("an enterprise cannot attach another enterprise's file", async () => {
    const a = await newEnterprise();
    const b = await newEnterprise();
    const foreign = await uploadFile(a);
    const res = await b.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId: foreign }) });
    expect(res.statusCode).toBe(400);
  });
});

describe('who may see and decide certifications', () => {
  it("another enterprise gets 404 for the certification's file and cannot reach the admin endpoints", async () => {
    const a = await newEnterprise();
    const b = await newEnterprise();
    const created = (await submit(a)).json();
    const fileId = created.licenseFile.id;

    expect((await a.inject({ method: 'GET', url: `/api/files/${fileId}` })).statusCode).toBe(200);
    const foreign = await b.inject({ method: 'GET', url: `/api/files/${fileId}` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    // b's own view never shows a's certification
    expect((await b.inject({ method: 'GET', url: '/api/certification' })).json().certification).toBeNull();

    for (const url of [`/api/admin/certifications/${created.id}`, '/api/admin/certifications']) {
      const res = await b.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(403);
    }
    const approve = await b.inject({ method: 'POST', url: `/api/admin/certifications/${created.id}/approve` });
    expect(approve.statusCode).toBe(403);

    // the reviewer can open the licence
    const asAdmin = await admin.inject({ method: 'GET', url: `/api/files/${fileId}?inline=1` });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.headers['content-disposition']).toMatch(/^inline; filename=".*"; filename\*=UTF-8''%E8%90%A5/);
  });

  it('other roles cannot submit or review', async () => {
    for (const role of ['hrss', 'authority', 'bank', 'insurer'] as const) {
      const u = await buildUser(ctx, { role });
      const s = await login(ctx, u.phone);
      expect((await s.inject({ method: 'GET', url: '/api/admin/certifications' })).statusCode).toBe(403);
      expect((await s.inject({ method: 'POST', url: '/api/certification', payload: certificationInput() })).statusCode).toBe(403);
    }
  });

  it('unknown or malformed ids answer 404 / 400', async () => {
    const missing = await admin.inject({ method: 'GET', url: '/api/admin/certifications/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    const bad = await admin.inject({ method: 'GET', url: '/api/admin/certifications/abc' });
    expect(bad.statusCode).toBe(400);
  });

  it('20 parallel approvals of one application: exactly one 200 and one audit row', async () => {
    const ent = await newEnterprise();
    const c = (await submit(ent)).json();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => admin.inject({ method: 'POST', url: `/api/admin/certifications/${c.id}/approve` })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(19);
    expect(await auditActions(c.id)).toEqual(['certification.submit', 'certification.approve']);
  });

  it('the review list filters and pages', async () => {
    const ent = await newEnterprise();
    await submit(ent, { enterpriseName: '独一无二筛选测试建设公司' });
    const found = await admin.inject({ method: 'GET', url: `/api/admin/certifications?keyword=${encodeURIComponent('独一无二筛选')}` });
    expect(found.json().total).toBe(1);
    expect(found.json().items[0].enterpriseName).toBe('独一无二筛选测试建设公司');
    const page = await admin.inject({ method: 'GET', url: '/api/admin/certifications?page=1&pageSize=10' });
    expect(page.json()).toMatchObject({ page: 1, pageSize: 10 });
    expect(page.json().total).toBeGreaterThanOrEqual(page.json().items.length);
    const badSize = await admin.inject({ method: 'GET', url: '/api/admin/certifications?pageSize=7' });
    expect(badSize.statusCode).toBe(400);
    const wild = await admin.inject({ method: 'GET', url: `/api/admin/certifications?keyword=${encodeURIComponent('%')}` });
    expect(wild.statusCode).toBe(200);
    expect(wild.json().total).toBe(0);
  });
});
