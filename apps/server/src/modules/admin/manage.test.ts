import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index';
import { buildUser, createTestContext, lastSmsCode, login, orgByName, projectInput, smsCode, type Session, type TestContext } from '../../test/harness';
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
