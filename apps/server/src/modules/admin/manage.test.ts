import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema/index';
import { buildUser, certificationInput, createTestContext, lastSmsCode, login, orgByName, projectInput, smsCode, uploadFile, type Session, type TestContext } from '../../test/harness';
import { passwordProblems } from '@benxi/shared/password';
import { generatePassword } from './manage';

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await login(ctx, (await buildUser(ctx, { role: 'admin' })).phone);
});
afterAll(() => ctx.close());

describe('dictionaries', () => {
  it('lists Benxi regions, the dictionaries and the unit mappings', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/admin/dictionaries' });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.regions.map((r: { code: string }) => r.code)).toEqual(['210500', '210502', '210503', '210504', '210505', '210521', '210522']);
    expect(d.items.filter((i: { dictType: string }) => i.dictType === 'industry_type').map((i: { label: string }) => i.label)).toEqual(['住建', '交通', '水利', '其他']);
    const hrss = d.mappings.find((m: { kind: string; regionCode: string }) => m.kind === 'hrss' && m.regionCode === '210521');
    expect(hrss.orgName).toBe('本溪满族自治县人力资源和社会保障局');
  });

  it('an entry in use cannot be deleted, only disabled; a disabled entry leaves the forms', async () => {
    const ent = await buildUser(ctx, { role: 'enterprise', certified: true });
    const s = await login(ctx, ent.phone);
    expect((await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ projectType: 'municipal' }) })).statusCode).toBe(201);
    const d = (await admin.inject({ method: 'GET', url: '/api/admin/dictionaries' })).json();
    const municipal = d.items.find((i: { code: string; dictType: string }) => i.dictType === 'project_type' && i.code === 'municipal');
    expect(municipal.inUse).toBe(true);
    const del = await admin.inject({ method: 'DELETE', url: `/api/admin/dict-items/${municipal.id}` });
    expect(del.statusCode).toBe(409);
    const off = await admin.inject({ method: 'PATCH', url: `/api/admin/dict-items/${municipal.id}`, payload: { enabled: false } });
    expect(off.statusCode).toBe(200);
    const forms = (await s.inject({ method: 'GET', url: '/api/dictionaries' })).json();
    expect(forms.items.project_type.map((i: { code: string }) => i.code)).not.toContain('municipal');
    const refused = await s.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ projectType: 'municipal' }) });
    expect(refused.statusCode).toBe(400);
    // the existing project still shows its label
    await admin.inject({ method: 'PATCH', url: `/api/admin/dict-items/${municipal.id}`, payload: { enabled: true } });
  });

  it('an unused entry can be added and deleted; duplicates are refused', async () => {
    const add = await admin.inject({ method: 'POST', url: '/api/admin/dict-items', payload: { dictType: 'project_type', code: 'railway', label: '铁路工程', sort: 9 } });
    expect(add.statusCode).toBe(201);
    const dup = await admin.inject({ method: 'POST', url: '/api/admin/dict-items', payload: { dictType: 'project_type', code: 'railway', label: '铁路' } });
    expect(dup.statusCode).toBe(409);
    const item = add.json().items.find((i: { code: string }) => i.code === 'railway');
    expect((await admin.inject({ method: 'DELETE', url: `/api/admin/dict-items/${item.id}` })).statusCode).toBe(200);
  });

  it('a new default mapping moves the default for that key', async () => {
    const city = await orgByName(ctx, '辽宁省本溪市人力资源和社会保障局');
    const res = await admin.inject({ method: 'POST', url: '/api/admin/supervision-mappings', payload: { kind: 'hrss', regionCode: '210505', orgId: city, isDefault: true } });
    expect(res.statusCode).toBe(201);
    const ent = await buildUser(ctx, { role: 'enterprise', certified: true });
    const s = await login(ctx, ent.phone);
    const opts = (await s.inject({ method: 'GET', url: '/api/dictionaries/units?industryType=housing&regionCode=210505' })).json();
    expect(opts.hrss[0]).toMatchObject({ id: city, isDefault: true });
    expect(opts.hrss).toHaveLength(2);
    const wrongType = await admin.inject({ method: 'POST', url: '/api/admin/supervision-mappings', payload: { kind: 'authority', industryType: 'housing', regionCode: '210505', orgId: city } });
    expect(wrongType.statusCode).toBe(400);
    // the same 人社 mapping again (no industry type) is a duplicate too
    const again = await admin.inject({ method: 'POST', url: '/api/admin/supervision-mappings', payload: { kind: 'hrss', regionCode: '210505', orgId: city } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该映射已存在');
  });

  it('non-admins cannot manage', async () => {
    const h = await login(ctx, (await buildUser(ctx, { role: 'hrss' })).phone);
    for (const [method, url] of [['GET', '/api/admin/dictionaries'], ['GET', '/api/admin/organizations'], ['POST', '/api/admin/users']] as const) {
      expect((await h.inject({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode).toBe(403);
    }
  });
});

describe('organisations and users', () => {
  it('creates a district unit under the city one, and a user who gets the first password by SMS and must change it', async () => {
    const cityHousing = await orgByName(ctx, '辽宁省本溪市住房和城乡建设局');
    const org = await admin.inject({
      method: 'POST',
      url: '/api/admin/organizations',
      payload: { type: 'authority', name: '本溪市南芬区交通运输局', regionCode: '210505', parentId: cityHousing, industryType: 'transport' },
    });
    expect(org.statusCode).toBe(201);
    expect(org.json()).toMatchObject({ type: 'authority', parentName: '辽宁省本溪市住房和城乡建设局', userCount: 0 });

    const phone = '13700001234';
    const mismatch = await admin.inject({ method: 'POST', url: '/api/admin/users', payload: { phone, name: '刘主任', role: 'hrss', orgId: org.json().id } });
    expect(mismatch.statusCode).toBe(400);
    const created = await admin.inject({ method: 'POST', url: '/api/admin/users', payload: { phone, name: '刘主任', role: 'authority', orgId: org.json().id } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ phone, role: 'authority', orgName: '本溪市南芬区交通运输局' });
    const again = await admin.inject({ method: 'POST', url: '/api/admin/users', payload: { phone, name: '刘主任', role: 'authority', orgId: org.json().id } });
    expect(again.statusCode).toBe(409);

    const firstPassword = await lastSmsCode(ctx, phone);
    expect(passwordProblems(firstPassword, phone)).toEqual([]);
    const code = await smsCode(ctx, phone, 'login');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password: firstPassword, smsCode: code } });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = `bx_session=${res.cookies.find((c) => c.name === 'bx_session')!.value}`;
    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } });
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      payload: { oldPassword: firstPassword, newPassword: 'Nanfen#Traffic2026' },
    });
    expect(changed.statusCode).toBe(200);
    const [u] = await ctx.database.db.select().from(users).where(eq(users.phone, phone));
    expect(u!.mustChangePassword).toBe(false);

    // admin reset: a temporary password by SMS, must change again
    const reset = await admin.inject({ method: 'POST', url: `/api/admin/users/${u!.id}/reset-password` });
    expect(reset.statusCode).toBe(200);
    const temp = await lastSmsCode(ctx, phone);
    expect(temp).not.toBe(firstPassword);
    const [after] = await ctx.database.db.select().from(users).where(eq(users.phone, phone));
    expect(after!.mustChangePassword).toBe(true);
  });

  it('enterprise accounts are not created by admin', async () => {
    const e = await buildUser(ctx, { role: 'enterprise', certified: true });
    const res = await admin.inject({ method: 'POST', url: '/api/admin/users', payload: { phone: '13700009999', name: '某人', role: 'enterprise', orgId: e.orgId } });
    expect(res.statusCode).toBe(400);
  });

  it('lists organisations by type with user counts', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/admin/organizations?type=hrss&pageSize=20' });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThanOrEqual(7); // the seven bureaus, plus any a test made
    const district = res.json().items.find((o: { name: string }) => o.name === '本溪市平山区人力资源和社会保障局');
    expect(district.parentName).toBe('辽宁省本溪市人力资源和社会保障局');
  });

  it('generated passwords always satisfy the policy', () => {
    for (let i = 0; i < 10; i++) expect(passwordProblems(generatePassword('13800000001'), '13800000001')).toEqual([]);
  });
});

describe('审计日志 names each row’s object', () => {
  type Row = { action: string; targetType: string; targetId: string | null; targetLabel: string | null };
  const auditOf = async (targetId: string): Promise<Row[]> => {
    const res = await admin.inject({ method: 'GET', url: `/api/admin/audit?targetId=${encodeURIComponent(targetId)}&pageSize=50` });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const labels = async (targetId: string) => (await auditOf(targetId)).map((r) => [r.action, r.targetLabel]);

  it('a project by 工程名称, a user by phone and name, a certification by RZ number, a file by its name', async () => {
    // project creation
    const ent = await buildUser(ctx, { role: 'enterprise', certified: true, orgName: '本溪审计建工有限公司' });
    const es = await login(ctx, ent.phone);
    const p = await es.inject({ method: 'POST', url: '/api/projects', payload: projectInput({ name: '本溪市审计日志测试工程' }) });
    expect(p.statusCode).toBe(201);
    expect(await labels(p.json().id)).toEqual([['project.create', '本溪市审计日志测试工程']]);
    // a 定额申请 by its project's name
    const q = await es.inject({
      method: 'POST',
      url: '/api/quota-applications',
      payload: { projectId: p.json().id, contractAmount: '20000000.00', prepayMode: 'ratio', prepayRatio: '2', applyType: 'general', payMethod: 'guarantee', handlerName: '张三全', handlerPhone: '13455554444' },
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(await labels(q.json().id)).toEqual([['quota.submit', '本溪市审计日志测试工程']]);

    // user creation and disable
    const phone = '13700004321';
    const created = await admin.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: { phone, name: '王科长', role: 'hrss', orgId: await orgByName(ctx, '本溪市平山区人力资源和社会保障局') },
    });
    expect(created.statusCode).toBe(201);
    const userId = created.json().id as string;
    expect((await admin.inject({ method: 'POST', url: `/api/admin/users/${userId}/disable` })).statusCode).toBe(200);
    expect(await labels(userId)).toEqual([
      ['user.disable', `${phone} 王科长`],
      ['user.create', `${phone} 王科长`],
    ]);
    // a user without a name shows the phone alone
    const u2 = await buildUser(ctx, { role: 'enterprise', certified: true });
    expect((await admin.inject({ method: 'POST', url: `/api/admin/users/${u2.id}/disable` })).statusCode).toBe(200);
    expect(await labels(u2.id)).toEqual([['user.disable', u2.phone]]);

    // certification submit and approve; the uploaded licence file by its name
    const raw = await buildUser(ctx, { role: 'enterprise' });
    const rs = await login(ctx, raw.phone);
    const licenseFileId = await uploadFile(rs, '审计营业执照.pdf');
    expect(await labels(licenseFileId)).toEqual([['file.upload', '审计营业执照.pdf']]);
    const sub = await rs.inject({ method: 'POST', url: '/api/certification', payload: certificationInput({ licenseFileId }) });
    expect(sub.statusCode).toBe(201);
    const cert = sub.json() as { id: string; bizCode: string };
    expect(cert.bizCode).toMatch(/^RZ\d{20}$/);
    expect((await admin.inject({ method: 'POST', url: `/api/admin/certifications/${cert.id}/approve` })).statusCode).toBe(200);
    expect(await labels(cert.id)).toEqual([
      ['certification.approve', cert.bizCode],
      ['certification.submit', cert.bizCode],
    ]);
  });

  it('an unnamed organization, a deleted target, an odd id and an unknown type', async () => {
    const raw = await buildUser(ctx, { role: 'enterprise' });
    const ghost = '00000000-0000-4000-8000-0000000a0d17';
    const at = ctx.clock.now();
    await ctx.database.db.insert(auditLog).values([
      { at, action: 'org.test', targetType: 'organization', targetId: raw.orgId },
      { at, action: 'user.test', targetType: 'user', targetId: ghost },
      { at, action: 'project.test', targetType: 'project', targetId: 'not-a-number' },
      { at, action: 'project.test', targetType: 'project', targetId: '99999999999999999999' },
      { at, action: 'calendar.test', targetType: 'calendar', targetId: '2026-10-01' },
      { at, action: 'hasOwnProperty.test', targetType: 'hasOwnProperty', targetId: 'x' },
    ]);
    expect(await labels(raw.orgId)).toEqual([['org.test', '（未认证企业）']]);
    expect(await labels(ghost)).toEqual([['user.test', null]]);
    expect(await labels('not-a-number')).toEqual([['project.test', null]]);
    expect(await labels('99999999999999999999')).toEqual([['project.test', null]]);
    expect(await labels('2026-10-01')).toEqual([['calendar.test', null]]);
    expect(await labels('x')).toEqual([['hasOwnProperty.test', null]]);

    // a whole page of mixed rows resolves in one go
    const page = await admin.inject({ method: 'GET', url: '/api/admin/audit?pageSize=100' });
    expect(page.statusCode).toBe(200);
    const items: Row[] = page.json().items;
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((r) => r.targetLabel === null || typeof r.targetLabel === 'string')).toBe(true);
    expect(items.find((r) => r.targetId === raw.orgId)!.targetLabel).toBe('（未认证企业）');
  });
});
